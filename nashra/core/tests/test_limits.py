"""Attempt counting in Redis, where Django's increment is two commands: every window closes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from redis import Redis

from nashra.conftest import redis_cache
from nashra.core import limits

WINDOW = 1  # second: short, so the test sees windows close


@pytest.fixture
def counters(settings: Any) -> Iterator[tuple[Redis, str]]:
    """A Redis cache of the test's own, and its keys removed afterwards, kept or not."""
    settings.CACHES = {"default": redis_cache()}
    redis = Redis.from_url(settings.CACHES["default"]["LOCATION"])
    pattern = f"{settings.CACHES['default']['KEY_PREFIX']}:*"
    yield redis, pattern
    if leftover := redis.keys(pattern):
        redis.delete(*leftover)


def test_a_window_closes_even_when_it_ends_in_the_middle_of_a_count(
    counters: tuple[Redis, str],
) -> None:
    # Readers keep counting and giving back across several window ends. Django asks Redis
    # whether the key exists, then increments it: a key that expires in between is made
    # again by INCR (or DECR) with no expiry, and that reader's window never ends.
    redis, pattern = counters
    windows = [(1_000_000, WINDOW)]
    stop = time.monotonic() + 4 * WINDOW

    def reader() -> None:
        while time.monotonic() < stop:
            limits.take("race", "reader", windows)
            limits.give_back("race", "reader", windows)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = {key: redis.pttl(key) for key in redis.keys(pattern)}
    time.sleep(WINDOW + 0.2)

    assert not redis.keys(pattern), f"counters with no end (a TTL of -1): {kept}"
