"""The two ways views are taken (database, Redis), and a clean slate for each test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from nashra.audience import liveness, visitors
from nashra.conftest import port_open, require_service

REDIS_URL = "redis://127.0.0.1:6379/0"
READER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


def reader_agent(n: int) -> str:
    """The browser of the n-th of many distinct readers."""
    return READER.replace("126.0.0.0", f"126.0.{n}.0")


def reader_headers(n: int) -> dict[str, str]:
    """The beacon headers of the n-th of many distinct readers, as the site's proxy passes
    them to a server run with TRUSTED_PROXIES=1: each reader has an address of their own."""
    return {"User-Agent": reader_agent(n), "X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"}


@pytest.fixture(autouse=True)
def forget_process_memory() -> Iterator[None]:
    liveness.forget_all()
    visitors._salts.clear()
    yield
    liveness.forget_all()
    visitors._salts.clear()


@contextmanager
def use_redis(settings: Any) -> Iterator[str]:
    require_service("Redis", port_open("127.0.0.1", 6379))
    import redis

    prefix = f"test-audience:{uuid.uuid4().hex}:"
    settings.AUDIENCE_REDIS_URL = REDIS_URL
    settings.AUDIENCE_REDIS_PREFIX = prefix
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=prefix + "*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(params=["database", "redis"])
def counting_mode(request: pytest.FixtureRequest, settings: Any) -> Iterator[str]:
    """Each test with this fixture runs once per store: the database, then Redis."""
    if request.param == "database":
        settings.AUDIENCE_REDIS_URL = ""
        yield "database"
    else:
        with use_redis(settings):
            yield "redis"


@pytest.fixture
def redis_mode(settings: Any) -> Iterator[str]:
    with use_redis(settings) as prefix:
        yield prefix


@pytest.fixture
def database_mode(settings: Any) -> str:
    settings.AUDIENCE_REDIS_URL = ""
    return "database"
