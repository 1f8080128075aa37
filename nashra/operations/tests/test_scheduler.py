from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.operations.scheduler import Job, Scheduler

# The scheduler closes its database connection after each job, as a long-lived loop must;
# that needs real transactions rather than a test wrapped in one.
pytestmark = pytest.mark.django_db(transaction=True)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def schedule_story(go_live_in: timedelta) -> ArticlePage:
    """A story an editor scheduled, `go_live_in` from now (negative: the time has passed)."""
    article = factories.article(factories.section(), "خبر مجدول للنشر", live=False)
    article.go_live_at = timezone.now() + timedelta(days=1)
    revision = article.save_revision()
    revision.publish()  # a future go_live_at makes this a scheduled publication
    article.refresh_from_db()
    assert not article.live and article.scheduled_revision is not None
    # Let time pass: the approved revision is now due (or not yet) at go_live_in.
    due = timezone.now() + go_live_in
    revision.content["go_live_at"] = due.isoformat()
    revision.approved_go_live_at = due
    revision.save(update_fields=["content", "approved_go_live_at"])
    return article


def test_a_tick_publishes_a_story_whose_time_has_come() -> None:
    article = schedule_story(go_live_in=timedelta(seconds=-30))
    scheduler = Scheduler.from_schedule([("publish_scheduled", 60)])

    assert scheduler.tick() == ["publish_scheduled"]

    article.refresh_from_db()
    assert article.live


def test_a_tick_leaves_a_story_scheduled_for_later_alone() -> None:
    article = schedule_story(go_live_in=timedelta(hours=1))

    Scheduler.from_schedule([("publish_scheduled", 60)]).tick()

    article.refresh_from_db()
    assert not article.live


def test_each_job_runs_again_only_after_its_interval() -> None:
    clock = FakeClock()
    scheduler = Scheduler([Job("check", 60)], clock=clock)

    assert scheduler.tick() == ["check"]
    clock.now += 59
    assert scheduler.tick() == []
    assert scheduler.seconds_to_next() == pytest.approx(1)
    clock.now += 1
    assert scheduler.tick() == ["check"]


def test_a_failing_job_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    article = schedule_story(go_live_in=timedelta(seconds=-1))
    scheduler = Scheduler.from_schedule([("no_such_command", 60), ("publish_scheduled", 60)])

    assert scheduler.tick() == ["no_such_command", "publish_scheduled"]

    article.refresh_from_db()
    assert article.live
    assert "no_such_command failed" in caplog.text
