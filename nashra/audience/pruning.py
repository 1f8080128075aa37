"""Old hourly buckets become one row per article and day; totals do not change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Sum

from nashra.audience import clock
from nashra.audience.models import AppliedBatch, DailyViews, HourlyViews

DEFAULT_KEEP_DAYS = 30
MINIMUM_KEEP_DAYS = 8


@dataclass
class PruneReport:
    days: int = 0
    hourly_rows: int = 0
    markers: int = 0


def prune(keep_days: int, progress: Callable[[int, int], None] | None = None) -> PruneReport:
    report = PruneReport()
    today = clock.now().astimezone(UTC).date()
    horizon = datetime.combine(today - timedelta(days=keep_days), time(0), tzinfo=UTC)
    first = HourlyViews.objects.filter(hour__lt=horizon).order_by("hour").first()
    if first is not None:
        day = first.hour.astimezone(UTC).date()
        days = (horizon.date() - day).days
        for n in range(days):
            report.hourly_rows += roll_up_day(day + timedelta(days=n))
            report.days += 1
            if progress:
                progress(n + 1, days)
    report.markers, _ = AppliedBatch.objects.filter(applied_at__lt=horizon).delete()
    return report


def roll_up_day(day: date) -> int:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    hours = HourlyViews.objects.filter(hour__gte=start, hour__lt=start + timedelta(days=1))
    table = connection.ops.quote_name(DailyViews._meta.db_table)
    with transaction.atomic():
        sums = list(hours.values("article_id").annotate(n=Sum("views")).values_list(
            "article_id", "n"
        ))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "
                f"ON CONFLICT (article_id, day) "
                f"DO UPDATE SET views = {table}.views + excluded.views",
                [(a, connection.ops.adapt_datefield_value(day), n) for a, n in sums],
            )
        deleted, _ = hours.delete()
    return deleted
