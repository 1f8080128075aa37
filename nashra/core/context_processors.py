"""The parts of every reader page's frame: navigation, breaking news, the year.

Each value is lazy: the admin renders through the same context processors and must
not pay for the reader site's queries.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

BREAKING_TICKER_SIZE = 5


def _navigation(request: HttpRequest) -> list[Any]:
    from nashra.newsroom.models import SectionPage

    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(
        SectionPage.objects.live().in_menu().child_of(site.root_page).only(
            "id", "title", "slug", "url_path", "path", "depth"
        )
    )


def _breaking(request: HttpRequest) -> list[Any]:
    from nashra.newsroom.models import ArticlePage

    return list(ArticlePage.objects.breaking().for_cards()[:BREAKING_TICKER_SIZE])


def site_chrome(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_sections": SimpleLazyObject(lambda: _navigation(request)),
        "breaking_news": SimpleLazyObject(lambda: _breaking(request)),
        "current_year": SimpleLazyObject(lambda: timezone.localdate().year),
    }
