"""The audience's `nashra` commands: flush, rebuild totals, prune."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from nashra.audience import clock, counting
from nashra.audience.models import AppliedBatch, DailyViews, HourlyViews, ViewTotal
from nashra.conftest import Terminal
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return factories.article(factories.section(), "خبر عن مهرجان المسرح", view_count=40)


def run(*args: str, stderr: Any = None) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def test_flush_views_reports_what_it_moved(story, counting_mode) -> None:
    for n in range(3):
        counting.record(story.pk, f"r{n}")

    assert f"Flushed 3 views in 1 batches ({counting_mode} mode)." in run("flush_views")
    story.refresh_from_db()
    assert story.view_count == 43


def test_rebuild_view_totals_sets_base_plus_buckets(story, database_mode) -> None:
    counting.record(story.pk, "r1")
    run("flush_views")
    DailyViews.objects.create(article=story, day=datetime(2025, 1, 1).date(), views=7)
    ViewTotal.objects.filter(article=story).update(total=999_999)

    output = run("rebuild_view_totals")

    assert "Rebuilt the totals of 1 articles." in output
    assert ViewTotal.objects.get(article=story).total == 40 + 1 + 7
    story.refresh_from_db()
    assert story.view_count == 48


def test_prune_views_rolls_old_hours_into_days_and_keeps_totals(
    story, database_mode, terminal: Terminal
) -> None:
    today = clock.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    old_day = today - timedelta(days=40)
    for hour in (1, 5, 23):
        HourlyViews.objects.create(article=story, hour=old_day + timedelta(hours=hour), views=2)
    HourlyViews.objects.create(article=story, hour=today - timedelta(days=3), views=4)
    ViewTotal.objects.create(article=story, base=40, total=50)
    AppliedBatch.objects.create(key="old", views=1)
    AppliedBatch.objects.filter(key="old").update(applied_at=old_day)

    output = run("prune_views", "--keep-days", "30", stderr=terminal.stream)

    assert "Rolled 3 hourly buckets" in output
    assert "prune" in terminal.text()  # the progress bar, on the operator's terminal
    assert "prune" not in output  # and not among the results, which a log keeps
    assert HourlyViews.objects.count() == 1
    assert list(DailyViews.objects.values_list("day", "views")) == [(old_day.date(), 6)]
    assert not AppliedBatch.objects.exists()
    run("rebuild_view_totals")
    assert ViewTotal.objects.get(article=story).total == 50


def test_prune_views_refuses_to_eat_the_weekly_list(database_mode) -> None:
    with pytest.raises(CommandError, match="at least 8"):
        run("prune_views", "--keep-days", "3")
