"""The captcha's test mode (any answer passes) can never be on outside the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_django(
    settings_module: str, tmp_path: Path, extra_env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    # The settings module under test is found in tmp_path, ahead of the project.
    inherited = dict(os.environ)
    search_path = os.pathsep.join([str(tmp_path), inherited.get("PYTHONPATH", "")])
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "NASHRA_VAR_DIR": str(tmp_path),
        "PYTHONPATH": search_path,
        **extra_env,
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CAPTCHA_TEST_MODE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_keep_it_off_whatever_the_environment_says(tmp_path: Path) -> None:
    done = run_django(
        "nashra.settings.base", tmp_path, {"CAPTCHA_TEST_MODE": "True", "NASHRA_TESTING": "1"}
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_settings_module_that_turns_it_on_refuses_to_start(tmp_path: Path) -> None:
    (tmp_path / "careless_settings.py").write_text(
        "from nashra.settings.base import *\nCAPTCHA_TEST_MODE = True\n"
    )

    done = run_django("careless_settings", tmp_path, {})

    assert done.returncode != 0
    assert "CAPTCHA_TEST_MODE" in done.stderr
