"""Query parameters of the articles endpoint; a value they cannot use is a 400, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag
from wagtail.api.v2.utils import BadRequestError

from nashra.core.models import SiteSettings
from nashra.newsroom.models import ArticleTag, SectionPage

# Beyond this an id cannot be a row of ours, and some databases refuse the number itself.
LARGEST_ID = 2**63 - 1

ORDERS = {
    "-first_published_at": ("-first_published_at", "-pk"),
    "first_published_at": ("first_published_at", "pk"),
}


class ArticleFilter(BaseFilterBackend):
    """`section` (slug or id), `tag` (name or slug), `published_after`, `published_before`."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        params = request.GET
        for name in ("section", "tag"):
            if params.get(name) == "":
                raise BadRequestError(f"{name} cannot be empty")
        if "section" in params:
            queryset = queryset.in_section(find_section(view.live_pages(SectionPage),
                                                        params["section"]))
        if "tag" in params:
            queryset = queryset.filter(pk__in=tagged(params["tag"]))
        if "published_after" in params:
            queryset = queryset.filter(
                first_published_at__gte=moment(request, "published_after")
            )
        if "published_before" in params:
            queryset = queryset.filter(
                first_published_at__lt=moment(request, "published_before")
            )
        return queryset


class OrderFilter(BaseFilterBackend):
    """`order=first_published_at` for oldest first; newest first is the default."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        order = request.GET.get("order")
        if order is None:
            return queryset
        if order not in ORDERS:
            raise BadRequestError(f"order must be one of: {', '.join(ORDERS)}")
        return queryset.order_by(*ORDERS[order])


def find_section(sections: Any, value: str) -> SectionPage:
    """A live section by id when the value is a number, else (or failing that) by slug."""
    found = None
    if value.isascii() and value.isdigit() and int(value) <= LARGEST_ID:
        found = sections.filter(pk=int(value)).first()
    found = found or sections.filter(slug=value).first()
    if found is None:
        raise BadRequestError(f"section {value!r} does not exist")
    return found  # type: ignore[no-any-return]


def tagged(value: str) -> Any:
    """Ids of articles carrying the tag whose slug is `value` or whose name is `value`."""
    tags = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value))
    return ArticleTag.objects.filter(tag__in=tags).values("content_object_id")


def moment(request: Any, name: str) -> datetime:
    """The instant a date or date-time parameter names.

    A bare date is its midnight and a time without an offset is local, both in the site's
    display time zone: the dates readers see on the pages.
    """
    value = request.GET[name]
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(value)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, SiteSettings.for_request(request).time_zone)
        # Converting now, not in the database driver, turns an out-of-range year into a 400.
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise BadRequestError(
            f"{name} must be an ISO 8601 date or date-time such as 2025-01-05 or "
            "2025-01-05T09:30:00%2B03:00 (a + in a URL must be written %2B)"
        ) from error
