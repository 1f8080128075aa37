from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from nashra.newsroom.models import ArticlePage
from nashra.operations import routers
from nashra.operations.routers import PrimaryReplicaRouter, ReplicaReadsMiddleware


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    # The aliases the settings would make from DATABASE_REPLICA_URLS (tested below).
    monkeypatch.setattr(routers, "replica_aliases", lambda: ["replica_1"])


def route_during(request: HttpRequest) -> str:
    """Where a read made while serving ``request`` would go."""
    chosen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        chosen.append(PrimaryReplicaRouter().db_for_read(ArticlePage))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return chosen[0]


def test_a_readers_page_reads_from_a_replica(with_replica) -> None:
    assert route_during(RequestFactory().get("/politics/story/")) == "replica_1"


def test_writes_always_go_to_the_primary(with_replica) -> None:
    assert PrimaryReplicaRouter().db_for_write(ArticlePage) == "default"
    assert PrimaryReplicaRouter().allow_migrate("replica_1", "newsroom") is False
    assert PrimaryReplicaRouter().allow_migrate("default", "newsroom") is True


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().post("/comments/1/post/"),
        RequestFactory().get("/admin/pages/"),
        # The captcha its reader was handed a moment ago may not be on a replica yet.
        RequestFactory().get("/captcha/image/0123abcd/"),
    ],
)
def test_posts_the_admin_and_the_captcha_read_from_the_primary(with_replica, request_) -> None:
    assert route_during(request_) == "default"


def test_a_logged_in_editor_reads_from_the_primary(with_replica, settings) -> None:
    request = RequestFactory().get("/politics/story/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "x"

    assert route_during(request) == "default"


def test_outside_a_request_reads_go_to_the_primary(with_replica) -> None:
    assert routers._reads_from.get() == "default"
    assert PrimaryReplicaRouter().db_for_read(ArticlePage) == "default"


def test_without_replicas_everything_uses_the_primary() -> None:
    assert route_during(RequestFactory().get("/")) == "default"


def test_replicas_come_from_the_environment(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASES['replica_2']['HOST'])"
    )
    environment = {
        **dict(os.environ),
        "DJANGO_SETTINGS_MODULE": "nashra.settings.base",
        "NASHRA_VAR_DIR": str(tmp_path),
        "DATABASE_REPLICA_URLS": "postgres://r1.internal/nashra,postgres://r2.internal/nashra",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['default',", "'replica_1',", "'replica_2']", "r2.internal"]
