from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "nashra.alerts"
    label = "alerts"
    verbose_name = "التنبيهات العاجلة"
