from __future__ import annotations

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_asking_anything_else(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_is_ready_when_the_database_and_cache_answer(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database:default": True, "cache": True}}


def test_readyz_fails_when_the_database_is_down(client: Client) -> None:
    def database_down(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(database_down):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database:default"] is False


def test_readyz_fails_when_the_cache_is_down(client: Client, settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "nashra.operations.redis_cache.RedisCache",
            # Nothing listens on port 9 (discard) on loopback.
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] is False
