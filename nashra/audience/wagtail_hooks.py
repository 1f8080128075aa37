from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from nashra.audience.admin_views import ArticleAudienceView, AudienceView, TopStoriesPanel


@hooks.register("register_admin_urls")
def audience_urls() -> list[Any]:
    return [
        path("audience/", AudienceView.as_view(), name="audience_dashboard"),
        path("audience/article/<int:pk>/", ArticleAudienceView.as_view(), name="audience_article"),
    ]


@hooks.register("register_admin_menu_item")
def audience_menu_item() -> MenuItem:
    return MenuItem(_("الجمهور"), reverse("audience_dashboard"), icon_name="view", order=250)


@hooks.register("construct_homepage_panels")
def audience_panel(request: Any, panels: list[Any]) -> None:
    panels.append(TopStoriesPanel())
