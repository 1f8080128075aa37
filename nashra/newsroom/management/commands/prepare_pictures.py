"""`nashra prepare_pictures`: make waiting renditions and draw waiting social cards.

Run by the scheduler of `nashra serve` every few seconds; safe to run by hand or from
cron, and idempotent: with nothing waiting it reads two short queries and stops.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nashra.core.progress import Progress
from nashra.newsroom.share_cards import draw_waiting
from nashra.pictures.renditions import make_pending


class Command(BaseCommand):
    help = "يجهّز مقاسات الصور وصيغها وبطاقات المشاركة التي تنتظر."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many pictures and cards."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        shown = options["verbosity"] > 0
        with Progress("pictures", out=self.stderr, enabled=shown) as progress:
            # Counting what waits costs a query: not on the scheduler's quiet turns.
            pictures = make_pending(options["limit"], progress if progress.shown else None)
        with Progress("cards", out=self.stderr, enabled=shown) as progress:
            cards = draw_waiting(options["limit"], progress)
        if options["verbosity"] > 0:
            self.stdout.write(f"Pictures prepared: {pictures}; social cards drawn: {cards}.")
