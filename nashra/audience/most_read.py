"""The most-read stories of the last 24 hours and the last 7 days, from the buckets.

A window is whole UTC hours: the current hour and the 23 (or 167) before it. The lists
are cached for a few minutes and dropped when a story is unpublished or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Q, Sum

from nashra.audience import clock
from nashra.audience.models import HourlyViews
from nashra.newsroom.models import ArticlePage
from nashra.pictures.renditions import only_card_renditions

CACHE_KEY = "audience:most-read"
CACHE_SECONDS = 300
LIST_LENGTH = 5


@dataclass
class MostRead:
    day: list[ArticlePage]
    week: list[ArticlePage]

    def __bool__(self) -> bool:
        return bool(self.day or self.week)


def ranking(
    limit: int = LIST_LENGTH, now: datetime | None = None
) -> tuple[list[int], list[int]]:
    """Ids of the most-read live stories: (last 24 hours, last 7 days), most read first."""
    current = clock.hour_of(now or clock.now())
    day_start = current - timedelta(hours=23)
    week_start = current - timedelta(hours=24 * 7 - 1)
    rows = list(
        HourlyViews.objects.filter(hour__gte=week_start, hour__lte=current, article__live=True)
        .values("article_id")
        .annotate(day=Sum("views", filter=Q(hour__gte=day_start)), week=Sum("views"))
        .values_list("article_id", "day", "week")
    )
    # Ties go to the newer story (higher id), so the order is stable between renders.
    by_day = sorted((r for r in rows if r[1]), key=lambda r: (r[1], r[0]), reverse=True)
    by_week = sorted(rows, key=lambda r: (r[2], r[0]), reverse=True)
    return [r[0] for r in by_day[:limit]], [r[0] for r in by_week[:limit]]


def compute(limit: int = LIST_LENGTH, now: datetime | None = None) -> MostRead:
    day, week = ranking(limit, now)
    cards = ArticlePage.objects.published().for_cards().in_bulk({*day, *week})
    for card in cards.values():
        # Kept in the cache and read by every page: only the thumbnails a card shows.
        only_card_renditions(card.lead_image)
    return MostRead(
        day=[cards[pk] for pk in day if pk in cards],
        week=[cards[pk] for pk in week if pk in cards],
    )


def most_read() -> MostRead:
    found = cache.get(CACHE_KEY)
    if isinstance(found, MostRead):
        return found
    found = compute()
    cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget() -> None:
    cache.delete(CACHE_KEY)
