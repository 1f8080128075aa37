"""Exactness with real app processes: two gunicorn servers, a crash, two flushes at once."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from nashra.audience.models import HourlyViews, ViewTotal
from nashra.audience.tests.conftest import reader_headers
from nashra.audience.tests.servers import gunicorn_servers, kill_hard, post, run_command
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 40


def test_every_acknowledged_view_is_counted_once_across_processes_and_a_crash(
    tmp_path: Path, counting_mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    section = factories.section("محليات", slug="local")
    stories = [
        factories.article(section, "افتتاح مكتبة عامة في الحي القديم", slug="library",
                          view_count=1000),
        factories.article(section, "بدء العام الدراسي في موعده", slug="school"),
    ]

    with gunicorn_servers(2, tmp_path) as servers:
        # Every reader opens every story once through each server: only the first of the
        # two beacons is a view, whichever process takes it.
        beacons = [
            (server.port, story.pk, reader)
            for reader in range(READERS) for story in stories for server in servers
        ]

        def send(beacon: tuple[int, int, int]) -> tuple[int, str]:
            port, article, reader = beacon
            return post(port, f"/audience/views/{article}/", reader_headers(reader))

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = Counter(pool.map(send, beacons))
        for server in servers:
            kill_hard(server)

    assert answers == {(204, "counted"): READERS * 2, (204, "repeat"): READERS * 2}

    flushes = [run_command(tmp_path, "flush_views") for _ in range(2)]
    outputs = [flush.communicate(timeout=120)[0] for flush in flushes]
    assert [flush.returncode for flush in flushes] == [0, 0], outputs

    totals = dict(ViewTotal.objects.values_list("article_id", "total"))
    assert totals == {stories[0].pk: 1000 + READERS, stories[1].pk: READERS}
    assert sum(HourlyViews.objects.values_list("views", flat=True)) == READERS * 2
    for story in stories:
        story.refresh_from_db()
    assert [story.view_count for story in stories] == [1000 + READERS, READERS]
