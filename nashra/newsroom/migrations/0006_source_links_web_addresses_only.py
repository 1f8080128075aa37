"""Source lines stored before addresses were checked on save hold web addresses only."""

from django.db import migrations

from nashra.core.web_addresses import keep_web_addresses


def clean(apps, schema_editor):
    keep_web_addresses(apps.get_model("newsroom", "ArticleSource"), "url")


class Migration(migrations.Migration):

    dependencies = [
        ("newsroom", "0005_web_addresses_only"),
    ]

    operations = [
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
