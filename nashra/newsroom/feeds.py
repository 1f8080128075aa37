"""RSS 2.0 and Atom feeds of the latest stories: the whole site, a section, a tag, an
author; and the site's corrections as RSS.

Each feed answers conditional GETs (ETag and Last-Modified from the stories in its scope)
and may be kept by caches for five minutes. Every address in it is absolute and built on
the Wagtail site's root URL, like the pages' canonical links and the sitemaps, whatever
Host header the request came with.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from taggit.models import Tag
from wagtail.models import Page, Site

from nashra.core.models import SiteSettings
from nashra.newsroom.authors import Author
from nashra.newsroom.corrections import Correction
from nashra.newsroom.models import ArticlePage, ArticleQuerySet, SectionPage
from nashra.pictures.renditions import Made, Rendition

FEED_SIZE = 50
FEED_MAX_AGE = 300
# The rendition the share cards and structured data use too: JPEG, which every feed
# reader shows, at the width large cards ask for.
FEED_PICTURE_WIDTH = 1200

# Rendered body HTML links pages and images by path, which a feed reader cannot resolve.
# Django's templates and Wagtail's rich text always quote attributes with ".
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')
# A picture's srcset lists several addresses, each after the start or a comma.
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
_SRCSET_CANDIDATE = re.compile(r"(^|,\s*)/(?!/)")


_last_corrected = (
    Correction.objects.filter(article=OuterRef("pk")).order_by("-changed_at").values("changed_at")[:1]
)


@dataclass(frozen=True)
class FeedScope:
    """What one feed request covers: a site's stories, or one section's or tag's in it."""

    request: HttpRequest
    site: Site
    settings: SiteSettings
    title: str
    link: str
    description: str
    section: SectionPage | None = None
    tag: Tag | None = None
    author: Author | None = None

    @classmethod
    def for_site(cls, request: HttpRequest) -> FeedScope:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site answers to this host.")
        chosen = SiteSettings.for_site(site)
        return cls(
            request,
            site,
            chosen,
            title=chosen.site_name,
            link=site.root_page.get_full_url(request) or site.root_url,
            description=chosen.tagline or _("آخر الأخبار من %(site)s") % {"site": chosen.site_name},
        )

    def absolute_url(self, url: str) -> str:
        return urljoin(self.site.root_url + "/", url)

    def absolute_links(self, html: str) -> str:
        root = self.site.root_url + "/"
        html = _ROOT_RELATIVE.sub(lambda match: match[1] + root, html)
        return _SRCSET.sub(
            lambda match: match[1]
            + _SRCSET_CANDIDATE.sub(lambda part: part[1] + root, match[2])
            + match[3],
            html,
        )

    def articles(self) -> ArticleQuerySet:
        articles = ArticlePage.objects.published().public().descendant_of(self.site.root_page)
        if self.section is not None:
            articles = articles.in_section(self.section)
        if self.tag is not None:
            articles = articles.tagged(self.tag.slug)
        if self.author is not None:
            articles = articles.by(self.author)
        return articles.newest_first()

    def freshness(self) -> tuple[str, datetime | None]:
        """(ETag, Last-Modified) of the feed, from one small query.

        The ETag changes with any story published, updated, corrected or withdrawn and with
        the feed's own title and settings; Last-Modified is the newest of those times.
        """
        rows = list(
            # A correction changes the story's item without a new publication.
            self.articles()
            .annotate(corrected=Subquery(_last_corrected))
            .values_list("pk", "last_published_at", "updated_at", "corrected")[:FEED_SIZE]
        )
        state = repr((rows, self.title, self.description, self.settings.feed_full_text))
        stamps = [stamp for _pk, *times in rows for stamp in times if stamp is not None]
        return hashlib.sha256(state.encode()).hexdigest()[:32], max(stamps, default=None)


@dataclass(frozen=True)
class Story:
    """One feed item: the article, the section it sits in, and the request's scope."""

    page: ArticlePage
    section: Page | None
    scope: FeedScope


MEDIA_RSS = "http://search.yahoo.com/mrss/"


def add_media_content(handler: Any, item: dict[str, Any]) -> None:
    """Media RSS's <media:content>: the lead picture with its caption and credit, which
    news aggregators show beside the story."""
    media = item.get("media")
    if not media:
        return
    handler.startElement("media:content", media["attributes"])
    if media["credit"]:
        handler.addQuickElement("media:credit", media["credit"], {"role": "photographer"})
    if media["caption"]:
        handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
    if media["alt"]:
        handler.addQuickElement("media:text", media["alt"], {"type": "plain"})
    handler.endElement("media:content")


