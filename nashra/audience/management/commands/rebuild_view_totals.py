"""`nashra rebuild_view_totals`: set every article's total from its buckets again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nashra.audience import storage
from nashra.audience.models import ViewTotal
from nashra.core.progress import Progress

CHUNK = 500


class Command(BaseCommand):
    help = "يعيد حساب مجموع مشاهدات كل خبر من سجلات الساعات والأيام."

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(ViewTotal.objects.order_by("article_id").values_list("article_id", flat=True))
        bar = Progress("rebuild", out=self.stderr, enabled=options["verbosity"] >= 1)
        for start in range(0, len(ids), CHUNK):
            storage.rebuild_totals(ids[start : start + CHUNK])
            bar(min(start + CHUNK, len(ids)), len(ids))
        bar.close()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Rebuilt the totals of {len(ids)} articles.")
