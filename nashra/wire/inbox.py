"""The editors' inbox: stories taken in as drafts, with where each came from."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from nashra.wire.models import Item, Outcome

PERMISSION = "wagtailadmin.access_admin"
PAGE_SIZE = 50


def also_reported(article_ids: list[int]) -> dict[int, list[Item]]:
    """Other sources' copies of each story, newest last."""
    found: dict[int, list[Item]] = defaultdict(list)
    others = (
        Item.objects.filter(article_id__in=article_ids,
                            outcome__in=[Outcome.ATTACHED, Outcome.DUPLICATE])
        .select_related("source").order_by("created_at", "pk")
    )
    for item in others:
        if item.article_id is not None:
            found[item.article_id].append(item)
    return found


def inbox(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    page = Paginator(Item.objects.inbox(), PAGE_SIZE).get_page(request.GET.get("p"))
    others = also_reported([item.article_id for item in page if item.article_id])
    rows = [(item, others.get(item.article_id or 0, [])) for item in page]
    context = {
        "page": page,
        "rows": rows,
        "to_approve": Item.objects.awaiting_approval()[:PAGE_SIZE],
    }
    return TemplateResponse(request, "wire/admin/inbox.html", context)


class InboxViewSet(ViewSet):
    name = "wire_inbox"
    icon = "download"
    menu_label = gettext_lazy("صندوق الوارد")
    menu_item_class = MenuItem

    def get_urlpatterns(self) -> list[Any]:
        return [path("", inbox, name="index")]
