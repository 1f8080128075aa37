"""Corrections, authors and columns in the admin: editors (المحررون) and moderators
(المشرفون) add and fix entries, keep the bylines, and read the corrections' history."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.permissions import grant_to_groups

NEWSROOM = [
    "add_correction", "change_correction", "delete_correction", "view_correction",
    "view_correctionhistory",
    "add_author", "change_author", "view_author",
    "add_column", "change_column", "view_column",
]
GRANTED = {"المشرفون": NEWSROOM, "المحررون": NEWSROOM}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_to_groups(apps, "newsroom", GRANTED)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_corrections_authors_columns"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
