"""What moves the page cache's stamps (see page_cache.py): every change a reader may see.

This layer sits below the content apps and knows pages only as Wagtail's: a page type
that is also shown at other addresses (a story's section, tags, print view) says so with
`also_shown_at()`, and the apps above call `purge_pages` / `purge_paths` for changes of
their own (comments, drawn share cards).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.operations.page_cache import stamps
from nashra.operations.site_settings import site_setting_models
from nashra.pictures.signals import renditions_made


def _purge_proxy(paths: list[str]) -> None:
    """Tell the caching proxy in front (deploy/nginx.conf), when there is one."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # As browsers send them, and as the proxy keys its copies: an Arabic tag's or
        # author's address percent-encoded (a raw one cannot even be sent in a request).
        purge_urls_from_cache(
            [settings.SITE_URL + iri_to_uri(path) for path in dict.fromkeys(paths)]
        )


def affected_paths(page: Any) -> list[str]:
    """The addresses that list or show ``page``: what the proxy must drop at once."""
    paths = ["/", "/feed/", "/feed/atom/", "/sitemap.xml"]
    url = getattr(page, "url", None)
    if not url:
        return paths
    paths += [url]
    page = page.specific if isinstance(page, Page) else page
    also_shown_at = getattr(page, "also_shown_at", None)
    if also_shown_at is not None:
        paths += also_shown_at()
    return paths


def _page_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    paths = affected_paths(instance) if isinstance(instance, Page) else ["/"]

    def purge() -> None:
        stamps.move_site()
        _purge_proxy(paths)

    transaction.on_commit(purge)


def purge_paths(paths: list[str]) -> None:
    """Only these addresses changed (a story's comments): the rest of the site stays."""
    for each in paths:
        stamps.move_path(each)
    _purge_proxy(paths)


def purge_pages(pages: list[Page]) -> None:
    """Everything that shows these pages changed, now (a drawn share card, new renditions)."""
    stamps.move_site()
    _purge_proxy([path for page in pages for path in affected_paths(page)])


def _picture_ready(sender: Any, picture: Any, **kwargs: Any) -> None:
    """New renditions: the live pages showing the picture are drawn again with them."""
    pages = [
        found.specific for found, _references in picture.get_usage()
        if isinstance(found, Page) and found.live
    ]
    if not pages:
        return  # A picture no published page shows yet: nothing a reader has seen changes.
    purge_pages(pages)


def connect() -> None:
    renditions_made.connect(_picture_ready, dispatch_uid="nashra-page-cache-pictures")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"nashra-page-cache-{id(signal)}")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="nashra-page-cache-delete")
    for setting in site_setting_models():
        post_save.connect(
            _page_changed, sender=setting, dispatch_uid=f"nashra-page-cache-{setting}"
        )
    # A restriction hides a page that caches may hold, and the site lookup remembers
    # whether any exists (site_lookup.SiteRecords.restricted).
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed, sender=PageViewRestriction,
            dispatch_uid=f"nashra-page-cache-restriction-{id(signal)}",
        )


def _restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    try:
        page = Page.objects.get(pk=instance.page_id).specific
    except ObjectDoesNotExist:
        # The page is being deleted with its restrictions: its own signal purges for it.
        page = None
    _page_changed(sender, instance=page)
