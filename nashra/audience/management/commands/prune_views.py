"""`nashra prune_views`: roll old hourly buckets into daily ones, and drop spent markers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.audience import pruning
from nashra.core.progress import Progress


class Command(BaseCommand):
    help = "يجمع سجلات الساعات القديمة في سجل واحد لكل يوم."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keep-days", type=int, default=pruning.DEFAULT_KEEP_DAYS,
            help="Days of hourly buckets to keep (at least 8: most-read needs 7).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keep = options["keep_days"]
        if keep < pruning.MINIMUM_KEEP_DAYS:
            raise CommandError(
                f"--keep-days must be at least {pruning.MINIMUM_KEEP_DAYS}: "
                "the 7-day most-read list is built from hourly buckets."
            )
        bar = Progress("prune", out=self.stderr, enabled=options["verbosity"] >= 1)
        report = pruning.prune(keep, progress=bar)
        bar.close()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Rolled {report.hourly_rows} hourly buckets of {report.days} days into "
                f"daily totals; removed {report.markers} old flush markers."
            )
