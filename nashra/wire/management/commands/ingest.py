"""`nashra ingest`: take in new stories from the due sources (or one, or all)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.core.progress import Progress
from nashra.wire.models import Source
from nashra.wire.runs import SourceReport, ingest

COLUMNS = ("source", "status", "offered", "taken", "attached", "duplicates", "failed")


def table(reports: list[SourceReport]) -> list[str]:
    rows = [COLUMNS] + [
        (r.source, r.status, str(r.offered), str(r.taken), str(r.attached),
         str(r.duplicates), str(r.failed))
        for r in reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


class Command(BaseCommand):
    help = "يجلب الأخبار الجديدة من المصادر المستحقة (أو من مصدر واحد، أو من الكل)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, help="only this source (its id)")
        parser.add_argument("--all", action="store_true",
                            help="every enabled source, due or not")

    def handle(self, *args: Any, **options: Any) -> None:
        source_id = options["source"]
        if source_id is not None and not Source.objects.filter(pk=source_id).exists():
            raise CommandError(f"no source with id {source_id}")
        verbose = options["verbosity"] >= 1
        bar = Progress("ingest", out=self.stderr, enabled=verbose)
        reports = ingest(source_id=source_id, every=options["all"], progress=bar)
        bar.close()
        if not verbose:
            return
        if not reports:
            self.stdout.write("No source is due.")
            return
        for line in table(reports):
            self.stdout.write(line)
        for report in reports:
            for error in report.errors[:5]:
                self.stdout.write(f"{report.source}: {error}")
