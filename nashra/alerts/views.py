"""Readers' side of breaking alerts: the ticker, the opt-in page, the service worker and
the subscription endpoints.

The ticker, the opt-in page and the service worker carry nothing personal and stay in
the page cache; the ticker's address is purged alone when an alert goes out. The state
endpoint is never cached: it hands the cached page a CSRF token for its POSTs.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from nashra.alerts import subscriptions
from nashra.alerts import ticker as breaking_ticker
from nashra.core import limits
from nashra.core.client import address_group, client_address
from nashra.newsroom.models import SectionPage


@require_GET
def ticker(request: HttpRequest) -> HttpResponse:
    answer = TemplateResponse(
        request, "alerts/ticker.html", {"breaking_news": breaking_ticker.current()}
    )
    answer["X-Robots-Tag"] = "noindex"
    return answer


@require_GET
def opt_in(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    sections = (
        SectionPage.objects.live().in_menu().child_of(site.root_page) if site else []
    )
    return TemplateResponse(
        request, "alerts/opt_in.html",
        {"sections": sections, "enabled": bool(settings.NASHRA_VAPID_PUBLIC_KEY)},
    )


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "alerts/sw.js", content_type="text/javascript; charset=utf-8"
    )


@require_GET
def state(request: HttpRequest) -> JsonResponse:
    answer = JsonResponse(
        {"token": get_token(request), "key": settings.NASHRA_VAPID_PUBLIC_KEY}
    )
    answer["Cache-Control"] = "no-store"
    return answer


def _json(request: HttpRequest) -> object:
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        return None


# Subscribing and unsubscribing, per machine (an office behind one address holds many
# readers): each call writes to the database, and an endless stream of made-up
# subscriptions would fill the outbox of every alert with sends to nowhere.
SUBSCRIPTION_LIMITS = [(10, 60), (60, 3600)]


def _rationed(request: HttpRequest) -> JsonResponse | None:
    machine = f"address:{address_group(client_address(request))}"
    if limits.take("alert-subscriptions", machine, SUBSCRIPTION_LIMITS):
        return None
    message = _("طلبات كثيرة من هذا الجهاز؛ حاول مرة أخرى بعد قليل.")
    return JsonResponse({"ok": False, "message": message}, status=429)


@require_POST
def subscribe(request: HttpRequest) -> JsonResponse:
    if refused := _rationed(request):
        return refused
    try:
        subscriptions.subscribe(_json(request))
    except subscriptions.Refused:
        return JsonResponse({"ok": False, "message": _("تعذّر تسجيل الاشتراك.")}, status=400)
    return JsonResponse({"ok": True, "message": _("ستصلك التنبيهات العاجلة على هذا الجهاز.")})


@require_POST
def unsubscribe(request: HttpRequest) -> JsonResponse:
    if refused := _rationed(request):
        return refused
    try:
        subscriptions.unsubscribe(_json(request))
    except subscriptions.Refused:
        return JsonResponse({"ok": False, "message": _("تعذّر إلغاء الاشتراك.")}, status=400)
    return JsonResponse({"ok": True, "message": _("أُلغي اشتراكك في التنبيهات العاجلة.")})
