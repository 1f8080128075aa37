"""What the editors' dashboard shows: today's top stories, views per section, an article's hours."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Sum
from django.utils import timezone

from nashra.audience import clock
from nashra.audience.models import HourlyViews
from nashra.newsroom.models import ArticlePage, SectionPage


@dataclass
class Row:
    label: str
    views: int
    article: ArticlePage | None = None


def start_of_today() -> datetime:
    """Midnight in the site's time zone, as the first hour bucket of "today"."""
    local = timezone.localtime(clock.now())
    return clock.hour_of(local.replace(hour=0, minute=0, second=0, microsecond=0))


def views_by_article_since(since: datetime) -> dict[int, int]:
    return dict(
        HourlyViews.objects.filter(hour__gte=since)
        .values("article_id").annotate(n=Sum("views")).values_list("article_id", "n")
    )


def top_stories_today(limit: int = 10) -> list[Row]:
    counts = views_by_article_since(start_of_today())
    top = sorted(counts.items(), key=lambda item: (item[1], item[0]), reverse=True)[:limit]
    pages = ArticlePage.objects.filter(pk__in=[pk for pk, _ in top]).only(
        "id", "title", "live"
    ).in_bulk()
    return [Row(pages[pk].title, views, pages[pk]) for pk, views in top if pk in pages]


def views_per_section_today() -> list[Row]:
    counts = views_by_article_since(start_of_today())
    paths = dict(ArticlePage.objects.filter(pk__in=counts).values_list("pk", "path"))
    sections = {
        page.path: page.title
        for page in SectionPage.objects.only("path", "title")
    }
    per_section: dict[str, int] = defaultdict(int)
    for pk, views in counts.items():
        path = paths.get(pk)
        if path is not None:
            # A Wagtail path is the parent's path plus one step of steplen characters.
            per_section[sections.get(path[: -ArticlePage.steplen], "—")] += views
    return [
        Row(title, views)
        for title, views in sorted(per_section.items(), key=lambda item: item[1], reverse=True)
    ]


def hourly_views(article_id: int, hours: int = 48) -> list[tuple[datetime, int]]:
    """Views in each of the last `hours` hours, oldest first, zero where none."""
    last = clock.hour_of(clock.now())
    first = last - timedelta(hours=hours - 1)
    found = dict(
        HourlyViews.objects.filter(article_id=article_id, hour__gte=first, hour__lte=last)
        .values_list("hour", "views")
    )
    return [
        (timezone.localtime(first + timedelta(hours=n)), found.get(first + timedelta(hours=n), 0))
        for n in range(hours)
    ]
