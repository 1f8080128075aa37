"""Work done in a child process (Django set up in the throw-away state's environment).

A run prepares its state in children, each `python -m bench.MODULE …` with the
environment of the state it works on, so that the run itself never sets Django up. The
child says how far it is with `PROGRESS done total` lines and ends with `RESULT <json>`
on its stdout; the parent draws the progress on its own terminal (`nashra.core.progress`,
silent in a log) and returns the result. The child's stderr is kept back unless it
fails, since every Django start under the bench settings warns of the captcha's test mode.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from typing import Any

from nashra.core.progress import Progress, Report

from .commands import PYTHON, ROOT

__all__ = ["Report", "answer", "child", "report_progress"]


def report_progress(done: int, total: int) -> None:
    """The child side of a `Report`: a line for the parent."""
    print(f"PROGRESS {done} {total}", flush=True)


def answer(result: Any) -> None:
    """The child's last word: its result, for the parent."""
    print("RESULT " + json.dumps(result), flush=True)


def child(module: str, *args: str, env: dict[str, str], label: str, unit: str = "it",
          show_stderr: bool = False) -> Any:
    """Run `python -m module ARGS` in `env`, its progress under `label`; its result."""
    result: Any = None
    with tempfile.TemporaryFile("w+") as errors:
        with Progress(label, unit=unit) as progress, subprocess.Popen(
            [PYTHON, "-m", module, *args], env=env, cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=None if show_stderr else errors,
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("PROGRESS "):
                    done, total = map(int, line.split()[1:3])
                    progress(done, total)
                elif line.startswith("RESULT "):
                    result = json.loads(line.removeprefix("RESULT "))
        if process.returncode:
            errors.seek(0)
            sys.stderr.write(errors.read())
            raise subprocess.CalledProcessError(process.returncode, process.args)
    return result
