"""Keep address bans as the network that stands for one machine: an IPv6 ban covers its /64.

Bans made before were kept as the address typed or seen; each becomes its group, and a
second ban that falls into the same /64 is the same ban.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nashra.core.client import address_group


def ban_networks(apps: Any, schema_editor: Any) -> None:
    Ban = apps.get_model("comments", "Ban")
    kept: dict[str, Any] = {}
    repeated = []
    for ban in Ban.objects.filter(kind="address").order_by("created_at", "pk"):
        group = address_group(ban.value)
        if group in kept:
            repeated.append(ban.pk)
        else:
            kept[group] = ban
    # Repeats go first, so that no ban takes a value another still holds.
    Ban.objects.filter(pk__in=repeated).delete()
    for group, ban in kept.items():
        if group != ban.value:
            Ban.objects.filter(pk=ban.pk).update(value=group)


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderators_permissions")]

    operations = [migrations.RunPython(ban_networks, migrations.RunPython.noop)]
