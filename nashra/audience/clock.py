"""The audience's one clock, so tests can move time instead of waiting half an hour.

Everything that decides a dedup window or a bucket asks ``now()``. Tests (and only tests)
shift it with ``travel``; the shift lives in this process, so a live server thread sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.utils import timezone

_offset = timedelta(0)


def now() -> datetime:
    return timezone.now() + _offset


def hour_of(moment: datetime) -> datetime:
    """The start of the UTC hour `moment` falls in: the key of its bucket."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@contextmanager
def travel(by: timedelta) -> Iterator[None]:
    global _offset
    before = _offset
    _offset = before + by
    try:
        yield
    finally:
        _offset = before
