from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"
    verbose_name = "الموقع"

    def ready(self) -> None:
        from nashra.core import signals

        signals.connect(self)
