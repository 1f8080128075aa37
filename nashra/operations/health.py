"""Health endpoints for load balancers and orchestrators.

`/healthz` says the process answers (nothing else is touched, so a slow database never
makes a balancer kill healthy app processes); `/readyz` says it can serve: every database
connection and the cache answer.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET


def _uncached(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return _uncached(HttpResponse("ok\n", content_type="text/plain"))


def _database_ready(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ready() -> bool:
    probe = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, timeout=5)
        answered = cache.get(probe) == 1
        cache.delete(probe)
        return answered
    except Exception:  # noqa: BLE001 - any cache client error means "not ready"
        return False


@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    checks = {f"database:{alias}": _database_ready(alias) for alias in connections}
    checks["cache"] = _cache_ready()
    ready = all(checks.values())
    return _uncached(JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503))
