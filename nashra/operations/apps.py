from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "nashra.operations"
    label = "operations"
    verbose_name = "التشغيل"
