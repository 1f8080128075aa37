"""Reads to the replicas, writes to the primary.

Only a reader's request may read from a replica: a replica lags the primary by a moment,
and an editor who has just saved must see the save. The reading request is marked by
``ReplicaReadsMiddleware``; everything else (admin, posts, commands, the scheduler) reads
from the primary. A request reads from one replica throughout, so one page never mixes
two replicas' moments.

A replica that fails (stopped, restarting, unreachable) is left out for
``DATABASE_REPLICA_RETRY_SECONDS`` by the process that saw it fail, and the reader's request that
met the failure is served again from the primary: a replica going away costs readers
nothing but that one request's wasted attempt.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
# Reader GETs that read what the same reader has just written, so they cannot wait for
# a replica to catch up: the captcha image reads the captcha row the form's state
# request stored a moment before.
_READS_OWN_WRITES = ("/admin/", "/captcha/")

_reads_from: ContextVar[str] = ContextVar("reads_from", default=PRIMARY)
# Per process: replica alias → monotonic time before which it is not tried again.
_down_until: dict[str, float] = {}

log = logging.getLogger(__name__)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def available_replicas() -> list[str]:
    now = time.monotonic()
    return [alias for alias in replica_aliases() if _down_until.get(alias, 0.0) <= now]


def mark_down(alias: str) -> None:
    """Leave ``alias`` out for a while and drop this thread's connection to it."""
    _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
    try:
        connections[alias].close()
    except DatabaseError:  # closing a connection whose server has gone can fail too
        pass
    log.warning("replica %s failed; readers use the primary for %ss", alias,
                settings.DATABASE_REPLICA_RETRY_SECONDS)


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        return _reads_from.get()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # Every alias holds the same data (replicas copy the primary).
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def is_readers_request(request: HttpRequest) -> bool:
    """An anonymous GET or HEAD that reads nothing its reader has just written."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(_READS_OWN_WRITES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Let an anonymous reader's GET or HEAD read from a replica, and survive its failure."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replicas = available_replicas() if is_readers_request(request) else []
        alias = random.choice(replicas) if replicas else PRIMARY
        token = _reads_from.set(alias)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        """A replica that fails mid-request: serve the request again from the primary.

        Only a reader's GET or HEAD reads from a replica, and those change nothing, so
        running the view a second time is safe.
        """
        alias = _reads_from.get()
        if alias == PRIMARY or not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # The primary (a captcha written, a rate limit kept) may be what failed.
        if not getattr(connections[alias], "errors_occurred", False):
            return None
        mark_down(alias)
        token = _reads_from.set(PRIMARY)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)
