"""The editors' audience pages in the Wagtail admin."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from nashra.audience import dashboard
from nashra.audience.chart import hourly_svg
from nashra.newsroom.models import ArticlePage


class AudienceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audience/admin/index.html"
    page_title = gettext_lazy("الجمهور")
    header_icon = "view"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["top_stories"] = dashboard.top_stories_today()
        context["sections"] = dashboard.views_per_section_today()
        return context


class ArticleAudienceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audience/admin/article.html"
    header_icon = "view"

    def get_page_title(self) -> str:
        return _("مشاهدات الخبر")

    def get_page_subtitle(self) -> str:
        return self.article.title

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.article = get_object_or_404(ArticlePage, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        points = dashboard.hourly_views(self.article.pk)
        context["article"] = self.article
        context["points"] = points
        context["hours_views"] = sum(views for _, views in points)
        context["chart"] = hourly_svg(points, _("المشاهدات في كل ساعة خلال آخر ٤٨ ساعة"))
        context["index_url"] = reverse("audience_dashboard")
        return context


class TopStoriesPanel(Component):
    """Today's most-read stories on the admin's home page."""

    name = "audience_top_stories"
    template_name = "audience/admin/top_stories_panel.html"
    order = 90

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(parent_context)
        context["top_stories"] = dashboard.top_stories_today(limit=5)
        context["audience_url"] = reverse("audience_dashboard")
        return context
