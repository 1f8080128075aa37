"""The one-click alert in the admin: a confirmation, then the alert, then the text to
paste into the WhatsApp channel."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from nashra.alerts.models import Alert, Channel, PushSubscription, Status
from nashra.newsroom.models import ArticlePage

PERMISSION = "alerts.send_alert"
# A second alert about one story this soon is most likely a second click.
REPEAT_WINDOW = timedelta(minutes=30)


class SendAlertView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/send.html"
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.story = get_object_or_404(ArticlePage.objects.live(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("إرسال تنبيه عاجل")

    def get_page_subtitle(self) -> str:
        return self.story.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        section = self.story.get_parent()
        return super().get_context_data(
            story=self.story,
            line=self.story.standfirst or "",
            readers=PushSubscription.objects.for_section(section.pk).count(),
            telegram=bool(
                settings.NASHRA_TELEGRAM_BOT_TOKEN and settings.NASHRA_TELEGRAM_CHAT_ID
            ),
            recent=Alert.objects.filter(
                story=self.story, created_at__gte=timezone.now() - REPEAT_WINDOW
            ).first(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data()
        if context["recent"] and not request.POST.get("again"):
            context["error"] = _("أُرسل تنبيه عن هذا الخبر قبل قليل. أكّد أنك تريد إرساله مرة أخرى.")
            return self.render_to_response(context)
        line = request.POST.get("line", "").strip()[:280]
        alert = Alert.objects.announce(self.story, by=request.user, line=line)
        return redirect("alerts_sent", pk=alert.pk)


class AlertSentView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/sent.html"
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.alert = get_object_or_404(Alert, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("أُرسل التنبيه العاجل")

    def get_page_subtitle(self) -> str:
        return self.alert.headline

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        counts = (
            self.alert.deliveries.values("channel", "status")
            .annotate(count=Count("pk"))
            .order_by("channel", "status")
        )
        shown = [
            {"channel": Channel(row["channel"]).label, "status": Status(row["status"]).label,
             "count": row["count"]}
            for row in counts
        ]
        return super().get_context_data(alert=self.alert, counts=shown, **kwargs)
