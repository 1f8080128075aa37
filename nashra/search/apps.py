"""Reader search over published stories."""
from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nashra.search"
    label = "nashra_search"
    verbose_name = "البحث"

    def ready(self) -> None:
        from nashra.newsroom.read_also import ReadAlsoSource, provide
        from nashra.search import signals
        from nashra.search.related import keep_read_also, read_also_for

        signals.connect(self)
        provide(ReadAlsoSource(stories=read_also_for, keep=keep_read_also))
