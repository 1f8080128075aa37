"""`nashra serve` end to end: a real gunicorn on loopback, with its scheduler."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

SCHEDULE_A_STORY = """
from datetime import timedelta
from django.utils import timezone
from nashra.newsroom import factories
section = factories.section("محليات", slug="local")
article = factories.article(section, "خبر ينتظر موعد نشره", slug="scheduled", live=False)
article.go_live_at = timezone.now() + timedelta(days=1)
revision = article.save_revision()
revision.publish()
due = timezone.now() - timedelta(seconds=5)
revision.content["go_live_at"] = due.isoformat()
revision.approved_go_live_at = due
revision.save()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@dataclass
class Served:
    url: str
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`nashra serve` on a throw-away SQLite site, whatever database the suite runs on."""
    state = tmp_path_factory.mktemp("served")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    # Eight threads in one worker: enough for every request of the stampede test at once.
    env.update(NASHRA_VAR_DIR=str(state), DJANGO_SETTINGS_MODULE="nashra.settings.base",
               GUNICORN_THREADS="8")
    nashra = [sys.executable, "-m", "nashra"]
    subprocess.run([*nashra, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*nashra, "shell", "-v", "0", "-c", SCHEDULE_A_STORY], env=env, check=True)

    port = free_port()
    log = state / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [*nashra, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Served(f"http://127.0.0.1:{port}", log)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def test_serve_migrates_serves_and_publishes_a_due_story(served: Served) -> None:
    deadline = time.monotonic() + 60
    status, body = 0, ""
    while time.monotonic() < deadline:
        try:
            status, body = fetch(f"{served.url}/local/")
        except OSError:
            time.sleep(0.5)
            continue
        if "خبر ينتظر موعد نشره" in body:
            break
        time.sleep(0.5)
    assert status == 200
    assert 'lang="ar" dir="rtl"' in body
    assert "خبر ينتظر موعد نشره" in body, "the scheduler did not publish the due story"
    css_status, _ = fetch(f"{served.url}/static/favicon.svg")
    assert css_status == 200
    assert "Scheduler running: publish_scheduled every 60s" in served.log.read_text()


def test_a_page_missing_from_the_cache_is_rendered_once_for_readers_arriving_together(
    served: Served,
) -> None:
    fetch(f"{served.url}/local/")  # the server is up and has rendered something
    readers = 8
    together = threading.Barrier(readers)

    def read(_n: int) -> str:
        together.wait()
        with urllib.request.urlopen(f"{served.url}/", timeout=10) as response:
            assert response.status == 200
            return str(response.headers["Nashra-Cache"])

    with ThreadPoolExecutor(readers) as pool:
        states = list(pool.map(read, range(readers)))

    assert sorted(states) == ["hit"] * (readers - 1) + ["miss"]
