"""The search page's form: the query, a section, a date range and the order."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashra.newsroom.models import SectionPage
from nashra.search.backends import Filters
from nashra.search.query import MAX_QUERY_LENGTH


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
        self.sections = {
            section.slug: section for section in SectionPage.objects.live().order_by("path")
        }
        section_field = self.fields["section"]
        assert isinstance(section_field, forms.ChoiceField)
        section_field.choices = [
            ("", _("كل الأقسام")),
            *((slug, section.title) for slug, section in self.sections.items()),
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
    def newest(self) -> bool:
        return self.value("sort") == Sort.NEWEST

    def filters(self) -> Filters:
        section = self.sections.get(self.value("section") or "")
        since: date | None = self.value("since")
        until: date | None = self.value("until")
        return Filters(
            section_id=section.pk if section else None,
            since_ts=_day_start(since) if since else None,
            until_ts=_day_start(until + timedelta(days=1)) if until else None,
        )


def _day_start(day: date) -> float:
    """The first instant of ``day`` in the site's time zone, as a timestamp."""
    return timezone.make_aware(datetime.combine(day, time.min)).timestamp()
