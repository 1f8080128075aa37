"""Sources in the admin: the moderators (المشرفون) manage them, editors (المحررون) see them."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.permissions import grant_to_groups

GRANTED = {
    "المشرفون": ["add_source", "change_source", "delete_source", "view_source"],
    "المحررون": ["view_source"],
}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_to_groups(apps, "wire", GRANTED)


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
        ("newsroom", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
