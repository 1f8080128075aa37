"""Editors (المحررون) and moderators (المشرفون) send breaking alerts and read their log."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.permissions import grant_to_groups

ALERTS = ["send_alert", "view_alert", "view_delivery"]


def grant(apps: Any, schema_editor: Any) -> None:
    grant_to_groups(apps, "alerts", {"المحررون": ALERTS, "المشرفون": ALERTS})


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("newsroom", "0010_corrections_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
