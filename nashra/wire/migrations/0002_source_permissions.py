"""Sources in the admin: the moderators (المشرفون) manage them, editors (المحررون) see them."""

from __future__ import annotations

from typing import Any

from django.db import migrations

GRANTED = {
    "المشرفون": ["add_source", "change_source", "delete_source", "view_source"],
    "المحررون": ["view_source"],
}


def grant(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after every migration has run; make them now.
    config = apps.get_app_config("wire")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTED.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="wire", codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
        ("newsroom", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
