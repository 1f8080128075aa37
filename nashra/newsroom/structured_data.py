"""What machines read about a page: schema.org JSON-LD, and the facts social cards share.

Every address here is absolute and built on the Wagtail site's root URL, the same base
as the pages' own full URLs, so the canonical link, the share links and the sitemap
agree with each other whatever Host header a request came with.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from nashra.core.models import SiteSettings
from nashra.core.web_addresses import web_address
from nashra.newsroom.authors import Author
from nashra.newsroom.corrections import Correction
from nashra.newsroom.credits import Credits, Source, StoryAuthor
from nashra.newsroom.models import ArticlePage
from nashra.pictures.renditions import Made, media_url
from nashra.pictures.social_card import CARD_SIZE

SCHEMA = "https://schema.org"
LOGO_FILE = "logo.png"
LOGO_WIDTH, LOGO_HEIGHT = 600, 60

# The characters that could end the <script> element or open a comment inside it;
# JSON allows them escaped, so the data reads the same.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int

    def as_image_object(self) -> dict[str, Any]:
        return {"@type": "ImageObject", "url": self.url, "width": self.width,
                "height": self.height}


def site_root(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    if site is not None:
        return str(site.root_url)
    return request.build_absolute_uri("/").rstrip("/")


def absolute(request: HttpRequest, url: str) -> str:
    """`url` on the site's root; an address that is already absolute stays as it is."""
    return urljoin(site_root(request) + "/", url)


def logo(request: HttpRequest) -> Picture:
    return Picture(absolute(request, static(LOGO_FILE)), LOGO_WIDTH, LOGO_HEIGHT)


def share_picture(request: HttpRequest, page: ArticlePage) -> Picture | None:
    """The 1200×630 JPEG social networks show: the lead image cut at its focal point, or
    for a story without one the card the site drew (share_cards.py); None until made.

    JPEG because not every link-preview crawler reads WebP or AVIF.
    """
    image = page.lead_image
    if image is not None:
        made = Made(image.made).renditions("share", "jpeg")
        if made:
            return Picture(absolute(request, made[-1].url), made[-1].width, made[-1].height)
        return None
    if page.share_card:
        width, height = CARD_SIZE
        return Picture(absolute(request, media_url(page.share_card)), width, height)
    return None


def article_pictures(request: HttpRequest, page: ArticlePage) -> list[Picture]:
    """What search engines may show for the story: the share picture, then the lead image
    in its own shape at its largest."""
    found = [picture] if (picture := share_picture(request, page)) else []
    if page.lead_image is not None:
        wide = Made(page.lead_image.made).renditions("wide", "jpeg")
        if wide:
            found.append(Picture(absolute(request, wide[-1].url), wide[-1].width,
                                 wide[-1].height))
    return found


def modified_at(page: ArticlePage, corrections: Sequence[Correction] = ()) -> datetime | None:
    """The editor's update time when it follows publication, else the last publication;
    or the newest correction or update entry, when that is later."""
    changed = page.updated_at if page.was_updated else (
        page.last_published_at or page.first_published_at
    )
    entries = [entry.published_at for entry in corrections]
    return max([changed, *entries]) if changed and entries else changed


def author_url(request: HttpRequest, slug: str) -> str:
    return absolute(request, reverse("author", args=[slug]))


def person_reference(request: HttpRequest, author: StoryAuthor) -> dict[str, Any]:
    """A story's author: the Person its author page describes, by the same @id."""
    url = author_url(request, author.slug)
    return {"@type": "Person", "@id": f"{url}#person", "name": author.name, "url": url}


def author_graph(
    author: Author, request: HttpRequest, site_settings: SiteSettings
) -> list[dict[str, Any]]:
    """The author's page: a ProfilePage about the Person, who works for the newsroom."""
    url = author_url(request, author.slug)
    publisher = organization(request, site_settings)
    person: dict[str, Any] = {
        "@type": "Person",
        "@id": f"{url}#person",
        "name": author.name,
        "url": url,
        "description": author.bio,
        "jobTitle": author.job_title,
        "sameAs": [address for _field, _label, address in author.links],
    }
    if not author.guest:
        person["worksFor"] = {"@id": publisher["@id"]}
    if author.photo is not None:
        card = Made(author.photo.made).renditions("card", "jpeg")
        if card:
            person["image"] = Picture(absolute(request, card[-1].url), card[-1].width,
                                      card[-1].height).as_image_object()
    profile = {
        "@context": SCHEMA,
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": "ar",
        "mainEntity": _without_blanks(person),
    }
    trail = [(_("الرئيسية"), f"{site_root(request)}/"), (author.name, url)]
    return [profile, {"@context": SCHEMA, **publisher}, breadcrumbs(trail)]


