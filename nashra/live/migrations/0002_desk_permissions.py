"""The live desk: editors (المحررون) add, change and remove entries and run coverage."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.permissions import grant_to_groups

GRANTED = {
    "المحررون": [
        "add_liveentry", "change_liveentry", "delete_liveentry", "view_liveentry",
        "run_coverage",
    ],
}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_to_groups(apps, "live", GRANTED)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("newsroom", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
