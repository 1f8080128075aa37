"""Servers a run starts on the loopback, the processes under them, and what they logged."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .commands import ROOT

EXCEPTION = re.compile(r"^[\w.]+(Error|Exception|Refused|Timeout)\b")
WORKER_EVENT = re.compile(r"Booting worker|WORKER TIMEOUT|Worker \(pid|exited|SIGKILL", re.I)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], name: str, seconds: float = 120) -> None:
    """Return once `url` answers 2xx; exit when `process` (`name`) ends or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: {name} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"bench: {url} did not answer within {seconds:g}s")


@contextmanager
def running(command: list[str], env: dict[str, str], ready_url: str | None, *,
            log: Path | None = None, show_errors: bool = False,
            ) -> Iterator[subprocess.Popen[bytes]]:
    """`command` in a session of its own, once `ready_url` answers; stopped afterwards.

    Its output goes to `log`, or nowhere but its stderr when `show_errors`.
    """
    output: IO[bytes] | int = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    errors = None if show_errors and not log else output
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=output, stderr=errors, start_new_session=True,
    )
    try:
        if ready_url:
            wait_for(ready_url, process, command[0])
        yield process
    finally:
        # `nashra serve` passes SIGTERM on to gunicorn, which stops its workers.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if not isinstance(output, int):
            output.close()


# --- The processes under a server -------------------------------------------------------

def _processes() -> Iterator[tuple[int, list[str]]]:
    """Every live process: its pid and the fields of /proc/PID/stat after its command."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command may hold spaces and parentheses: the fields follow the last ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(entry.name), fields


def children(pid: int) -> list[int]:
    return sorted(child for child, fields in _processes() if int(fields[1]) == pid)


def gunicorn(server: subprocess.Popen[bytes]) -> tuple[int | None, list[int]]:
    """The gunicorn master under `nashra serve`, and its workers (pids)."""
    masters = children(server.pid)
    if not masters:
        return None, []
    return masters[0], children(masters[0])


def group_cpu_seconds(group: int) -> float:
    """CPU time (user + system) used so far by every live process of a process group."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum((int(fields[11]) + int(fields[12])) / ticks
               for _pid, fields in _processes() if int(fields[2]) == group)


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# --- What a server logged ---------------------------------------------------------------

def log_size(log: Path) -> int:
    try:
        return log.stat().st_size
    except OSError:
        return 0


def server_errors(log: Path, since: int = 0, limit: int = 8) -> list[str]:
    """What the server logged as going wrong after byte `since`, most frequent first.

    Warnings, errors and worker restarts, whether the log is JSON lines or plain text,
    grouped with numbers masked: what a 500 or a reset was about, without keeping the
    state folder the log lives in.
    """
    try:
        with log.open("rb") as opened:
            opened.seek(since)
            lines = opened.read().decode(errors="replace").splitlines()
    except OSError:
        return []
    seen: Counter[str] = Counter()
    for line in lines:
        text = line.strip()
        try:
            record = json.loads(text) if text.startswith("{") else None
        except ValueError:
            record = None
        if isinstance(record, dict):
            level = str(record.get("level", "")).upper()
            message = str(record.get("message", ""))
            if level not in {"WARNING", "ERROR", "CRITICAL"} and not WORKER_EVENT.search(message):
                continue
            cause = str(record.get("exc_info") or "").strip().splitlines()
            text = f"{level} {record.get('logger', '')}: {message}"
            text += f" <- {cause[-1]}" if cause else ""
        elif not (EXCEPTION.match(text) or WORKER_EVENT.search(text)
                  or re.search(r"\b(WARNING|ERROR|CRITICAL)\b", text)):
            continue
        # Every process warns of the captcha's test mode at start: the bench settings' own.
        if "CAPTCHA_TEST_MODE" not in text and "_warn_if_test_mode" not in text:
            seen[re.sub(r"\d+", "#", text)[:220]] += 1
    return [f"{n}x {text}" for text, n in seen.most_common(limit)]
