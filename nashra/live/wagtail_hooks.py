"""The live desk's place in the admin: its addresses, and a button on every story."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from nashra.live.admin_views import DeskView, EntryView
from nashra.newsroom.models import ArticlePage


@hooks.register("register_admin_urls")
def live_urls() -> list[Any]:
    return [
        path("live/<int:pk>/", DeskView.as_view(), name="live_desk"),
        path("live/entry/<int:pk>/", EntryView.as_view(), name="live_entry_edit"),
        path(
            "live/entry/<int:pk>/remove/",
            EntryView.as_view(removing=True),
            name="live_entry_remove",
        ),
    ]


@hooks.register("register_page_header_buttons")
def live_desk_button(page: Any, user: Any, view_name: str, next_url: Any = None) -> Any:
    if page.specific_class is ArticlePage and page.live and user.has_perm(
        "live.add_liveentry"
    ):
        yield Button(
            _("التغطية المباشرة"),
            reverse("live_desk", args=[page.pk]),
            icon_name="radio-full",
            priority=56,
        )
