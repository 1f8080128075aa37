"""Give the moderators' group (المشرفون) the comment queue, the banned words and the bans."""

from __future__ import annotations

from typing import Any

from django.db import migrations

GRANTED = [
    ("comment", "moderate_comment"),
    *[(model, f"{verb}_{model}") for model in ("bannedphrase", "ban")
      for verb in ("add", "change", "delete", "view")],
]


def grant(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after every migration has run; make them now.
    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="المشرفون").first()
    if moderators is None:
        return
    for _model, codename in GRANTED:
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label="comments", codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
