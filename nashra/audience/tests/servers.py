"""Real app processes for tests: gunicorn servers on loopback sharing the test database."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The address of the database this test runs on, for other processes to share."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def app_environment(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="nashra.settings.base",
        NASHRA_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url(),
        SECRET_KEY="audience-tests-" + "k" * 40,
        AUDIENCE_REDIS_PREFIX=settings.AUDIENCE_REDIS_PREFIX,
    )
    if settings.AUDIENCE_REDIS_URL:
        env["REDIS_URL"] = settings.AUDIENCE_REDIS_URL
    return env


@contextmanager
def gunicorn_servers(count: int, var_dir: Path, workers: int = 2) -> Iterator[list[Any]]:
    """`count` independent servers, each a gunicorn master with its own workers."""
    env = app_environment(var_dir)
    servers = []
    for _ in range(count):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "nashra.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--no-control-socket"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        process.port = port  # type: ignore[attr-defined]
        servers.append(process)
    try:
        for server in servers:
            wait_until_up(server)
        yield servers
    finally:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)


def wait_until_up(server: Any) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            status, _ = post(server.port, "/audience/views/0/", {})
            if status == 404:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def kill_hard(server: Any) -> None:
    """What a crash does: SIGKILL to the master and every worker, no clean-up."""
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)


def post(port: int, path: str, headers: dict[str, str]) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", path, body=b"", headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Nashra-View") or ""
    finally:
        conn.close()


def run_command(var_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "nashra", *args], env=app_environment(var_dir),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
