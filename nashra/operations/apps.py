from __future__ import annotations

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "nashra.operations"
    label = "operations"
    verbose_name = "التشغيل"

    def ready(self) -> None:
        from nashra.operations import purges, site_lookup

        purges.connect()
        site_lookup.connect()
