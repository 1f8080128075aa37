"""`nashra demo`: load the demo site into an empty database."""

from __future__ import annotations

from typing import Any, cast

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from nashra.core.progress import Progress
from nashra.newsroom.demo import SiteHasContent, demo_loaded, load_demo


class Command(BaseCommand):
    help = "يحمّل الموقع التجريبي في قاعدة بيانات فارغة."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Succeed without loading anything when the site already has content.",
        )
        parser.add_argument(
            "--pictures-later",
            action="store_true",
            help="Leave renditions and social cards to the scheduler (`prepare_pictures`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        added: list[tuple[int, str]] = []
        try:
            with transaction.atomic(), Progress(
                "demo", out=self.stderr, enabled=options["verbosity"] >= 1
            ) as progress:
                report = load_demo(progress)
                if not report.already_loaded:
                    answers = demo_loaded.send(sender=None)
                    added = [cast(tuple[int, str], answer) for _receiver, answer in answers]
        except SiteHasContent:
            message = "The site already has its own content; the demo was not loaded."
            if options["if_empty"]:
                self.stdout.write(message)
                return
            raise CommandError(message) from None
        if report.already_loaded:
            self.stdout.write("The demo is already loaded; nothing to do.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {report.sections} sections, {report.articles} articles"
                + "".join(f", {count} {what}" for count, what in added) + "."
            )
        )
        if not options["pictures_later"]:
            # So the site is served with its pictures from the first page view.
            self.stdout.write("Preparing the demo's pictures…")
            call_command(
                "prepare_pictures", stdout=self.stdout, stderr=self.stderr,
                verbosity=options["verbosity"],
            )
