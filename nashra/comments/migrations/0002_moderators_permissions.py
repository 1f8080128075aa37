"""Give the moderators' group (المشرفون) the comment queue, the banned words and the bans."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.permissions import grant_to_groups

GRANTED = {
    "المشرفون": [
        "moderate_comment",
        *[f"{verb}_{model}" for model in ("bannedphrase", "ban")
          for verb in ("add", "change", "delete", "view")],
    ],
}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_to_groups(apps, "comments", GRANTED)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
