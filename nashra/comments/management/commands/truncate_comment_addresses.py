from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nashra.comments.retention import truncate_old_addresses


class Command(BaseCommand):
    help = "Cut commenters' addresses older than 30 days to their network (privacy)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = truncate_old_addresses()
        self.stdout.write(f"Truncated {done} comment address(es) older than 30 days.")
