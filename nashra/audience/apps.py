from __future__ import annotations

from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "nashra.audience"
    label = "audience"
    verbose_name = "الجمهور"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nashra.audience import signals

        signals.connect()
