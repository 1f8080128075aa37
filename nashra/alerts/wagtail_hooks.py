"""Breaking alerts in the admin: the story's «إرسال تنبيه عاجل» button, its views, and a
read-only log of every alert and every send."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from nashra.alerts.admin_views import PERMISSION, AlertSentView, SendAlertView
from nashra.alerts.models import Alert, Delivery
from nashra.newsroom.models import ArticlePage


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is written by the sender alone: people may only read it."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and (
            user.has_perm(f"alerts.view_{self.model._meta.model_name}")
            or user.has_perm(PERMISSION)
        )

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)


register_permission_policy(Alert, ReadOnlyPolicy(Alert))
register_permission_policy(Delivery, ReadOnlyPolicy(Delivery))


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("التنبيهات المرسلة")
    list_display = ["headline", "created_by", "created_at"]
    inspect_view_enabled = True
    ordering = ["-created_at"]


class DeliveryViewSet(SnippetViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = _("سجل الإرسال")
    list_display = ["alert", "channel", "target", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["channel", "status"]
    inspect_view_enabled = True
    ordering = ["-pk"]


class AlertsGroup(SnippetViewSetGroup):
    menu_label = _("التنبيهات العاجلة")
    menu_icon = "warning"
    menu_order = 250
    items = (AlertViewSet, DeliveryViewSet)


register_snippet(AlertsGroup)


@hooks.register("register_admin_urls")
def alert_urls() -> list[Any]:
    return [
        path("alerts/send/<int:pk>/", SendAlertView.as_view(), name="alerts_send"),
        path("alerts/sent/<int:pk>/", AlertSentView.as_view(), name="alerts_sent"),
    ]


@hooks.register("register_page_header_buttons")
def send_alert_button(page: Any, user: Any, view_name: str, next_url: Any = None) -> Any:
    if page.specific_class is ArticlePage and page.live and user.has_perm(PERMISSION):
        yield Button(
            _("إرسال تنبيه عاجل"),
            reverse("alerts_send", args=[page.pk]),
            icon_name="warning",
            priority=50,
        )
