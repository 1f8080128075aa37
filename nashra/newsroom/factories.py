"""Page trees for tests and benchmarks: a home, sections and published articles."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from nashra.core.signals import site_url_host_and_port
from nashra.newsroom.models import ArticlePage, ArticleSource, HomePage, SectionPage

_numbers = itertools.count(1)


def home_page() -> HomePage:
    """The default site's home page, rebuilt if a transactional test flushed the tree.

    Migrations make the root, the home page and the site; a transactional test's flush
    removes them, and Django's serialized rollback cannot bring them back while
    Playwright's event loop runs on the test thread (its connections are per context).
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    # Images and documents live in collections; the flush removed their root too.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="الرئيسية", slug="home"))
    hostname, port = site_url_host_and_port()
    Site.objects.create(
        hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="نشرة"
    )
    return home


def section(title: str = "سياسة", slug: str | None = None, **fields: Any) -> SectionPage:
    page = SectionPage(
        title=title, slug=slug or f"section-{next(_numbers)}", show_in_menus=True, **fields
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def article(
    parent: SectionPage,
    title: str = "الحكومة تقر خطة لتحديث شبكات المياه",
    *,
    published_at: datetime | None = None,
    sources: list[tuple[str, str]] = (),  # type: ignore[assignment]
    tags: list[str] = (),  # type: ignore[assignment]
    live: bool = True,
    **fields: Any,
) -> ArticlePage:
    """An article under `parent`, published at `published_at` (default: an hour ago)."""
    fields.setdefault("body", [("paragraph", "<p>نص الخبر في فقرته الأولى.</p>")])
    fields.setdefault("slug", f"article-{next(_numbers)}")
    page = ArticlePage(
        title=title,
        first_published_at=published_at or timezone.now() - timedelta(hours=1),
        **fields,
    )
    for order, (name, url) in enumerate(sources):
        page.sources.add(ArticleSource(name=name, url=url, sort_order=order))
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return page
