from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"
    verbose_name = "الموقع"
