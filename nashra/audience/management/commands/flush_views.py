"""`nashra flush_views`: move buffered view counts into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nashra.audience import counting
from nashra.audience.flush import flush
from nashra.core.progress import Progress


class Command(BaseCommand):
    help = "ينقل المشاهدات المخزّنة مؤقتاً إلى قاعدة البيانات."

    def handle(self, *args: Any, **options: Any) -> None:
        bar = Progress("flush", out=self.stderr, enabled=options["verbosity"] >= 1)
        report = flush(progress=bar)
        bar.close()
        if options["verbosity"] >= 1:
            mode = "redis" if counting.redis_mode() else "database"
            self.stdout.write(
                f"Flushed {report.views} views in {report.batches} batches ({mode} mode)"
                + (f"; {report.skipped_batches} batches were already applied"
                   if report.skipped_batches else "")
                + "."
            )
