"""What moves the page cache's stamps (see page_cache.py): every change a reader may see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.comments.models import CommentSettings
from nashra.comments.signals import comments_changed
from nashra.core.models import SiteSettings
from nashra.newsroom.models import ArticlePage
from nashra.newsroom.share_cards import share_card_drawn
from nashra.operations.page_cache import stamps
from nashra.pictures.signals import renditions_made


def _purge_proxy(paths: list[str]) -> None:
    """Tell the caching proxy in front (deploy/nginx.conf), when there is one."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache([settings.SITE_URL + path for path in dict.fromkeys(paths)])


def affected_paths(page: Any) -> list[str]:
    """The addresses that list or show ``page``: what the proxy must drop at once."""
    paths = ["/", "/feed/", "/feed/atom/", "/sitemap.xml"]
    url = getattr(page, "url", None)
    if not url:
        return paths
    paths += [url]
    page = page.specific if isinstance(page, Page) else page
    if isinstance(page, ArticlePage):
        paths.append(url + "print/")
        section = page.get_parent()
        if section is not None and section.url:
            paths += [
                section.url,
                f"/feed/section/{section.slug}/",
                f"/feed/section/{section.slug}/atom/",
                f"/sitemap-{section.slug}.xml",
            ]
        for tag in page.tags.all():
            paths += [f"/tag/{tag.slug}/", f"/feed/tag/{tag.slug}/", f"/feed/tag/{tag.slug}/atom/"]
    return paths


def _page_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    paths = affected_paths(instance) if isinstance(instance, Page) else ["/"]

    def purge() -> None:
        stamps.move_site()
        _purge_proxy(paths)

    transaction.on_commit(purge)


def _comments_changed(sender: Any, article: Any, **kwargs: Any) -> None:
    path = article.url or ""
    changed = [path, path + "print/"]
    for each in changed:
        stamps.move_path(each)
    _purge_proxy(changed)


def _picture_ready(sender: Any, picture: Any, **kwargs: Any) -> None:
    """New renditions: the live pages showing the picture are drawn again with them."""
    pages = [
        found.specific for found, _references in picture.get_usage()
        if isinstance(found, Page) and found.live
    ]
    if not pages:
        return  # A picture no published page shows yet: nothing a reader has seen changes.
    stamps.move_site()
    _purge_proxy([path for page in pages for path in affected_paths(page)])


def _share_card_drawn(sender: Any, story: ArticlePage, **kwargs: Any) -> None:
    stamps.move_site()
    _purge_proxy(affected_paths(story))


def connect() -> None:
    renditions_made.connect(_picture_ready, dispatch_uid="nashra-page-cache-pictures")
    share_card_drawn.connect(_share_card_drawn, dispatch_uid="nashra-page-cache-share-cards")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"nashra-page-cache-{id(signal)}")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="nashra-page-cache-delete")
    for setting in (SiteSettings, CommentSettings):
        post_save.connect(
            _page_changed, sender=setting, dispatch_uid=f"nashra-page-cache-{setting}"
        )
    comments_changed.connect(_comments_changed, dispatch_uid="nashra-page-cache-comments")
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
