"""Which failures are an outage of a service the site stands on, not a fault of its own.

When PostgreSQL or Redis is down or restarting, a reader should get a clear "try again
shortly" (503 with Retry-After) rather than a server error page, a proxy may keep serving
what it has, and monitoring can tell an outage from a bug. Integrity errors, programming
errors and the like stay 500s.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER_SECONDS = 10

OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGES)
