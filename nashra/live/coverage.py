"""A live story as readers get it: entries grouped by day, key events, structured data.

The same pieces make the page and the updates endpoint, so an entry loaded by a poll is
the very markup a reload shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from nashra.core.models import SiteSettings
from nashra.live.models import LiveEntry
from nashra.newsroom.models import ArticlePage

# A page shows this many entries; older ones stay in the feed and the API.
PAGE_ENTRIES = 300
# A poll carries the newest entries only: what a reader who had the page open can miss.
POLL_ENTRIES = 50
KEY_EVENTS = 8
# The key events that LiveBlogPosting carries about each update, for search engines.
STRUCTURED_UPDATES = 100


@dataclass
class Coverage:
    article: ArticlePage
    entries: list[LiveEntry]
    zone: tzinfo
    key_events: list[LiveEntry]

    @classmethod
    def of(cls, article: ArticlePage, request: HttpRequest, limit: int) -> Coverage:
        entries = list(LiveEntry.objects.of(article).for_readers()[:limit])
        # Asked apart: a key event older than the entries a poll carries stays listed.
        key_events = list(LiveEntry.objects.of(article).key_events().newest_first()[:KEY_EVENTS])
        return cls(article, entries, SiteSettings.for_request(request).time_zone, key_events)

    @property
    def ended(self) -> bool:
        return self.article.coverage_ended_at is not None

    def day_of(self, entry: LiveEntry) -> date:
        return entry.published_at.astimezone(self.zone).date()

    def days(self) -> list[tuple[date, list[LiveEntry]]]:
        """The entries newest first, under the local day each was published on."""
        grouped: list[tuple[date, list[LiveEntry]]] = []
        for entry in self.entries:
            day = self.day_of(entry)
            if not grouped or grouped[-1][0] != day:
                grouped.append((day, []))
            grouped[-1][1].append(entry)
        return grouped


def updates_url(article: ArticlePage) -> str:
    return reverse("live:updates", args=[article.pk])


def add_to_story(article: ArticlePage, request: HttpRequest, context: dict[str, Any]) -> None:
    """The newsroom's hook (newsroom.models.STORY_CONTEXT): a live story's entries."""
    if not article.is_live_coverage:
        return
    coverage = Coverage.of(article, request, PAGE_ENTRIES)
    context["live"] = coverage
    context["article_graph_extra"] = live_blog_posting(coverage, request)


def live_blog_posting(coverage: Coverage, request: HttpRequest) -> dict[str, Any]:
    """What turns the story's NewsArticle into schema.org's LiveBlogPosting."""
    stamp = SiteSettings.for_request(request).local_iso8601
    address = coverage.article.get_full_url(request)
    data: dict[str, Any] = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": stamp(coverage.article.coverage_started_at),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.headline[:110],
                "articleBody": entry.text,
                "datePublished": stamp(entry.published_at),
                "dateModified": stamp(entry.changed_at),
                "url": f"{address}#entry-{entry.pk}",
            }
            for entry in coverage.entries[:STRUCTURED_UPDATES]
        ],
    }
    if coverage.ended:
        data["coverageEndTime"] = stamp(coverage.article.coverage_ended_at)
    return data


def poll_answer(article: ArticlePage, request: HttpRequest) -> dict[str, Any]:
    """What the updates endpoint answers: the newest entries as the page would show them."""
    coverage = Coverage.of(article, request, POLL_ENTRIES)
    context = {"live": coverage, "page": article, "request": request}
    entries = []
    for entry in coverage.entries:
        day = coverage.day_of(entry)
        entries.append({
            "id": entry.pk,
            "version": entry.version,
            "day": day.isoformat(),
            "html": render_to_string(
                "live/_entry.html", {**context, "entry": entry, "day": day}, request=request
            ),
            "day_html": render_to_string(
                "live/_day.html", {**context, "day": day}, request=request
            ),
        })
    return {
        "ended": coverage.ended,
        "status_html": render_to_string("live/_status.html", context, request=request),
        "key_events_html": render_to_string("live/_key_events.html", context, request=request),
        "entries": entries,
    }
