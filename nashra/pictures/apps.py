from django.apps import AppConfig


class PicturesConfig(AppConfig):
    name = "nashra.pictures"
    label = "pictures"
    verbose_name = "الصور"
    default_auto_field = "django.db.models.AutoField"
