"""The project's own commands as the runs call them, and where the runs write reports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "var" / "bench"


def _installed(name: str) -> str | None:
    local = ROOT / ".venv" / "bin" / name
    return str(local) if local.exists() else shutil.which(name)


PYTHON = _installed("python") or sys.executable
NASHRA = _installed("nashra") or "nashra"


def nashra(env: dict[str, str], *args: str, timeout: float | None = None) -> str:
    """`nashra ARGS` in `env`; its output. On failure what it said goes to stderr first."""
    try:
        done = subprocess.run([NASHRA, *args], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.CalledProcessError as failed:
        sys.stderr.write(failed.stderr)
        raise
    return done.stdout


def write_report(path: Path, report: Any, *, ensure_ascii: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=ensure_ascii) + "\n",
                    encoding="utf-8")
