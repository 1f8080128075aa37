from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "nashra.newsroom"
    label = "newsroom"
    verbose_name = "غرفة الأخبار"
