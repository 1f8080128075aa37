"""`nashra serve` flushes buffered views when it stops, so none wait for the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from nashra.audience.tests.conftest import READER
from nashra.audience.tests.servers import free_port, post

MAKE_A_STORY = """
from nashra.newsroom import factories
story = factories.article(factories.section("محليات", slug="local"), "خبر محلي", slug="story")
print("ID", story.pk)
"""

SHOW_COUNT = """
from nashra.newsroom.models import ArticlePage
print("COUNT", ArticlePage.objects.get(slug="story").view_count)
"""


def test_serve_flushes_views_when_it_stops(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "REDIS_URL"}}
    env.update(NASHRA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="nashra.settings.base")
    nashra = [sys.executable, "-m", "nashra"]
    subprocess.run([*nashra, "migrate", "-v", "0"], env=env, check=True)
    made = subprocess.run([*nashra, "shell", "-v", "0", "-c", MAKE_A_STORY], env=env,
                          check=True, capture_output=True, text=True).stdout
    story_id = made.split("ID ")[1].strip()

    port = free_port()
    server = subprocess.Popen(
        [*nashra, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--skip-setup"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        answer = (0, "")
        while time.monotonic() < deadline:
            try:
                answer = post(port, f"/audience/views/{story_id}/", {"User-Agent": READER})
                break
            except OSError:
                time.sleep(0.3)
        assert answer == (204, "counted")
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)

    assert "Flushed 1 views in 1 batches (database mode)." in output, output
    shown = subprocess.run([*nashra, "shell", "-v", "0", "-c", SHOW_COUNT], env=env,
                           check=True, capture_output=True, text=True).stdout
    assert "COUNT 1" in shown
