"""The search tests' newsroom, built once per module and committed, then removed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from taggit.models import Tag

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, SectionPage

from .corpus import STORIES

SECTIONS = {"politics": "سياسة", "economy": "اقتصاد", "society": "مجتمع"}


def build_story(section: SectionPage, story: dict[str, Any], **extra: Any) -> ArticlePage:
    return factories.article(
        section,
        story["title"],
        slug=story["slug"],
        standfirst=story["standfirst"],
        dateline=story["dateline"],
        body=[("paragraph", f"<p>{story['body']}</p>")],
        tags=story["tags"],
        sources=[("وكالة الأنباء الأردنية", "")],
        published_at=timezone.now() - timedelta(hours=story["hours_ago"]),
        **extra,
    )


@pytest.fixture(scope="module")
def newsroom(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, ArticlePage]]:
    """Every corpus story, published and indexed (outside a transaction, as in production)."""
    with django_db_blocker.unblock():
        sections = {
            key: factories.section(title, slug=f"search-{key}")
            for key, title in SECTIONS.items()
        }
        stories = {
            story["slug"]: build_story(sections[story["section"]], story) for story in STORIES
        }
        try:
            yield stories
        finally:
            for section in sections.values():
                SectionPage.objects.get(pk=section.pk).delete()
            names = {tag for story in STORIES for tag in story["tags"]}
            Tag.objects.filter(name__in=names, newsroom_articletag_items=None).delete()
