"""Page trees for tests and benchmarks: a home, sections and published articles."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from wagtail.models import Site

from nashra.newsroom.models import ArticlePage, ArticleSource, HomePage, SectionPage

_numbers = itertools.count(1)


def home_page() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


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
