"""Stories taken in, in the admin: the sources with their health, and the inbox."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from nashra.wire.inbox import InboxViewSet
from nashra.wire.models import Source


class SourceViewSet(ModelViewSet):
    model = Source
    name = "wire_source"
    icon = "globe"
    menu_label = _("المصادر")
    list_display = [
        "name", "kind", "section", "policy", "enabled",
        "last_success_at", "last_error_at", "failures_in_a_row", "items_taken",
    ]
    list_filter = ["kind", "policy", "enabled"]
    search_fields = ["name", "address"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "kind", "address", "poll_minutes", "section", "policy", "wire_credit",
        "enabled", "last_polled_at", "last_success_at", "last_error", "last_error_at",
        "failures_in_a_row", "items_taken",
    ]


class WireGroup(ViewSetGroup):
    menu_label = _("الأخبار الواردة")
    menu_icon = "globe"
    menu_order = 260
    items = (InboxViewSet, SourceViewSet)


@hooks.register("register_admin_viewset")
def register_wire_admin() -> WireGroup:
    return WireGroup()
