"""`nashra import_wordpress export.xml`: a WordPress site's export moved in, re-runnable."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Site

from nashra.core.progress import Progress
from nashra.wire.importers.wordpress import WordPressImport
from nashra.wire.importers.wxr import ExportError, read_export


class Command(BaseCommand):
    help = "ينقل موقع ووردبريس من ملف التصدير (WXR): الأقسام والوسوم والكتّاب والأخبار والتعليقات."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media",
            type=Path,
            help="A copy of wp-content/uploads; featured images found there become lead images.",
        )
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help="Zone of the export's local times when it has no GMT twin (default: TIME_ZONE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            zone = ZoneInfo(options["time_zone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"Unknown time zone: {options['time_zone']}") from None
        media = options["media"]
        if media is not None and not media.is_dir():
            raise CommandError(f"{media}: not a directory")
        try:
            export = read_export(options["export"], zone)
        except OSError as error:
            raise CommandError(f"{options['export']}: {error.strerror or error}") from error
        except ExportError as error:
            raise CommandError(f"{options['export']}: {error}") from error

        if not Site.objects.filter(is_default_site=True).exists():
            raise CommandError("The site has no home page yet; run `nashra migrate` first.")
        bar = Progress("posts", out=self.stderr, enabled=options["verbosity"] > 0)
        summary = WordPressImport(export, media=media, progress=bar).run()
        bar.close()

        width = max((len(name) for name in summary.counts), default=0)
        for name, count in sorted(summary.counts.items()):
            if count:
                self.stdout.write(f"{name.ljust(width)}  {count}")
        if summary.missing_images:
            self.stdout.write(
                f"{len(summary.missing_images)} featured images were not found"
                + ("" if media else " (no --media given)")
                + "; their addresses:"
            )
            for address in sorted(set(summary.missing_images)):
                self.stdout.write(f"  {address}")
        self.stdout.write(self.style.SUCCESS("WordPress import finished."))
