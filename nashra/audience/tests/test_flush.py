"""Moving taken views into the buckets: exactly once, across crashes and repeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Sum

from nashra.audience import clock, counting
from nashra.audience import flush as flushing
from nashra.audience.models import AppliedBatch, HourlyViews, PendingView, ViewTotal
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return factories.article(factories.section(), "خبر عن معرض الكتاب السنوي", view_count=100)


def take(article, readers: int, at: datetime | None = None, first: int = 0) -> None:
    for n in range(first, first + readers):
        assert counting.record(article.pk, f"reader-{n}", at)


def bucket_views(article) -> dict[datetime, int]:
    return {
        row.hour.astimezone(UTC): row.views for row in HourlyViews.objects.filter(article=article)
    }


def test_a_flush_puts_views_in_their_hours_and_the_total(story, counting_mode) -> None:
    hour = clock.hour_of(clock.now()) - timedelta(hours=3)
    take(story, 2, at=hour + timedelta(minutes=59, seconds=59))
    take(story, 3, at=hour + timedelta(hours=1), first=10)

    report = flushing.flush()

    assert report.views == 5
    assert bucket_views(story) == {hour: 2, hour + timedelta(hours=1): 3}
    total = ViewTotal.objects.get(article=story)
    assert (total.base, total.total) == (100, 105)
    story.refresh_from_db()
    assert story.view_count == 105


def test_flushing_again_adds_nothing(story, counting_mode) -> None:
    take(story, 4)
    assert flushing.flush().views == 4
    assert flushing.flush().views == 0
    take(story, 1, first=50)
    assert flushing.flush().views == 1

    story.refresh_from_db()
    assert story.view_count == 105
    assert HourlyViews.objects.aggregate(n=Sum("views"))["n"] == 5
    assert not PendingView.objects.exists()


def test_views_of_an_article_deleted_before_the_flush_are_dropped(story, counting_mode) -> None:
    other = factories.article(story.get_parent(), "خبر سيُحذف قبل النقل")
    take(story, 2)
    take(other, 3, first=10)
    other.delete()

    assert flushing.flush().views == 2
    assert set(HourlyViews.objects.values_list("article_id", flat=True)) == {story.pk}


def test_a_flush_stopped_before_its_commit_loses_nothing(story, redis_mode) -> None:
    take(story, 3)
    batch = flushing.claim()  # the flushing process dies here, before the database
    assert batch is not None and sum(batch.counts.values()) == 3
    take(story, 2, first=20)  # views keep coming meanwhile

    report = flushing.flush()

    assert report.views == 5 and report.batches == 2
    story.refresh_from_db()
    assert story.view_count == 105


def test_a_flush_stopped_after_its_commit_does_not_count_twice(story, redis_mode) -> None:
    take(story, 3)
    batch = flushing.claim()
    assert batch is not None
    assert flushing.apply(batch) == 3  # committed; the process dies before releasing

    report = flushing.flush()

    assert report.views == 0 and report.skipped_batches == 1
    story.refresh_from_db()
    assert story.view_count == 103
    assert AppliedBatch.objects.get().key == batch.key
    assert flushing.claim() is None


def test_two_flushes_of_one_batch_apply_it_once(story, redis_mode) -> None:
    take(story, 3)
    first = flushing.claim()
    second = flushing.claim()
    assert first is not None and second is not None and first.key == second.key

    assert flushing.apply(first) == 3
    assert flushing.apply(second) is None
    story.refresh_from_db()
    assert story.view_count == 103


def test_a_view_taken_is_in_the_database_before_the_reply_in_database_mode(
    story, database_mode
) -> None:
    take(story, 2)
    assert PendingView.objects.filter(article_id=story.pk).count() == 2
    assert not counting.record(story.pk, "reader-0")
