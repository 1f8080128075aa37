"""The machine-readable head of reader pages: canonical link, social card, JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import template
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from nashra.core.models import SiteSettings
from nashra.newsroom import structured_data as sd
from nashra.newsroom.authors import Author
from nashra.newsroom.credits import Credits, credits_for
from nashra.newsroom.models import ArticlePage, HomePage

register = template.Library()

# Context names under which listing views hand their page of results to templates.
PAGINATED_LISTS = ("articles", "results", "entries")
# Listings whose address alone says what they show.
OWN_ADDRESS_VIEWS = {"author", "columnists", "corrections"}


@dataclass(frozen=True)
class SocialCard:
    url: str
    site_name: str
    title: str
    description: str
    image: sd.Picture
    kind: str = "website"
    large_image: bool = False
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.large_image else "summary"


@register.simple_tag(takes_context=True)
def social_card(context: template.Context) -> SocialCard | None:
    """This page's card; None on pages nobody shares, such as error pages."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return None
    url = canonical_url(context, request)
    if url is None:
        return None
    site_settings = SiteSettings.for_request(request)
    page = context.get("page")
    if isinstance(page, ArticlePage):
        return _article_card(context, page, request, site_settings, url)
    return SocialCard(
        url=url,
        site_name=site_settings.site_name,
        title=_listing_title(context, page, site_settings),
        description=_listing_description(page, site_settings),
        image=sd.logo(request),
    )


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> SafeString | str:
    """JSON-LD scripts: NewsArticle and breadcrumbs on articles, the site on the home page."""
    request: HttpRequest | None = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    site_settings = SiteSettings.for_request(request)
    if isinstance(page, ArticlePage):
        graph = sd.article_graph(
            page,
            request,
            site_settings,
            section=context.get("section") or page.get_parent(),
            story_credits=_credits(context, page, request),
            corrections=context.get("corrections") or [],
            extra=context.get("article_graph_extra"),
        )
    elif isinstance(context.get("author"), Author):
        graph = sd.author_graph(context["author"], request, site_settings)
    elif isinstance(page, HomePage):
        graph = sd.home_graph(request, site_settings)
    else:
        return ""
    return format_html_join("\n", "{}", ((sd.json_ld(item),) for item in graph))


def canonical_url(context: template.Context, request: HttpRequest) -> str | None:
    """The page's own address plus only the query that selects its content.

    Tracking and other parameters are dropped; a listing keeps `page` beyond the first,
    and the search page keeps its query, since those change what the page shows.
    """
    page = context.get("page")
    view = getattr(request.resolver_match, "url_name", None)
    query: dict[str, Any] = {}
    if isinstance(page, Page):
        address = page.get_full_url(request)
        if address is None:
            return None
    elif (
        (view == "tag" and context.get("tag"))
        or (view == "search" and "results" in context)
        or view in OWN_ADDRESS_VIEWS
    ):
        address = sd.absolute(request, escape_uri_path(request.path))
        if view == "search" and context.get("query"):
            query["q"] = context["query"]
    else:
        return None
    number = _listing_page_number(context)
    if number > 1:
        query["page"] = number
    return f"{address}?{urlencode(query)}" if query else address


def _article_card(
    context: template.Context,
    page: ArticlePage,
    request: HttpRequest,
    site_settings: SiteSettings,
    url: str,
) -> SocialCard:
    picture = sd.share_picture(request, page)
    section = context.get("section") or page.get_parent()
    return SocialCard(
        url=url,
        site_name=site_settings.site_name,
        kind="article",
        title=page.seo_title or page.title,
        description=page.search_description or page.standfirst,
        image=picture or sd.logo(request),
        large_image=picture is not None,
        published=site_settings.local_iso8601(page.first_published_at),
        modified=site_settings.local_iso8601(
            sd.modified_at(page, context.get("corrections") or [])
        ),
        section=section.title,
        tags=tuple(_credits(context, page, request).tag_names),
    )


def _credits(context: template.Context, page: ArticlePage, request: HttpRequest) -> Credits:
    found = context.get("credits")
    return found if isinstance(found, Credits) else credits_for(page, request)


def _listing_title(context: template.Context, page: Any, site_settings: SiteSettings) -> str:
    if isinstance(page, HomePage):
        return site_settings.site_name
    if isinstance(page, Page):
        return str(page.seo_title or page.title)
    if context.get("tag"):
        return _("وسم: %(name)s") % {"name": context["tag"].name}
    if isinstance(context.get("author"), Author):
        return str(context["author"].name)
    if "columns" in context:
        return _("كتّاب الرأي")
    if "entries" in context:
        return _("التصحيحات")
    if context.get("query"):
        return _("نتائج البحث عن: %(query)s") % {"query": context["query"]}
    return _("البحث")


def _listing_description(page: Any, site_settings: SiteSettings) -> str:
    if not isinstance(page, Page):
        return ""
    fallback = site_settings.tagline if isinstance(page, HomePage) else getattr(page, "intro", "")
    return str(page.search_description or fallback)


def _listing_page_number(context: template.Context) -> int:
    for name in PAGINATED_LISTS:
        items = context.get(name)
        if isinstance(items, PaginatorPage):
            return int(items.number)
    return 1
