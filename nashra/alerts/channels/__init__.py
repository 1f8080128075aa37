"""How one delivery leaves: one module per channel, each answering with an `Outcome`.

A channel never touches the database: the outbox (`outbox.py`) claims the rows, calls
the channel and records what it answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Outcome:
    """``sent``; ``retry`` (after ``wait`` when the service said so); ``drop`` the
    subscription (gone for good); or ``fail`` without retrying (a refusal that will not
    change: a wrong token, a malformed request)."""

    kind: str
    error: str = ""
    wait: timedelta | None = None

    @classmethod
    def sent(cls) -> Outcome:
        return cls("sent")

    @classmethod
    def retry(cls, error: str, wait: timedelta | None = None) -> Outcome:
        return cls("retry", error, wait)

    @classmethod
    def drop(cls, error: str) -> Outcome:
        return cls("drop", error)

    @classmethod
    def fail(cls, error: str) -> Outcome:
        return cls("fail", error)


def seconds(value: object) -> timedelta | None:
    """A Retry-After in seconds (the HTTP date form is not used by these services)."""
    try:
        return timedelta(seconds=max(0.0, float(str(value))))
    except (TypeError, ValueError):
        return None
