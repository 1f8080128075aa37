"""`nashra rebuild_search_index`: rebuild the Arabic search index from the live articles."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.search.documents import rebuild


class Command(BaseCommand):
    help = "يعيد بناء فهرس البحث العربي من الأخبار المنشورة."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keep-read-also",
            action="store_true",
            help="Keep each story's read-also list instead of recomputing it (much faster).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = sys.stdout.isatty()
        printed = [-1]

        def progress(done: int, total: int) -> None:
            # A bar redrawn in place on a terminal; every tenth in a log.
            width = 30
            filled = width * done // max(total, 1)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            if interactive:
                self.stdout.write(f"\r{line}", ending="")
            elif 10 * done // max(total, 1) > printed[0]:
                printed[0] = 10 * done // max(total, 1)
                self.stdout.write(line)

        try:
            count = rebuild(progress, read_also=not options["keep_read_also"])
        except Exception as error:  # noqa: BLE001 - reported to the operator, then exit 1
            raise CommandError(f"The search index could not be rebuilt: {error}") from error
        if interactive:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} articles."))
