"""Beacons over real HTTP to gunicorn (the WSGI fast path): one address is a few readers.

Neither a forged X-Forwarded-For nor a fresh User-Agent on every beacon makes a new
reader of one machine, so a loop cannot push a story into most-read.
"""

from __future__ import annotations

import http.client
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from nashra.audience.flush import flush
from nashra.audience.most_read import ranking
from nashra.audience.tests.conftest import READER, reader_agent, reader_headers
from nashra.audience.tests.servers import gunicorn_servers, post
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db(transaction=True)

FLOOD = 10_000
READERS_EACH = 12


def beacons(port: int, path: str, headers: list[dict[str, str]]) -> list[str]:
    """Send one beacon per header set, on one connection while the server keeps it."""
    answers = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for each in headers:
            try:
                conn.request("POST", path, body=b"", headers=each)
                response = conn.getresponse()
            except (http.client.HTTPException, ConnectionError):
                # The server closed the connection after its last answer: open another.
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", path, body=b"", headers=each)
                response = conn.getresponse()
            response.read()
            assert response.status == 204, response.status
            answers.append(response.getheader("Nashra-View") or "")
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    finally:
        conn.close()
    return answers


def test_ten_thousand_browsers_at_one_address_do_not_make_a_story_most_read(
    tmp_path: Path, counting_mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    section = factories.section("محليات", slug="local")
    read = [
        factories.article(section, f"خبر يقرؤه الناس رقم {n}", slug=f"read-{n}")
        for n in range(5)
    ]
    flooded = factories.article(section, "خبر يراد له أن يتصدر", slug="flooded")
    rng = random.Random(11)
    flood = [
        {"User-Agent": reader_agent(rng.randrange(10**9)), "X-Forwarded-For": "203.0.113.66"}
        for _ in range(FLOOD)
    ]

    with gunicorn_servers(1, tmp_path, workers=2) as (server,):
        for story in read:
            readers = [reader_headers(reader) for reader in range(READERS_EACH)]
            path = f"/audience/views/{story.pk}/"
            assert beacons(server.port, path, readers) == ["counted"] * READERS_EACH
        path = f"/audience/views/{flooded.pk}/"
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = [
                answer
                for chunk in pool.map(
                    lambda part: beacons(server.port, path, part),
                    [flood[i::4] for i in range(4)],
                )
                for answer in chunk
            ]

    flush()
    day, week = ranking()
    assert set(day) == set(week) == {story.pk for story in read}
    assert len(answers) == FLOOD
    assert answers.count("counted") < READERS_EACH
    flooded.refresh_from_db()
    assert flooded.view_count < READERS_EACH


def test_a_forged_x_forwarded_for_is_not_a_new_reader(
    tmp_path: Path, database_mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app is reached directly: loopback is not one of its proxies.
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    monkeypatch.setenv("TRUSTED_PROXY_NETWORKS", "10.0.0.0/8")
    story = factories.article(factories.section(), "خبر عن افتتاح جسر جديد")
    path = f"/audience/views/{story.pk}/"

    with gunicorn_servers(1, tmp_path, workers=1) as (server,):
        answers = [
            post(server.port, path, {"User-Agent": READER, "X-Forwarded-For": f"203.0.113.{n}"})
            for n in range(1, 6)
        ]

    assert answers == [(204, "counted")] + [(204, "repeat")] * 4


def test_one_ipv6_64_is_one_reader(
    tmp_path: Path, counting_mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    story = factories.article(factories.section(), "خبر عن موسم الحصاد")
    path = f"/audience/views/{story.pk}/"

    with gunicorn_servers(1, tmp_path, workers=1) as (server,):
        answers = [
            post(server.port, path, {"User-Agent": READER, "X-Forwarded-For": address})[1]
            for address in ["2001:db8:1:2::1", "2001:db8:1:2:8a3c::7", "2001:db8:1:3::1"]
        ]

    assert answers == ["counted", "repeat", "counted"]

