"""`nashra rebuild_search_index`: rebuild the Arabic search index from the live articles."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.core.progress import Progress
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
        try:
            with Progress(
                "index", out=self.stderr, enabled=options["verbosity"] >= 1
            ) as progress:
                count = rebuild(progress, read_also=not options["keep_read_also"])
        except Exception as error:  # noqa: BLE001 - reported to the operator, then exit 1
            raise CommandError(f"The search index could not be rebuilt: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} articles."))
