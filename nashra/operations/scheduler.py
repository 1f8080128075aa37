"""A small in-process scheduler: the periodic commands of settings.NASHRA_SCHEDULE.

It exists so that a site started with `nashra serve` publishes scheduled stories with no
cron set up. A job that fails is logged and tried again at its next turn; it never stops
the others. Production may run the same commands from cron or systemd timers instead.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command
from django.db import close_old_connections

log = logging.getLogger(__name__)


@dataclass
class Job:
    command: str
    every_seconds: float
    next_run: float = 0.0
    # Apart: run in a thread of its own (one run at a time), for work that waits on
    # other people's servers; the other jobs keep their turns whatever it waits for.
    apart: bool = False
    running: threading.Thread | None = None

    def due(self, now: float) -> bool:
        return now >= self.next_run and not (self.running and self.running.is_alive())


@dataclass
class Scheduler:
    jobs: list[Job]
    clock: Callable[[], float] = time.monotonic
    stopped: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def from_schedule(cls, schedule: Sequence[tuple[Any, ...]]) -> Scheduler:
        """Jobs from ``(command, seconds)`` entries, or ``(command, seconds, "apart")``."""
        return cls([Job(entry[0], entry[1], apart="apart" in entry[2:]) for entry in schedule])

    def tick(self) -> list[str]:
        """Run every job that is due; return the names of those that ran."""
        ran = []
        for job in self.jobs:
            now = self.clock()
            if not job.due(now):
                continue
            job.next_run = now + job.every_seconds
            ran.append(job.command)
            if job.apart:
                job.running = threading.Thread(
                    target=_run, args=(job.command,), name=f"job-{job.command}", daemon=True
                )
                job.running.start()
            else:
                _run(job.command)
        return ran

    def seconds_to_next(self) -> float:
        now = self.clock()
        return max(0.0, min((job.next_run - now for job in self.jobs), default=60.0))

    def run_forever(self) -> None:
        while not self.stopped.is_set():
            self.tick()
            self.stopped.wait(max(1.0, self.seconds_to_next()))

    def stop(self) -> None:
        self.stopped.set()


def _run(command: str) -> None:
    try:
        call_command(command, verbosity=0)
    except Exception:
        log.exception("scheduled command %s failed", command)
    finally:
        # Long-lived loop: do not hold a connection the database may have dropped.
        close_old_connections()
