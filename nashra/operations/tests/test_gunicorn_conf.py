"""The gunicorn settings' worker hooks, called as gunicorn calls them."""

from __future__ import annotations

import gc
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from nashra.operations import gunicorn_conf
from nashra.operations.tests.test_serve import free_port


def test_a_worker_freezes_what_it_loaded_then_what_its_first_requests_built(
    unfrozen: None,
) -> None:
    worker = SimpleNamespace()

    gunicorn_conf.post_worker_init(worker)
    loaded = gc.get_freeze_count()
    built_by_requests = [[n] for n in range(5_000)]
    for _ in range(gunicorn_conf.WARM_AFTER_REQUESTS - 1):
        gunicorn_conf.post_request(worker, None, {}, None)
    before_warm = gc.get_freeze_count()
    gunicorn_conf.post_request(worker, None, {}, None)

    assert loaded > 0
    # Frozen objects may still be freed by their reference count, so the counts only bound.
    assert before_warm <= loaded, "frozen again before the worker was warm"
    assert gc.get_freeze_count() >= before_warm + len(built_by_requests)
    assert worker.nashra_collector in gc.callbacks, "survivors of later collections not frozen"


def start_gunicorn(tmp_path: Path, bind: str, **env: str) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment.update(NASHRA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="nashra.settings.base",
                       **env)
    with open(tmp_path / "gunicorn.log", "wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config",
             "python:nashra.operations.gunicorn_conf", "--bind", bind, "--workers", "2",
             "nashra.wsgi:application"],
            env=environment, stdout=log, stderr=subprocess.STDOUT,
        )


def listening_tcp_sockets(port: int) -> int:
    found = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # 0A: LISTEN
                found += 1
    return found


def wait_for_workers(count: Callable[[], int], expected: int) -> int:
    deadline = time.monotonic() + 30
    while count() < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # long enough for a wrong extra socket to show
    return count()


@pytest.mark.parametrize(("reuse", "sockets"), [("1", 2), ("0", 1)])
def test_on_tcp_each_worker_listens_on_a_socket_of_its_own(
    tmp_path: Path, reuse: str, sockets: int
) -> None:
    port = free_port()
    server = start_gunicorn(tmp_path, f"127.0.0.1:{port}", GUNICORN_REUSE_PORT=reuse)
    try:
        assert wait_for_workers(lambda: listening_tcp_sockets(port), sockets) == sockets
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
            assert answer.status == 200
        # Operators find the address in the log either way.
        log = (tmp_path / "gunicorn.log").read_text().splitlines()
        assert any("Listening at:" in line and f"127.0.0.1:{port}" in line for line in log)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_on_a_unix_socket_the_workers_share_one(tmp_path: Path) -> None:
    path = tmp_path / "nashra.sock"
    server = start_gunicorn(tmp_path, f"unix:{path}")

    def bound() -> int:
        return sum(
            1 for line in Path("/proc/net/unix").read_text().splitlines()
            if line.endswith(str(path))
        )

    try:
        assert wait_for_workers(bound, 1) == 1
        for _ in range(10):
            with socket.socket(socket.AF_UNIX) as client:
                client.settimeout(10)
                client.connect(str(path))
                client.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                assert client.recv(64).startswith(b"HTTP/1.0 200")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
