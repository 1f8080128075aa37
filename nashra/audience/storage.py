"""Adding counted views to the buckets and totals, and rebuilding totals from buckets.

Callers hold the transaction: a batch's buckets, totals and its applied-marker commit
together or not at all, which is what makes the flush exactly-once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import connection
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from nashra.audience.models import DailyViews, HourlyViews, ViewTotal
from nashra.newsroom.models import ArticlePage

Counts = Mapping[tuple[int, datetime], int]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def add_counts(counts: Counts) -> int:
    """Add views per (article, hour) to the buckets and totals; returns views added.

    Views of an article deleted since they were taken have nowhere to go and are dropped.
    """
    existing = set(
        ArticlePage.objects.filter(pk__in={article for article, _ in counts}).values_list(
            "pk", flat=True
        )
    )
    rows = [(a, hour, n) for (a, hour), n in counts.items() if a in existing and n > 0]
    if not rows:
        return 0
    hourly = _q(HourlyViews._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {hourly} (article_id, hour, views) VALUES (%s, %s, %s) "
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {hourly}.views + excluded.views",
            [(a, connection.ops.adapt_datetimefield_value(hour), n) for a, hour, n in rows],
        )
    per_article: dict[int, int] = defaultdict(int)
    for article, _, n in rows:
        per_article[article] += n
    add_to_totals(per_article)
    return sum(per_article.values())


def add_to_totals(per_article: Mapping[int, int]) -> None:
    totals = _q(ViewTotal._meta.db_table)
    pages = _q(ArticlePage._meta.db_table)
    with connection.cursor() as cursor:
        # The first time an article is counted, its total starts from the figure it
        # already had (an imported story's old count), which is kept as `base`.
        cursor.executemany(
            f"INSERT INTO {totals} (article_id, base, total) "
            f"SELECT page_ptr_id, view_count, view_count + %s FROM {pages} "
            f"WHERE page_ptr_id = %s "
            f"ON CONFLICT (article_id) DO UPDATE SET total = {totals}.total + %s",
            [(n, article, n) for article, n in per_article.items()],
        )
    show_totals(per_article.keys())


def show_totals(article_ids: Iterable[int]) -> None:
    """Copy totals onto the articles, where the page shows them without another query."""
    ArticlePage.objects.filter(pk__in=list(article_ids)).update(
        view_count=Coalesce(
            Subquery(ViewTotal.objects.filter(article_id=OuterRef("pk")).values("total")[:1]),
            F("view_count"),
        )
    )


def rebuild_totals(article_ids: list[int]) -> None:
    """Set each total to its base plus every bucket, hourly and daily."""
    hourly = dict(
        HourlyViews.objects.filter(article_id__in=article_ids)
        .values("article_id").annotate(n=Sum("views")).values_list("article_id", "n")
    )
    daily = dict(
        DailyViews.objects.filter(article_id__in=article_ids)
        .values("article_id").annotate(n=Sum("views")).values_list("article_id", "n")
    )
    totals = list(ViewTotal.objects.filter(article_id__in=article_ids))
    for row in totals:
        row.total = row.base + (hourly.get(row.article_id) or 0) + (daily.get(row.article_id) or 0)
    ViewTotal.objects.bulk_update(totals, ["total"])
    show_totals(article_ids)
