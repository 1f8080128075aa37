"""`nashra send_alerts`: send every due breaking-alert delivery (docs/alerts.md)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.alerts.outbox import LEASE_SECONDS, Sender, due_count
from nashra.core.progress import Progress


class Command(BaseCommand):
    help = "Send the breaking alerts waiting in the outbox (push, Telegram)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--concurrency", type=int, default=None,
            help="requests in flight per process (default NASHRA_ALERTS_CONCURRENCY)",
        )
        parser.add_argument(
            "--processes", type=int, default=None,
            help="sender processes side by side (default NASHRA_ALERTS_PROCESSES)",
        )
        parser.add_argument(
            "--lease-seconds", type=float, default=LEASE_SECONDS,
            help="how long a claimed delivery stays this sender's before another may retry it",
        )
        parser.add_argument(
            "--max-seconds", type=float, default=None, help="stop claiming after this long"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        due = due_count()
        if not due:
            return  # the usual case every 2 s under `nashra serve`: no thread, no process
        processes = options["processes"] or settings.NASHRA_ALERTS_PROCESSES
        # Encrypting for each reader is Python's work, one core per process: more
        # processes use more cores. Each claims its own batches from the outbox.
        helpers = [self._helper(options) for _ in range(processes - 1)]
        deadline = (
            time.monotonic() + options["max_seconds"] if options["max_seconds"] else None
        )
        with Progress(
            "alerts", total=due, out=self.stderr, enabled=options["verbosity"] >= 1,
            unit="msg",
        ) as bar:
            tally = Sender(
                concurrency=options["concurrency"],
                lease=timedelta(seconds=options["lease_seconds"]),
                progress=bar.advance,
            ).run(deadline)
        failed_helpers = sum(1 for helper in helpers if helper.wait() != 0)
        if options["verbosity"] or tally.failed:
            self.stdout.write(
                f"sent {tally.sent}, retrying {tally.retried}, failed {tally.failed}, "
                f"dropped {tally.dropped}"
            )
        if failed_helpers:
            raise CommandError(f"{failed_helpers} sender process(es) failed")

    def _helper(self, options: dict[str, Any]) -> subprocess.Popen[bytes]:
        command = [
            sys.executable, "-m", "nashra", "send_alerts", "--processes", "1",
            "--lease-seconds", str(options["lease_seconds"]), "--verbosity", "0",
        ]
        if options["concurrency"]:
            command += ["--concurrency", str(options["concurrency"])]
        if options["max_seconds"]:
            command += ["--max-seconds", str(options["max_seconds"])]
        return subprocess.Popen(command)
