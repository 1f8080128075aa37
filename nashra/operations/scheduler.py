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

from django.core.management import call_command
from django.db import close_old_connections

log = logging.getLogger(__name__)


@dataclass
class Job:
    command: str
    every_seconds: float
    next_run: float = 0.0

    def due(self, now: float) -> bool:
        return now >= self.next_run


@dataclass
class Scheduler:
    jobs: list[Job]
    clock: Callable[[], float] = time.monotonic
    stopped: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def from_schedule(cls, schedule: Sequence[tuple[str, float]]) -> Scheduler:
        return cls([Job(command, every) for command, every in schedule])

    def tick(self) -> list[str]:
        """Run every job that is due; return the names of those that ran."""
        ran = []
        for job in self.jobs:
            now = self.clock()
            if not job.due(now):
                continue
            job.next_run = now + job.every_seconds
            ran.append(job.command)
            try:
                call_command(job.command, verbosity=0)
            except Exception:
                log.exception("scheduled command %s failed", job.command)
            finally:
                # Long-lived loop: do not hold a connection the database may have dropped.
                close_old_connections()
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
