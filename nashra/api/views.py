"""Read-only endpoints on Wagtail's API v2: live articles and sections, nothing else.

Each endpoint names the query parameters it takes and refuses any other with a 400, so a
mistyped filter is an error instead of a silently unfiltered list.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from rest_framework.permissions import AllowAny
from wagtail.api import APIField
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from nashra.api import fields
from nashra.api.filters import ArticleFilter, OrderFilter
from nashra.newsroom.models import ArticlePage, SectionPage

PAGING = frozenset(["limit", "offset", "fields", "format", "_"])


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset paging with an offset every database can take."""

    LARGEST_OFFSET = 10**9

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        try:
            too_far = int(request.GET.get("offset", 0)) > self.LARGEST_OFFSET
        except ValueError:
            too_far = False  # Wagtail words the error for anything that is not a number
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {self.LARGEST_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesEndpoint(BaseAPIViewSet):
    base_serializer_class = PageSerializer
    pagination_class = BoundedPagination
    # Anonymous and read-only: no session or CSRF cookie, so responses can be cached.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    meta_fields = ["type", "detail_url"]
    known_query_parameters = PAGING
    detail_query_parameters = frozenset(["fields", "format", "_"])

    @classmethod
    def get_urlpatterns(cls) -> list[Any]:
        # Wagtail's find/ view turns a malformed ?id= into a server error; ids are in the URL.
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        allowed = (
            self.known_query_parameters
            if self.action == "listing_view"
            else self.detail_query_parameters
        )
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            raise BadRequestError(
                f"unknown query parameter: {', '.join(unknown)}; "
                f"this endpoint takes {', '.join(sorted(allowed))}"
            )
        if any("\x00" in value for value in request.GET.values()):
            raise BadRequestError("query parameters cannot contain null characters")

    def check_query_parameters(self, queryset: Any) -> None:
        """Done in initial(), for detail views too."""

    def live_pages(self, model: type[Any] | None = None) -> Any:
        """Live pages of `model` on this site that need no password or login."""
        model = model or self.model
        # Building this reads every view restriction; a request needs it once per model.
        cache = self.__dict__.setdefault("_live_pages", {})
        if model not in cache:
            try:
                cache[model] = get_public_pages_queryset(self.request, model)
            except ValueError as error:
                raise BadRequestError(str(error)) from error
        return cache[model]


class ArticlesEndpoint(PublicPagesEndpoint):
    model = ArticlePage
    name = "articles"
    filter_backends = [ArticleFilter, OrderFilter]
    known_query_parameters = PAGING | {
        "section", "tag", "published_after", "published_before", "order",
    }
    body_fields = [
        "id",
        "title",
        "slug",
        "kicker",
        "standfirst",
        "dateline",
        APIField("first_published_at", serializer=fields.SiteDateTimeField()),
        APIField("updated_at", serializer=fields.SiteDateTimeField()),
        APIField("section", serializer=fields.SectionField()),
        APIField("authors", serializer=fields.AuthorsField()),
        APIField("opinion", serializer=fields.OpinionField()),
        APIField("column", serializer=fields.ColumnField()),
        APIField("corrections", serializer=fields.CorrectionsField()),
        APIField("tags", serializer=fields.TagListField()),
        APIField("sources", serializer=fields.SourcesField()),
        "wire_credit",
        "breaking",
        APIField("url", serializer=fields.FullUrlField()),
        APIField("lead_image", serializer=fields.LeadImageField()),
        APIField("body", serializer=fields.BodyHtmlField()),
        APIField("live_coverage", serializer=fields.LiveCoverageField()),
    ]
    detail_only_fields = ["body", "live_coverage"]
    listing_default_fields = [
        "id", "type", "detail_url", "title", "slug", "kicker", "standfirst", "dateline",
        "first_published_at", "updated_at", "section", "authors", "opinion", "column",
        "corrections", "tags", "sources", "wire_credit", "breaking", "url", "lead_image",
    ]

    def get_queryset(self) -> Any:
        articles = (
            self.live_pages()
            .select_related("lead_image", "column__writer")
            .prefetch_related("authors", "tags", "sources", "corrections")
            .order_by("-first_published_at", "-pk")
        )
        # Lists never show the body; it is the largest column by far.
        return articles.defer("body") if self.action == "listing_view" else articles


class SectionsEndpoint(PublicPagesEndpoint):
    model = SectionPage
    name = "sections"
    body_fields = [
        "id",
        "title",
        "slug",
        "intro",
        APIField("url", serializer=fields.FullUrlField()),
        APIField("articles", serializer=fields.SectionArticlesField()),
    ]
    listing_default_fields = [
        "id", "type", "detail_url", "title", "slug", "intro", "url", "articles",
    ]

    def get_queryset(self) -> Any:
        # Tree order: the order of the site's navigation.
        return self.live_pages().order_by("path")
