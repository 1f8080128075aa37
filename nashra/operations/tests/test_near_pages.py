"""A worker's near copies of pages, kept true by stamp moves heard from a real Redis.

Two `NearPages` on one Redis channel stand for two gunicorn workers: what one moves,
the other applies as soon as Redis has passed it on, and never serves the old page again.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import redis

from nashra.conftest import port_open, require_service
from nashra.operations.near_pages import RETRY_SECONDS, NearPages, move_message

URL = "redis://127.0.0.1:6379/0"
NAMES = ("site", "story-token")
KEY = "page-cache:page:story"


@pytest.fixture
def channel() -> str:
    require_service("Redis", port_open("127.0.0.1", 6379))
    return f"nashra-test:stamp-moves:{uuid.uuid4().hex}"


@pytest.fixture
def workers(channel: str) -> Iterator[tuple[NearPages, NearPages]]:
    this, other = NearPages(URL, channel, 10), NearPages(URL, channel, 10)
    yield this, other
    for worker in (this, other):
        if worker._listener is not None:
            worker._listener.close()


def listening(worker: NearPages) -> int:
    """The worker's epoch once Redis has confirmed its subscription."""
    deadline = time.monotonic() + 5
    while (epoch := worker.epoch()) is None:
        assert time.monotonic() < deadline, "the subscription was never confirmed"
        time.sleep(0.001)
    return epoch


def move(worker: NearPages, name: str, value: int) -> None:
    """As `Stamps.move` does once Redis has the new stamp: publish it, apply it here."""
    redis.Redis.from_url(URL).publish(worker.channel, move_message(name, value))
    worker.moved(name, value)


def cut_off(worker: NearPages) -> None:
    """Kill the worker's channel connection in Redis, as a network fault or restart would."""
    host, port = worker._listener.connection._sock.getsockname()[:2]
    redis.Redis.from_url(URL).client_kill_filter(_type=None, addr=f"{host}:{port}")


def page_made_under(stamped: tuple[int, int]) -> dict[str, object]:
    return {"stamps": stamped, "body": f"صفحة الخبر {stamped}".encode()}


def applied(worker: NearPages, seconds: float = 5) -> bool:
    """Whether the worker stops serving the kept page; it polls as each lookup does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        worker.epoch()
        if worker.page(NAMES, KEY) is None:
            return True
    return False


def test_a_move_by_another_worker_is_applied_and_the_old_page_never_served_again(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, other = workers
    listening(other)
    for site_stamp in range(1, 201):
        epoch = listening(this)
        stamped = (site_stamp, 0)
        this.learn(epoch, NAMES, stamped, KEY, page_made_under(stamped))
        assert this.page(NAMES, KEY) == (stamped, page_made_under(stamped))

        move(other, "site", site_stamp + 1)

        assert applied(this), f"move {site_stamp} never reached the other worker"
        for _ in range(20):
            this.epoch()
            assert this.page(NAMES, KEY) is None


def test_a_stamp_read_before_a_move_does_not_undo_it(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, other = workers
    epoch = listening(this)
    move(other, "site", 7)
    this.epoch()

    # A read of Redis that began before the move, answered after it was heard.
    this.learn(epoch, NAMES, (6, 0), KEY, page_made_under((6, 0)))

    assert this.stamp("site") == 7
    assert this.page(NAMES, KEY) is None


def test_a_page_s_stamps_are_known_only_once_every_one_of_them_is(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, other = workers
    epoch = listening(this)
    assert this.stamps(NAMES) is None

    this.learn(epoch, ("site",), (3,))
    assert this.stamps(NAMES) is None

    move(other, "story-token", 5)
    deadline = time.monotonic() + 5
    while this.stamps(NAMES) is None and time.monotonic() < deadline:
        this.epoch()
    assert this.stamps(NAMES) == (3, 5)


def test_a_lost_connection_forgets_what_was_kept(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, other = workers
    epoch = listening(this)
    this.learn(epoch, NAMES, (1, 0), KEY, page_made_under((1, 0)))

    cut_off(this)
    move(other, "site", 2)  # never reaches `this`: its connection is gone

    assert this.epoch() is None
    assert this.page(NAMES, KEY) is None
    assert this.stamp("site") is None
    time.sleep(RETRY_SECONDS)
    epoch = listening(this)  # listening again, with nothing kept from before
    assert this.page(NAMES, KEY) is None
    this.learn(epoch, NAMES, (2, 0), KEY, page_made_under((2, 0)))
    assert this.page(NAMES, KEY) == ((2, 0), page_made_under((2, 0)))


def test_what_was_learnt_under_an_older_subscription_is_dropped(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, _other = workers
    old_epoch = listening(this)
    cut_off(this)
    assert this.epoch() is None
    time.sleep(RETRY_SECONDS)
    listening(this)

    this.learn(old_epoch, NAMES, (1, 0), KEY, page_made_under((1, 0)))

    assert this.page(NAMES, KEY) is None


def test_only_the_most_recent_pages_are_kept(
    workers: tuple[NearPages, NearPages],
) -> None:
    this, _other = workers
    epoch = listening(this)
    for n in range(11):
        this.learn(epoch, NAMES, (1, 0), f"{KEY}-{n}", page_made_under((1, 0)))

    assert this.page(NAMES, f"{KEY}-0") is None
    assert this.page(NAMES, f"{KEY}-10") is not None
