"""`nashra import_text FILE…`: page dumps saved as text become clean articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nashra.newsroom.models import SectionPage
from nashra.wire.importers.text_dump import import_dump


class Command(BaseCommand):
    help = "يحوّل صفحات محفوظة نصاً إلى أخبار نظيفة (مسودات ما لم يُطلب النشر)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="Text dumps of pages (UTF-8).")
        parser.add_argument(
            "--section",
            help="Slug of the section to put the articles in (default: the first section).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the articles instead of drafts."
        )
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help="Zone of times the pages print without one (default: TIME_ZONE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        section = self._section(options["section"])
        try:
            zone = ZoneInfo(options["time_zone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"Unknown time zone: {options['time_zone']}") from None
        for path in options["files"]:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: cannot be read as UTF-8 text ({error})") from error
            pages = import_dump(text, section, zone, publish=options["publish"])
            if not pages:
                self.stderr.write(f"{path}: no story found")
            for page in pages:
                self.stdout.write(page.full_url or page.url_path)

    def _section(self, slug: str | None) -> SectionPage:
        sections = SectionPage.objects.order_by("path")
        section = sections.filter(slug=slug).first() if slug else sections.first()
        if section is None:
            wanted = f"a section with the slug {slug!r}" if slug else "a section"
            raise CommandError(f"The site has no {wanted}; create it first or pass --section.")
        return section
