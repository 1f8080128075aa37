"""The search page's form: the query, a section, a date range and the order."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashra.newsroom.models import SectionPage
from nashra.operations.site_memory import remembered
from nashra.search.backends import Filters
from nashra.search.query import MAX_QUERY_LENGTH, QueryProblem, query_problem


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"


class SearchForm(forms.Form):
    """Lenient on purpose: a bad field is dropped, never turned into an error page."""

    q = forms.CharField(label=_("ابحث عن"), required=False, strip=True)
    section = forms.ChoiceField(label=_("القسم"), required=False)
    since = forms.DateField(
        label=_("من تاريخ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("إلى تاريخ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("الترتيب"),
        required=False,
        choices=[(Sort.RELEVANCE, _("الأكثر صلة")), (Sort.NEWEST, _("الأحدث"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once per worker until a page changes: on a large archive, reading them
        # cost more than the search.
        self.sections = remembered(("search-sections",), _live_sections)
        section_field = self.fields["section"]
        assert isinstance(section_field, forms.ChoiceField)
        section_field.choices = [
            ("", _("كل الأقسام")),
            *((slug, title) for slug, (_pk, title) in self.sections.items()),
        ]

    def value(self, name: str) -> Any:
        """The cleaned value of a field, or None when it was missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None

    @property
    def query_text(self) -> str:
        return str(self.data.get("q", "") or "").strip()[:MAX_QUERY_LENGTH]

    @property
    def query_error(self) -> str | None:
        """Why the query cannot be searched, in words for the reader; None if it can."""
        problem = query_problem(str(self.data.get("q", "") or ""))
        if problem is None:
            return None
        return str(_QUERY_ERRORS[problem]) % {"limit": MAX_QUERY_LENGTH}

    @property
    def newest(self) -> bool:
        return self.value("sort") == Sort.NEWEST

    def filters(self) -> Filters:
        section = self.sections.get(self.value("section") or "")
        since: date | None = self.value("since")
        until: date | None = self.value("until")
        return Filters(
            section_id=section[0] if section else None,
            since_ts=_day_start(since) if since else None,
            until_ts=_day_start(until + timedelta(days=1)) if until else None,
        )


def _live_sections() -> dict[str, tuple[int, str]]:
    """Each live section's slug with its id and title, in the tree's order."""
    return {
        slug: (pk, title)
        for slug, pk, title in SectionPage.objects.live()
        .order_by("path")
        .values_list("slug", "pk", "title")
    }


_QUERY_ERRORS = {
    QueryProblem.TOO_LONG: _(
        "البحث أطول من %(limit)d حرفاً. اختصره إلى الكلمات التي تهمّك ثم أعد المحاولة."
    ),
    QueryProblem.CONTROL_CHARACTERS: _(
        "في نص البحث رموز غير مرئية لا تُكتب من لوحة المفاتيح. امسحه واكتبه من جديد."
    ),
    QueryProblem.ONLY_MARKS: _("لا يمكن البحث عن الحركات وحدها. اكتب الكلمة بحروفها، مثل «القدس»."),
    QueryProblem.ONLY_STOP_WORDS: _(
        "كلمات بحثك من الكلمات الشائعة التي لا يُبحث بها (مثل «في» و«من»). "
        "أضف اسماً أو كلمة من الخبر."
    ),
}


def _day_start(day: date) -> float:
    """The first instant of ``day`` in the site's time zone, as a timestamp."""
    return timezone.make_aware(datetime.combine(day, time.min)).timestamp()
