"""`nashra serve` end to end: a real gunicorn on loopback, with its scheduler."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def test_serve_migrates_serves_and_publishes_a_due_story(tmp_path: Path) -> None:
    # A throw-away SQLite site of its own, whatever database the suite runs on.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(NASHRA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="nashra.settings.base")
    nashra = [sys.executable, "-m", "nashra"]
    subprocess.run([*nashra, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*nashra, "shell", "-v", "0", "-c", SCHEDULE_A_STORY], env=env, check=True)

    port = free_port()
    server = subprocess.Popen(
        [*nashra, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        status, body = 0, ""
        while time.monotonic() < deadline:
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/local/")
            except OSError:
                time.sleep(0.5)
                continue
            if "خبر ينتظر موعد نشره" in body:
                break
            time.sleep(0.5)
        assert status == 200
        assert 'lang="ar" dir="rtl"' in body
        assert "خبر ينتظر موعد نشره" in body, "the scheduler did not publish the due story"
        css_status, _ = fetch(f"http://127.0.0.1:{port}/static/favicon.svg")
        assert css_status == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "Scheduler running: publish_scheduled every 60s" in output