class NewsRss201Feed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        add_media_content(handler, item)


class NewsAtom1Feed(Atom1Feed):
    """Atom whose entries carry the story in <content> and the standfirst in <summary>.

    Django's Atom1Feed puts the whole description in <summary>, where readers expect a
    short text, and writes no <content>.
    """

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": item.get("summary")})
        handler.addQuickElement("content", item["description"], {"type": "html"})
        add_media_content(handler, item)


class ArticleFeed(Feed):
    """The site's latest published stories, newest first, as RSS 2.0."""

    feed_type: type[Rss201rev2Feed | Atom1Feed] = NewsRss201Feed
    language = "ar"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scope = self.get_object(request, *args, **kwargs)
        etag, last_modified = scope.freshness()

        @condition(lambda request: etag, lambda request: last_modified)
        def render(request: HttpRequest) -> HttpResponse:
            feed = self.get_feed(scope, request)
            response = HttpResponse(content_type=self.feed_type.content_type)
            feed.write(response, "utf-8")
            return response

        response = render(request)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        return FeedScope.for_site(request)

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def feed_url(self, scope: FeedScope) -> str:
        return scope.absolute_url(escape_uri_path(scope.request.path))

    def description(self, scope: FeedScope) -> str:
        return scope.description

    def subtitle(self, scope: FeedScope) -> str:
        return scope.description

    def author_name(self, scope: FeedScope) -> str:
        return scope.settings.site_name

    def items(self, scope: FeedScope) -> list[Story]:
        pages = list(
            scope.articles()
            .select_related("lead_image")
            .prefetch_related("authors", "sources", "tags", "corrections")[:FEED_SIZE]
        )
        parents = Page.objects.filter(path__in={page.path[: -page.steplen] for page in pages})
        sections = {parent.path: parent for parent in parents}
        return [Story(page, sections.get(page.path[: -page.steplen]), scope) for page in pages]

    def item_title(self, story: Story) -> str:
        return story.page.title

    def item_link(self, story: Story) -> str:
        return story.page.get_full_url(story.scope.request) or ""

    def item_guid(self, story: Story) -> str:
        # Stays the same when the story gets a new slug or moves to another section,
        # either of which would otherwise show it to readers a second time.
        published = story.page.first_published_at
        return f"tag:{story.scope.site.hostname},{published:%Y-%m-%d}:article:{story.page.pk}"

    item_guid_is_permalink = False

    def item_description(self, story: Story) -> str:
        html = render_to_string(
            "newsroom/feed_item.html",
            {
                "page": story.page,
                "full_text": story.scope.settings.feed_full_text,
                "sources": story.page.sources.all(),
                "corrections": story.page.corrections.all(),
            },
        )
        return story.scope.absolute_links(html)

    def item_extra_kwargs(self, story: Story) -> dict[str, Any]:
        standfirst = story.page.standfirst or story.page.search_description
        summary = format_html('<div dir="rtl">{}</div>', standfirst) if standfirst else None
        return {"summary": summary, "media": self._media(story)}

    def item_pubdate(self, story: Story) -> datetime | None:
        return story.page.first_published_at

    def item_updateddate(self, story: Story) -> datetime | None:
        page = story.page
        changed = page.updated_at if page.was_updated else page.first_published_at
        entries = [entry.published_at for entry in page.corrections.all()]
        return max([changed, *entries]) if changed and entries else changed

    def item_author_name(self, story: Story) -> str:
        names = [author.name for author in story.page.authors.all()]
        return "، ".join(names) or story.scope.settings.site_name

    def item_categories(self, story: Story) -> list[str]:
        section = [story.section.title] if story.section is not None else []
        return section + [tag.name for tag in story.page.tags.all()]

    def item_enclosures(self, story: Story) -> list[Enclosure]:
        rendition = _feed_rendition(story)
        if rendition is None:
            return []
        return [Enclosure(story.scope.absolute_url(rendition.url), str(rendition.size),
                          "image/jpeg")]

    def _media(self, story: Story) -> dict[str, Any] | None:
        rendition = _feed_rendition(story)
        image = story.page.lead_image
        if rendition is None or image is None:
            return None
        attributes = {
            "url": story.scope.absolute_url(rendition.url),
            "type": "image/jpeg",
            "medium": "image",
            "width": str(rendition.width),
            "height": str(rendition.height),
            "fileSize": str(rendition.size),
        }
        return {"attributes": attributes, "credit": image.credit,
                "caption": story.page.lead_image_caption, "alt": image.alt}


