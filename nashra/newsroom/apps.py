from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "nashra.newsroom"
    label = "newsroom"
    verbose_name = "غرفة الأخبار"

    def ready(self) -> None:
        from nashra.newsroom import signals

        signals.connect()
