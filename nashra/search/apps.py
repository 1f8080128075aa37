"""Reader search over published stories."""
from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nashra.search"
    label = "nashra_search"
    verbose_name = "البحث"

    def ready(self) -> None:
        from nashra.search import signals

        signals.connect(self)
