"""The newsroom's two groups, under their Arabic names.

Wagtail's first migrations create "Editors" and "Moderators" with page permissions on the
root and make "Moderators" the approvers of the default moderation workflow. Renaming them
keeps all of that; creating fresh groups would leave a workflow nobody can approve.
"""

from django.db import migrations

RENAMES = [("Editors", "المحررون"), ("Moderators", "المشرفون")]


def rename_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for english, arabic in RENAMES:
        if Group.objects.filter(name=arabic).exists():
            continue
        updated = Group.objects.filter(name=english).update(name=arabic)
        if not updated:
            Group.objects.create(name=arabic)


def restore_names(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for english, arabic in RENAMES:
        Group.objects.filter(name=arabic).update(name=english)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_home_page"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename_groups, restore_names)]
