"""The newsroom's corrections in the admin: entries editors add, and their history, which
editors read and nobody can change."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from nashra.newsroom.corrections import Correction, CorrectionHistory, editor_at_work
from nashra.newsroom.models import ArticlePage


class HistoryPolicy(ModelPermissionPolicy):
    """Read only, for whoever may read it: those who may view it or edit the entries."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and (
            user.has_perm("newsroom.view_correctionhistory")
            or user.has_perm("newsroom.change_correction")
        )

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)


register_permission_policy(CorrectionHistory, HistoryPolicy(CorrectionHistory))


class AddCorrectionView(CreateView):
    """Opened from a story's header button, the form already names that story."""

    def get_initial_form_instance(self) -> Any:
        story = self.request.GET.get("article", "")
        if story.isdigit() and ArticlePage.objects.filter(pk=int(story)).exists():
            return Correction(article_id=int(story))
        return super().get_initial_form_instance()


class CorrectionViewSet(SnippetViewSet):
    model = Correction
    add_view_class = AddCorrectionView
    icon = "warning"
    menu_label = _("التصحيحات والتحديثات")
    list_display = ["article", "kind", "published_at", "created_by"]
    list_filter = ["kind"]
    ordering = ["-published_at"]


class CorrectionHistoryViewSet(SnippetViewSet):
    model = CorrectionHistory
    icon = "history"
    menu_label = _("سجل التصحيحات")
    list_display = ["article_title", "action", "kind", "recorded_at", "recorded_by"]
    list_filter = ["action", "kind"]
    inspect_view_enabled = True


class CorrectionsGroup(SnippetViewSetGroup):
    menu_label = _("التصحيحات")
    menu_icon = "warning"
    menu_order = 240
    items = (CorrectionViewSet, CorrectionHistoryViewSet)


register_snippet(CorrectionsGroup)


def _acting(request: Any, instances: list[Any]) -> None:
    # Read by the history the signals write (newsroom/signals.py): who changed it.
    for instance in instances:
        if isinstance(instance, Correction):
            instance.acting_editor = request.user
            editor_at_work.set(request.user)


@hooks.register("before_edit_snippet")
def before_edit(request: Any, instance: Any) -> None:
    _acting(request, [instance])


@hooks.register("before_delete_snippet")
def before_delete(request: Any, instances: list[Any]) -> None:
    _acting(request, instances)


@hooks.register("after_create_snippet")
def after_create(request: Any, instance: Any) -> None:
    if isinstance(instance, Correction) and instance.created_by_id is None:
        Correction.objects.filter(pk=instance.pk).update(created_by=request.user)


@hooks.register("register_page_header_buttons")
def add_correction_button(page: Any, user: Any, view_name: str, next_url: Any = None) -> Any:
    if page.specific_class is ArticlePage and page.live and user.has_perm(
        "newsroom.add_correction"
    ):
        address = reverse(Correction.snippet_viewset.get_url_name("add"))  # type: ignore[attr-defined]
        yield Button(
            _("إضافة تصحيح أو تحديث"),
            f"{address}?{urlencode({'article': page.pk})}",
            icon_name="warning",
            priority=55,
        )
