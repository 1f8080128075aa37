"""The comments' place in the admin: the moderation queue, banned words, bans."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from nashra.comments.models import Ban, BannedPhrase
from nashra.comments.moderation import ModerationViewSet


class BannedPhraseViewSet(ModelViewSet):
    model = BannedPhrase
    icon = "cross"
    menu_label = _("الكلمات المحظورة")
    form_fields = ["phrase"]
    list_display = ["phrase", "created_at"]
    search_fields = ["phrase"]


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "lock"
    menu_label = _("المحظورون")
    form_fields = ["kind", "value", "reason"]
    list_display = ["kind", "value", "reason", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]


class CommentsGroup(ViewSetGroup):
    menu_label = _("التعليقات")
    menu_icon = "comment"
    menu_order = 250
    items = (ModerationViewSet, BannedPhraseViewSet, BanViewSet)


@hooks.register("register_admin_viewset")
def register_comments_admin() -> CommentsGroup:
    return CommentsGroup()
