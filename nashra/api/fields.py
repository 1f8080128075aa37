"""Serializer fields for API records: the shapes readers of the JSON see."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html_join
from rest_framework.fields import Field
from wagtail.api.v2.utils import get_full_url

from nashra.core.models import SiteSettings
from nashra.core.web_addresses import web_address
from nashra.live.coverage import PAGE_ENTRIES
from nashra.live.models import LiveEntry
from nashra.newsroom import structured_data
from nashra.newsroom.models import ArticlePage, SectionPage
from nashra.pictures.renditions import ROLES, Made


class PageField(Field):
    """A read-only value computed from the whole page rather than from one column."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance


class SiteDateTimeField(Field):
    """ISO 8601 in the site's display time zone, the same string as the page's <time>."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return SiteSettings.for_request(self.context["request"]).local_iso8601(value)


class FullUrlField(PageField):
    def to_representation(self, page: Any) -> str | None:
        return page.get_full_url(self.context["request"])


class SectionField(PageField):
    """The article's section; each section is read once per response, not once per row."""

    def to_representation(self, page: ArticlePage) -> dict[str, Any] | None:
        sections: dict[str, SectionPage | None] = self.context.setdefault("sections", {})
        path = page.path[: -page.steplen]
        if path not in sections:
            found = SectionPage.objects.filter(path=path).only("id", "title", "slug")
            sections[path] = found.first()
        section = sections[path]
        if section is None:
            return None
        return {"id": section.pk, "title": section.title, "slug": section.slug}


class AuthorsField(PageField):
    """Each author with the address of their page, which lists all they wrote."""

    def to_representation(self, page: ArticlePage) -> list[dict[str, Any]]:
        request = self.context["request"]
        return [
            {"id": author.pk, "name": author.name, "slug": author.slug,
             "guest": author.guest, "url": structured_data.author_url(request, author.slug)}
            for author in page.authors.all()
        ]


class OpinionField(PageField):
    def to_representation(self, page: ArticlePage) -> bool:
        return page.is_opinion


class ColumnField(PageField):
    """The opinion column the piece belongs to; null for news."""

    def to_representation(self, page: ArticlePage) -> dict[str, Any] | None:
        column = page.column
        if column is None:
            return None
        return {"id": column.pk, "title": column.title, "writer": column.writer.name}


class CorrectionsField(PageField):
    """Corrections, clarifications and updates, oldest first, as the story's foot shows."""

    def to_representation(self, page: ArticlePage) -> list[dict[str, Any]]:
        when = SiteSettings.for_request(self.context["request"]).local_iso8601
        return [
            {"id": entry.pk, "kind": entry.kind, "kind_label": entry.get_kind_display(),
             "text": entry.text, "published_at": when(entry.published_at)}
            for entry in page.corrections.all()
        ]


class LiveCoverageField(PageField):
    """A story covered live: when, whether still, and its entries newest first (null when
    the story is not covered live)."""

    def to_representation(self, page: ArticlePage) -> dict[str, Any] | None:
        if not page.is_live_coverage:
            return None
        request = self.context["request"]
        when = SiteSettings.for_request(request).local_iso8601
        entries = LiveEntry.objects.of(page).for_readers()[:PAGE_ENTRIES]
        return {
            "started_at": when(page.coverage_started_at),
            "ended_at": when(page.coverage_ended_at) or None,
            "live_now": page.live_now,
            "updates_url": request.build_absolute_uri(reverse("live:updates", args=[page.pk])),
            "feed_url": request.build_absolute_uri(reverse("live:feed", args=[page.pk])),
            "entries": [
                {"id": entry.pk, "kind": entry.kind, "text": entry.text,
                 "published_at": when(entry.published_at),
                 "changed_at": when(entry.changed_at),
                 "key_event": entry.key_event,
                 "key_event_title": entry.headline if entry.key_event else None,
                 "quote_by": entry.quote_by or None,
                 "link": web_address(entry.link_url) or None,
                 "link_title": entry.link_title or None,
                 "picture": {"url": structured_data.absolute(request, entry.picture.file.url),
                             "alt": entry.picture.alt} if entry.picture else None}
                for entry in entries
            ],
        }


class TagListField(PageField):
    def to_representation(self, page: ArticlePage) -> list[dict[str, str]]:
        return [{"name": tag.name, "slug": tag.slug} for tag in page.tags.all()]


class SourcesField(PageField):
    """The "المصدر" lines in the editor's order; `url` is null when a source has none."""

    def to_representation(self, page: ArticlePage) -> list[dict[str, str | None]]:
        return [
            {"name": source.name, "url": web_address(source.url) or None}
            for source in page.sources.all()
        ]


class LeadImageField(PageField):
    """The lead image: its words, and every rendition made of it, by role and format."""

    def to_representation(self, page: ArticlePage) -> dict[str, Any] | None:
        image = page.lead_image
        request = self.context["request"]
        if image is None or not image.made.get("roles"):
            return None
        share = structured_data.share_picture(request, page)
        made = Made(image.made)
        return {
            "url": share.url if share else None,
            "width": share.width if share else None,
            "height": share.height if share else None,
            "caption": page.lead_image_caption,
            "alt": image.alt,
            "credit": image.credit,
            "renditions": {
                role: {
                    file_format: [
                        {"url": structured_data.absolute(request, item.url),
                         "width": item.width, "height": item.height}
                        for item in made.renditions(role, file_format)
                    ]
                    for file_format in ROLES[role].formats
                }
                for role in ROLES
            },
        }


class BodyHtmlField(PageField):
    """The body as the article page shows it: each block through its own template."""

    def to_representation(self, page: ArticlePage) -> str:
        blocks = ((block.render_as_block(),) for block in page.body)
        return str(format_html_join("\n", "{}", blocks))


class SectionArticlesField(PageField):
    """Where this section's articles are listed in the API."""

    def to_representation(self, section: SectionPage) -> str:
        request = self.context["request"]
        listing = reverse(f"{request.wagtailapi_router.url_namespace}:articles:listing")
        return str(get_full_url(request, f"{listing}?{urlencode({'section': section.slug})}"))
