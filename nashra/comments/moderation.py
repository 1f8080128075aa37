"""The moderators' queue in the Wagtail admin: tabs with counts, filters, bulk actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from nashra.comments.models import Ban, BanKind, Comment, CommentQuerySet, Status

PERMISSION = "comments.moderate_comment"
QUEUES = [
    ("pending", gettext_lazy("بانتظار المراجعة")),
    ("approved", gettext_lazy("منشورة")),
    ("rejected", gettext_lazy("مرفوضة")),
    ("spam", gettext_lazy("مزعجة")),
    ("reported", gettext_lazy("مُبلَّغ عنها")),
]
PAGE_SIZE = 50


class QueueFilter(forms.Form):
    article = forms.IntegerField(label=gettext_lazy("رقم الخبر"), required=False)
    author = forms.CharField(label=gettext_lazy("الاسم"), required=False)
    email = forms.CharField(label=gettext_lazy("البريد"), required=False)
    address = forms.CharField(label=gettext_lazy("العنوان"), required=False)

    def apply(self, comments: CommentQuerySet) -> CommentQuerySet:
        if not self.is_valid():
            return comments
        wanted = self.cleaned_data
        if wanted["article"]:
            comments = comments.filter(article_id=wanted["article"])
        if wanted["author"]:
            comments = comments.filter(author_name__icontains=wanted["author"])
        if wanted["email"]:
            comments = comments.filter(email__icontains=wanted["email"])
        if wanted["address"]:
            comments = comments.filter(address__startswith=wanted["address"].strip())
        return comments


class EditForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["author_name", "body"]


def _require_moderator(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _ban(kind: str) -> Callable[[Comment, Any], bool]:
    """Ban the sender (by email or address) of a comment and mark the comment spam."""

    def ban(comment: Comment, by: Any) -> bool:
        value = comment.email if kind == BanKind.EMAIL else comment.address
        if not value:
            return False
        Ban.objects.get_or_create(
            kind=kind,
            value=Ban.normalized(kind, value),
            defaults={"reason": _("من قائمة التعليقات")},
        )
        comment.mark_spam(by=by)
        return True

    return ban


def _verb(name: str) -> Callable[[Comment, Any], bool]:
    def act(comment: Comment, by: Any) -> bool:
        getattr(comment, name)(by=by)
        return True

    return act


# What the bulk menu can do to each chosen comment; each says whether it applied.
BULK_ACTIONS: dict[str, Callable[[Comment, Any], bool]] = {
    "approve": _verb("approve"),
    "reject": _verb("reject"),
    "spam": _verb("mark_spam"),
    "ban_email": _ban(BanKind.EMAIL),
    "ban_address": _ban(BanKind.ADDRESS),
}


def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    if request.method == "POST":
        return _act(request)
    chosen = request.GET.get("queue", Status.PENDING)
    if chosen not in dict(QUEUES):
        chosen = Status.PENDING
    filters = QueueFilter(request.GET)
    everything = filters.apply(Comment.objects.all())
    listed = everything.in_queue(chosen).select_related("article", "parent")
    page = Paginator(listed.order_by("-created_at"), PAGE_SIZE).get_page(request.GET.get("p"))
    counts = everything.queue_counts()
    query = request.GET.copy()
    query.pop("queue", None)
    query.pop("p", None)
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "queues": [(name, label, counts[name]) for name, label in QUEUES],
            "chosen": chosen,
            "filters": filters,
            "page": page,
            "filter_query": query.urlencode(),
        },
    )


def _act(request: HttpRequest) -> HttpResponse:
    action = BULK_ACTIONS.get(request.POST.get("action", ""))
    chosen = Comment.objects.filter(pk__in=request.POST.getlist("comment")).select_related(
        "article"
    )
    back = request.POST.get("next") or reverse("moderation:queue")
    if not back.startswith("/"):
        back = reverse("moderation:queue")
    if action is None or not chosen:
        messages.error(request, _("اختر تعليقاً واحداً على الأقل وإجراءً."))
        return HttpResponseRedirect(back)
    with transaction.atomic():
        done = sum(1 for comment in chosen if action(comment, request.user))
    messages.success(request, _("نُفّذ الإجراء على %(count)d تعليق.") % {"count": done})
    return HttpResponseRedirect(back)


def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    _require_moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    form = EditForm(
        request.POST or None, instance=Comment(author_name=comment.author_name, body=comment.body)
    )
    if request.method == "POST" and form.is_valid():
        comment.edit(
            by=request.user,
            author_name=form.cleaned_data["author_name"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("حُفظ التعليق؛ النص الأصلي محفوظ في السجل."))
        return HttpResponseRedirect(reverse("moderation:edit", args=[comment.pk]))
    return TemplateResponse(
        request,
        "comments/admin/edit.html",
        {
            "comment": comment,
            "form": form,
            "actions": comment.actions.select_related("moderator"),
        },
    )


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


class ModerationViewSet(ViewSet):
    name = "moderation"
    icon = "comment"
    menu_label = gettext_lazy("قائمة الإشراف")
    menu_item_class = ModeratorsMenuItem

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", queue, name="queue"),
            path("<int:comment_id>/", edit, name="edit"),
        ]
