"""Items stored before addresses were checked on save hold web addresses only."""

from django.db import migrations

from nashra.core.web_addresses import keep_web_addresses


def clean(apps, schema_editor):
    keep_web_addresses(apps.get_model("wire", "Item"), "url", "image_url")


class Migration(migrations.Migration):

    dependencies = [
        ("wire", "0004_source_backoff"),
    ]

    operations = [
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
