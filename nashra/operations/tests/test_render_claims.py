"""A page's render claim is seen by every process that could render it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches

from nashra.conftest import redis_cache
from nashra.operations import render_claims

HOLD_IN_ANOTHER_PROCESS = """
import sys, time, django
django.setup()
from django.core.cache import caches
from nashra.operations import render_claims
print(render_claims.take(caches["pages"], sys.argv[1]), flush=True)
sys.stdin.readline()
render_claims.release(caches["pages"], sys.argv[1])
print("released", flush=True)
"""


def another_process(var_dir: Path, key: str, **env: str) -> subprocess.Popen[str]:
    environment = {
        **dict(os.environ), "DJANGO_SETTINGS_MODULE": "nashra.settings.base",
        "NASHRA_VAR_DIR": str(var_dir), "SECRET_KEY": "claims-" + "k" * 40, **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", HOLD_IN_ANOTHER_PROCESS, key],
        env=environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def claims_across_processes(holder: subprocess.Popen[str], pages: Any, key: str) -> None:
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "True"
    assert render_claims.take(pages, key) is False
    assert render_claims.held(pages, key) is True
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"
    assert holder.wait(timeout=30) == 0
    assert render_claims.held(pages, key) is False
    assert render_claims.take(pages, key) is True
    render_claims.release(pages, key)


def test_without_redis_a_claim_is_seen_by_every_worker_on_the_box(settings: Any) -> None:
    settings.PAGE_CACHE_REDIS_URL = ""
    key = f"page-cache:page:{uuid.uuid4().hex}"
    holder = another_process(Path(settings.VAR_DIR), key, REDIS_URL="", PAGE_CACHE_REDIS_URL="")
    claims_across_processes(holder, caches["pages"], key)


def test_with_redis_a_claim_is_seen_by_the_whole_site(settings: Any) -> None:
    # The base settings' prefix, which the other process uses; the key is this test's own.
    cache = {**redis_cache(), "KEY_PREFIX": "nashra"}
    settings.CACHES = {**settings.CACHES, "pages": cache}
    settings.PAGE_CACHE_REDIS_URL = cache["LOCATION"]
    key = f"page-cache:page:{uuid.uuid4().hex}"
    holder = another_process(Path(settings.VAR_DIR), key, PAGE_CACHE_REDIS_URL=cache["LOCATION"])
    try:
        claims_across_processes(holder, caches["pages"], key)
    finally:
        render_claims.release(caches["pages"], key)


def test_a_claim_left_by_a_renderer_that_died_expires(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PAGE_CACHE_REDIS_URL = ""
    pages = caches["pages"]
    assert render_claims.take(pages, "page-cache:page:died") is True
    assert render_claims.take(pages, "page-cache:page:died") is False

    monkeypatch.setattr(time, "time", lambda: os.stat(render_claims._file(
        "page-cache:page:died")).st_mtime + render_claims.CLAIM_SECONDS + 1)

    assert render_claims.held(pages, "page-cache:page:died") is False
    assert render_claims.take(pages, "page-cache:page:died") is True
    render_claims.release(pages, "page-cache:page:died")
