"""A live story's entries as an RSS feed: one item per entry, newest first."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from nashra.live.models import LiveEntry
from nashra.live.views import covered_story
from nashra.newsroom.models import ArticlePage

FEED_ENTRIES = 50


class CoverageFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, article_id: int) -> ArticlePage:
        self.request = request
        return covered_story(article_id)

    def title(self, story: ArticlePage) -> str:
        return _("تغطية مباشرة: %(title)s") % {"title": story.title}

    def link(self, story: ArticlePage) -> str:
        return story.get_full_url(self.request) or ""

    def description(self, story: ArticlePage) -> str:
        return story.standfirst or story.title

    def items(self, story: ArticlePage) -> list[LiveEntry]:
        entries = list(LiveEntry.objects.of(story).newest_first()[:FEED_ENTRIES])
        for entry in entries:
            entry.article = story
        return entries

    def item_title(self, entry: LiveEntry) -> str:
        return entry.headline

    def item_description(self, entry: LiveEntry) -> str:
        return entry.text

    def item_link(self, entry: LiveEntry) -> str:
        return f"{entry.article.get_full_url(self.request)}#entry-{entry.pk}"

    def item_guid(self, entry: LiveEntry) -> str:
        return self.item_link(entry)

    def item_pubdate(self, entry: LiveEntry) -> datetime:
        return entry.published_at

    def item_updateddate(self, entry: LiveEntry) -> datetime:
        return entry.changed_at
