"""A story covered live, and the caching proxy's purge endpoint, for the live tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from nashra.live.models import start_coverage
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage

# `proxy`: the page cache on, stamps of the test's own, and a proxy that logs its purges.
from nashra.newsroom.tests.test_corrections import proxy  # noqa: F401

STORY_PUBLISHED = datetime(2026, 3, 14, 6, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def covered() -> ArticlePage:
    """A published story, covered live from now on, with no entries yet."""
    floods = factories.section("محليات", slug="local")
    story = factories.article(
        floods,
        "سيول في الأغوار: تغطية مباشرة",
        slug="floods",
        published_at=STORY_PUBLISHED,
    )
    start_coverage(story)
    return ArticlePage.objects.get(pk=story.pk)