def _feed_rendition(story: Story) -> Rendition | None:
    """The lead picture in its own shape, 1200 wide where it is that large (JPEG: what
    every feed reader decodes)."""
    image = story.page.lead_image
    if image is None:
        return None
    wide = Made(image.made).renditions("wide", "jpeg")
    fitting = [item for item in wide if item.width <= FEED_PICTURE_WIDTH]
    chosen = fitting or wide
    return chosen[-1] if chosen else None


class AtomArticleFeed(ArticleFeed):
    feed_type = NewsAtom1Feed


class SectionFeed(ArticleFeed):
    """One section's latest stories; an unknown or unpublished section is a 404."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        scope = FeedScope.for_site(request)
        section = get_object_or_404(
            SectionPage.objects.live().public().child_of(scope.site.root_page),
            slug=kwargs["slug"],
        )
        names = {"section": section.title, "site": scope.settings.site_name}
        return replace(
            scope,
            section=section,
            title=_("%(section)s | %(site)s") % names,
            link=section.get_full_url(request) or scope.link,
            description=section.intro or _("آخر أخبار قسم %(section)s") % names,
        )


class AtomSectionFeed(SectionFeed):
    feed_type = NewsAtom1Feed


class TagFeed(ArticleFeed):
    """The latest stories with one tag; an unknown tag is a 404."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        scope = FeedScope.for_site(request)
        tag = get_object_or_404(Tag, slug=kwargs["slug"])
        names = {"tag": tag.name, "site": scope.settings.site_name}
        return replace(
            scope,
            tag=tag,
            title=_("وسم: %(tag)s | %(site)s") % names,
            link=scope.absolute_url(reverse("tag", args=[tag.slug])),
            description=_("آخر الأخبار الموسومة «%(tag)s»") % names,
        )


class AtomTagFeed(TagFeed):
    feed_type = NewsAtom1Feed


class AuthorFeed(ArticleFeed):
    """One author's latest stories; an unknown author is a 404."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        scope = FeedScope.for_site(request)
        author = get_object_or_404(Author, slug=kwargs["slug"])
        names = {"author": author.name, "site": scope.settings.site_name}
        return replace(
            scope,
            author=author,
            title=_("%(author)s | %(site)s") % names,
            link=scope.absolute_url(author.get_absolute_url()),
            description=_("آخر ما كتب %(author)s في %(site)s") % names,
        )


class AtomAuthorFeed(AuthorFeed):
    feed_type = NewsAtom1Feed


class CorrectionsFeed(Feed):
    """The site's corrections, clarifications and updates, newest first, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    language = "ar"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        return FeedScope.for_site(request)

    def title(self, scope: FeedScope) -> str:
        return _("تصحيحات %(site)s") % {"site": scope.settings.site_name}

    def link(self, scope: FeedScope) -> str:
        return scope.absolute_url(reverse("corrections"))

    def description(self, scope: FeedScope) -> str:
        return _("ما صحّحناه ووضّحناه وحدّثناه في أخبارنا، بتاريخه.")

    def items(self, scope: FeedScope) -> list[tuple[Correction, FeedScope]]:
        entries = Correction.objects.shown().filter(
            article__path__startswith=scope.site.root_page.path
        )[:FEED_SIZE]
        return [(entry, scope) for entry in entries]

    def item_title(self, item: tuple[Correction, FeedScope]) -> str:
        entry, _scope = item
        return f"{entry.get_kind_display()}: {entry.article.title}"

    def item_link(self, item: tuple[Correction, FeedScope]) -> str:
        entry, scope = item
        return f"{entry.article.get_full_url(scope.request)}#correction-{entry.pk}"

    def item_guid(self, item: tuple[Correction, FeedScope]) -> str:
        entry, scope = item
        return f"tag:{scope.site.hostname},{entry.published_at:%Y-%m-%d}:correction:{entry.pk}"

    item_guid_is_permalink = False

    def item_description(self, item: tuple[Correction, FeedScope]) -> str:
        entry, _scope = item
        return format_html('<div dir="rtl"><p>{}</p></div>', entry.text)

    def item_pubdate(self, item: tuple[Correction, FeedScope]) -> datetime:
        return item[0].published_at

    def item_updateddate(self, item: tuple[Correction, FeedScope]) -> datetime:
        return item[0].changed_at

    def item_categories(self, item: tuple[Correction, FeedScope]) -> list[str]:
        return [str(item[0].get_kind_display())]
