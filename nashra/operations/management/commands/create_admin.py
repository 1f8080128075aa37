"""`nashra create_admin`: a first administrator with a random password, shown once."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "ينشئ حساب مدير بكلمة مرور عشوائية تُطبع مرة واحدة، إن لم يوجد مدير."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator already exists; nothing to do.")
            return
        password = secrets.token_urlsafe(12)
        # create_superuser stores only the hash; the plain password lives in this output.
        users.objects.create_superuser(options["username"], email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator created. Username: {options['username']}  Password: {password}\n"
                "This password is shown once and stored nowhere: note it now."
            )
        )
