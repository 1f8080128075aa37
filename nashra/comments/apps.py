from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "nashra.comments"
    label = "comments"
    verbose_name = "التعليقات"
