"""Giving the newsroom's groups an app's permissions from a data migration."""

from __future__ import annotations

from typing import Any


def grant_to_groups(apps: Any, app_label: str, granted: dict[str, list[str]]) -> None:
    """Add ``granted`` (group name → permission codenames of ``app_label``) to the groups.

    Django creates permissions only after every migration has run, so they are made here
    first. A group that does not exist (renamed or removed by the site) is left alone.
    """
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config(app_label)
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in granted.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
