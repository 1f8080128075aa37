"""With its database or its cache away, the site says so (503, in Arabic), never a 500.

A real gunicorn with the production configuration, pointed at a PostgreSQL or a Redis
address where nothing listens: the outage needs no service stopped on the machine.
`bench/faults` stops and restarts the real services under load.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nashra.conftest import port_open

CLEAR_MESSAGE = "الموقع متوقف لحظات"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def site_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(
        NASHRA_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="nashra.settings.base",
        SECRET_KEY="outage-tests-" + "k" * 40,
        LOG_LEVEL="CRITICAL",
        **extra,
    )
    return env


@contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:nashra.operations.gunicorn_conf",
         "nashra.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not port_open("127.0.0.1", port):
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def answer(url: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def assert_clear_503(found: tuple[int, dict[str, str], str]) -> None:
    status, headers, body = found
    assert status == 503, (status, body[:300])
    assert CLEAR_MESSAGE in body
    assert headers["Retry-After"] == "10"
    assert "no-store" in headers["Cache-Control"]


def test_with_the_database_away_readers_get_a_clear_503(tmp_path: Path) -> None:
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/nashra"
    with gunicorn(site_environment(tmp_path, DATABASE_URL=nowhere)) as site:
        assert_clear_503(answer(site + "/"))
        assert_clear_503(answer(site + "/politics/some-story/"))
        assert answer(site + "/readyz")[0] == 503
        assert answer(site + "/healthz")[0] == 200
        beacon = answer(site + "/audience/views/1/", "POST", Origin=site)
        assert beacon[0] == 503 and beacon[1]["Retry-After"] == "10"


def test_with_the_cache_away_readers_get_a_clear_503(tmp_path: Path) -> None:
    env = site_environment(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "nashra", "migrate", "-v", "0"], env=env, check=True
    )
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with gunicorn({**env, "REDIS_URL": nowhere}) as site:
        assert_clear_503(answer(site + "/"))
        assert answer(site + "/readyz")[0] == 503
        assert answer(site + "/healthz")[0] == 200
