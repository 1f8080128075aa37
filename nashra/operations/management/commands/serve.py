"""`nashra serve`: migrate, collect static files, then gunicorn with the scheduler.

gunicorn takes its settings from `nashra.operations.gunicorn_conf`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from nashra.operations.scheduler import Scheduler


class Command(BaseCommand):
    help = "يرحّل قاعدة البيانات ثم يشغّل الموقع (gunicorn) ومعه المجدول."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, help="Processes; by default one per core (gunicorn_conf)."
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Do not run scheduled commands."
        )
        parser.add_argument(
            "--skip-setup", action="store_true", help="Do not migrate or collect static files."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["skip_setup"]:
            call_command("migrate", interactive=False, verbosity=1)
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write("Static files collected.")

        server = subprocess.Popen(self.gunicorn_command(options))
        scheduler = None
        if not options["no_scheduler"]:
            scheduler = Scheduler.from_schedule(settings.NASHRA_SCHEDULE)
            threading.Thread(target=scheduler.run_forever, name="scheduler", daemon=True).start()
            jobs = ", ".join(
                f"{job.command} every {job.every_seconds:g}s" for job in scheduler.jobs
            )
            self.stdout.write(f"Scheduler running: {jobs}")

        def forward(signum: int, _frame: Any) -> None:
            server.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        code = server.wait()
        if scheduler is not None:
            scheduler.stop()
        if not options["no_scheduler"]:
            self.flush_views()
        if code not in (0, -signal.SIGTERM, -signal.SIGINT):
            sys.exit(code)

    def flush_views(self) -> None:
        # Views buffered in Redis would otherwise wait for the next start to be counted.
        try:
            call_command("flush_views", stdout=self.stdout)
        except Exception as error:  # the server has stopped either way; say why, go on
            self.stderr.write(f"flush_views at shutdown failed: {error}")

    def gunicorn_command(self, options: dict[str, Any]) -> list[str]:
        # Sizing, logging and timeouts live in one file that operators can use directly.
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:nashra.operations.gunicorn_conf",
            "nashra.wsgi:application",
            "--bind",
            options["bind"],
        ]
        if options["workers"]:
            command += ["--workers", str(options["workers"])]
        return command
