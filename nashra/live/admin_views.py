"""The live desk in the admin: one story's coverage, its entries, and a form to add one.

Every action is a short POST that writes one entry (or the coverage's start or end) and
comes back to the desk, so several editors can work on one story at once; what an editor
wrote is never dropped: a refused entry comes back in its form with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from nashra.live.forms import EntryForm
from nashra.live.models import (
    CoverageClosed,
    LiveEntry,
    StaleEntry,
    end_coverage,
    start_coverage,
)
from nashra.live.views import LARGEST_ID
from nashra.newsroom.models import ArticlePage

DESK_ENTRIES = 200

CLOSED = _("التغطية المباشرة لهذا الخبر غير جارية: لا يمكن إضافة مدخلات أو تعديلها.")
STALE = _(
    "عدّل محرر آخر هذا المدخل أو حذفه بعد أن فتحته. ما كتبته محفوظ في النموذج أدناه؛ "
    "راجع المدخل كما صار ثم احفظ من جديد."
)


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(f"live.{permission}"):
        raise PermissionDenied


class DeskView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "live/admin/desk.html"
    header_icon = "radio-full"
    form: EntryForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require(request, "add_liveentry")
        if kwargs["pk"] > LARGEST_ID:
            raise Http404
        self.article = get_object_or_404(ArticlePage, pk=kwargs["pk"])
        self.form = EntryForm()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("التغطية المباشرة")

    def get_page_subtitle(self) -> str:
        return self.article.title

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        if action in ("start", "end"):
            _require(request, "run_coverage")
            if action == "start":
                start_coverage(self.article)
                messages.success(request, _("بدأت التغطية المباشرة."))
            else:
                try:
                    end_coverage(self.article)
                    messages.success(request, _("انتهت التغطية المباشرة وجُمّدت مدخلاتها."))
                except CoverageClosed:
                    messages.error(request, CLOSED)
            return redirect(self.desk_url())
        self.form = EntryForm(request.POST)
        if self.form.is_valid():
            try:
                LiveEntry.add(self.article, request.user, **self.form.written())
            except CoverageClosed:
                self.form.add_error(None, CLOSED)
            except ValidationError as error:
                self.form.add_error(None, error)
            else:
                messages.success(request, _("نُشر المدخل."))
                return redirect(self.desk_url())
        return self.render_to_response(self.get_context_data(), status=400)

    def desk_url(self) -> str:
        return reverse("live_desk", args=[self.article.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["article"] = self.article
        context["form"] = self.form
        context["entries"] = list(
            LiveEntry.objects.of(self.article).newest_first().select_related(
                "created_by", "changed_by"
            )[:DESK_ENTRIES]
        )
        context["may_run"] = self.request.user.has_perm("live.run_coverage")
        return context


class EntryView(WagtailAdminTemplateMixin, TemplateView):
    """Change one entry (``live_entry_edit``) or remove it (``live_entry_remove``)."""

    template_name = "live/admin/entry.html"
    header_icon = "radio-full"
    removing = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require(request, "delete_liveentry" if self.removing else "change_liveentry")
        if kwargs["pk"] > LARGEST_ID:
            raise Http404
        self.entry = get_object_or_404(
            LiveEntry.objects.select_related("article"), pk=kwargs["pk"]
        )
        self.form = EntryForm(instance=self.entry)
        self.current: LiveEntry | None = None
        self.problem = ""
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("حذف مدخل") if self.removing else _("تعديل مدخل")

    def get_page_subtitle(self) -> str:
        return self.entry.article.title

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        desk = reverse("live_desk", args=[self.entry.article_id])
        version = _version(request.POST.get("version"))
        if not self.removing:
            self.form = EntryForm(request.POST, instance=self.entry)
        try:
            if self.removing:
                self.entry.remove(request.user, version)
                messages.success(request, _("حُذف المدخل."))
                return redirect(desk)
            if self.form.is_valid():
                self.entry.change(request.user, version, **self.form.written())
                messages.success(request, _("حُفظ المدخل."))
                return redirect(desk)
        except CoverageClosed:
            self.problem = CLOSED
        except StaleEntry:
            self.problem = STALE
            self.current = LiveEntry.objects.filter(pk=self.entry.pk).first()
            if self.current is not None:
                # Saving again is then a change from what the entry has become.
                data = QueryDict(mutable=True)
                if self.form.is_bound:
                    data.update(self.form.data)
                data["version"] = str(self.current.version)
                self.form.data = data
                self.form.initial["version"] = self.current.version
        except ValidationError as error:
            self.problem = " ".join(error.messages)
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            entry=self.entry,
            form=self.form,
            removing=self.removing,
            current=self.current,
            problem=self.problem,
            desk_url=reverse("live_desk", args=[self.entry.article_id]),
        )
        return context


def _version(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 10 else 0