def organization(request: HttpRequest, site_settings: SiteSettings) -> dict[str, Any]:
    root = site_root(request)
    data: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "@id": f"{root}/#organization",
        "name": site_settings.site_name,
        "url": f"{root}/",
        "logo": logo(request).as_image_object(),
    }
    same_as = [address for _network, _label, address in site_settings.follow_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def article_graph(
    page: ArticlePage,
    request: HttpRequest,
    site_settings: SiteSettings,
    *,
    section: Page,
    story_credits: Credits,
    corrections: Sequence[Correction] = (),
    extra: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The article as a schema.org NewsArticle (OpinionNewsArticle for a column's piece),
    and its place in the site as breadcrumbs. ``extra`` is what an app above adds or
    overrides (live coverage makes it a LiveBlogPosting)."""
    address = page.get_full_url(request)
    publisher = organization(request, site_settings)
    authors = [person_reference(request, author) for author in story_credits.authors]
    article: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "OpinionNewsArticle" if page.is_opinion else "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": address},
        "url": address,
        "headline": page.title,
        "description": page.standfirst or page.search_description,
        "datePublished": site_settings.local_iso8601(page.first_published_at),
        "dateModified": site_settings.local_iso8601(modified_at(page, corrections)),
        "author": authors or [{key: publisher[key] for key in ("@type", "@id", "name", "url")}],
        "publisher": publisher,
        "articleSection": section.title,
        "keywords": story_credits.tag_names,
        "dateline": page.dateline,
        "inLanguage": "ar",
        "isAccessibleForFree": True,
    }
    pictures = article_pictures(request, page)
    if pictures:
        article["image"] = [picture.as_image_object() for picture in pictures]
    if story_credits.sources:
        article["citation"] = [_cited(source) for source in story_credits.sources]
    admitted = [entry for entry in corrections if entry.admitted]
    if admitted:
        article["correction"] = [
            {"@type": "CorrectionComment", "text": entry.text,
             "datePublished": site_settings.local_iso8601(entry.published_at),
             "url": f"{address}#correction-{entry.pk}"}
            for entry in admitted
        ]
    if page.wire_credit:
        article["sourceOrganization"] = {"@type": "NewsMediaOrganization",
                                         "name": page.wire_credit}
    article.update(extra or {})
    trail = [(_("الرئيسية"), f"{site_root(request)}/"),
             (section.title, section.get_full_url(request)), (page.title, address)]
    return [_without_blanks(article), breadcrumbs(trail)]


def home_graph(request: HttpRequest, site_settings: SiteSettings) -> list[dict[str, Any]]:
    """The site itself: a WebSite searchable at /search/, published by the newsroom."""
    publisher = organization(request, site_settings)
    website = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{site_root(request)}/#website",
        "name": site_settings.site_name,
        "description": site_settings.tagline,
        "url": publisher["url"],
        "inLanguage": "ar",
        "publisher": {"@id": publisher["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": absolute(request, "/search/") + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [_without_blanks(website), {"@context": SCHEMA, **publisher}]


def breadcrumbs(trail: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": address}
            for position, (name, address) in enumerate(trail, start=1)
        ],
    }


def json_ld(data: dict[str, Any]) -> SafeString:
    """A <script type="application/ld+json"> no value inside it can close or escape."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),
    )


def _cited(source: Source) -> dict[str, Any]:
    # Machines follow this address and show it as a link, just as a reader's browser would.
    return _without_blanks(
        {"@type": "CreativeWork", "name": source.name, "url": web_address(source.url)}
    )


def _without_blanks(data: dict[str, Any]) -> dict[str, Any]:
    # schema.org readers treat "" and [] as claims ("no description"); leave them out.
    return {key: value for key, value in data.items() if value not in ("", [], None)}
