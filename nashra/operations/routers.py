"""Reads to the replicas, writes to the primary.

Only a reader's request may read from a replica: a replica lags the primary by a moment,
and an editor who has just saved must see the save. The reading request is marked by
``ReplicaReadsMiddleware``; everything else (admin, posts, commands, the scheduler) reads
from the primary.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_replica_reads_allowed: ContextVar[bool] = ContextVar("replica_reads_allowed", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        replicas = replica_aliases()
        if replicas and _replica_reads_allowed.get():
            return random.choice(replicas)
        return "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # Every alias holds the same data (replicas copy the primary).
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    """Let an anonymous reader's GET or HEAD read from a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reader = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        reader = reader and settings.SESSION_COOKIE_NAME not in request.COOKIES
        token = _replica_reads_allowed.set(reader)
        try:
            return self.get_response(request)
        finally:
            _replica_reads_allowed.reset(token)
