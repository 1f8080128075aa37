"""The parts of every reader page's frame: navigation, breaking news, the year.

Each value is lazy (the admin renders through the same context processors and must not
pay for the reader site's queries) and cached briefly: every page shows them, and they
change only when a story or section is published, unpublished, moved or deleted, which
clears the cache (see nashra.newsroom.signals). Without Redis each worker keeps its own
copy, so another worker may show the old ticker for up to CHROME_CACHE_SECONDS. An
alert moves the ticker without a publish: it clears the cache and moves the stamp of
the ticker's address (nashra.alerts.ticker).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from nashra.operations.page_cache import stamps
from nashra.operations.site_memory import remembered

BREAKING_TICKER_SIZE = 5
CHROME_CACHE_SECONDS = 30
NAVIGATION_KEY = "nashra:chrome:navigation:{site_id}"
BREAKING_KEY = "nashra:chrome:breaking"


def _navigation(request: HttpRequest) -> list[Any]:
    from nashra.newsroom.models import SectionPage

    site = Site.find_for_request(request)
    if site is None:
        return []

    def build() -> list[Any]:
        return list(
            SectionPage.objects.live().in_menu().child_of(site.root_page).only(
                "id", "title", "slug", "url_path", "path", "depth"
            )
        )

    key = NAVIGATION_KEY.format(site_id=site.pk)
    return cache.get_or_set(key, build, CHROME_CACHE_SECONDS) or []


def _breaking() -> list[Any]:
    from nashra.newsroom.models import ArticlePage

    def build() -> list[Any]:
        return list(ArticlePage.objects.breaking().for_cards()[:BREAKING_TICKER_SIZE])

    def shared() -> list[Any]:
        return cache.get_or_set(BREAKING_KEY, build, CHROME_CACHE_SECONDS) or []

    # Every page not served from the cache shows the ticker: read from Redis and unpickled
    # for each, it cost 0.3 ms of a search page's 8.5 on PostgreSQL + Redis. The worker
    # keeps it instead, under the site's stamp (every publish moves it) and the ticker
    # address's own (every alert moves it), no longer than the shared copy would live.
    ticker_stamp = stamps.current(_ticker_path())[1]
    return remembered(("breaking", ticker_stamp), shared, CHROME_CACHE_SECONDS)


@lru_cache(maxsize=1)
def _ticker_path() -> str:
    return reverse("alerts:ticker")


def forget_site_chrome() -> None:
    cache.delete(BREAKING_KEY)
    site_ids = Site.objects.values_list("pk", flat=True)
    cache.delete_many([NAVIGATION_KEY.format(site_id=pk) for pk in site_ids])


def site_chrome(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_sections": SimpleLazyObject(lambda: _navigation(request)),
        "breaking_news": SimpleLazyObject(_breaking),
        "current_year": SimpleLazyObject(lambda: timezone.localdate().year),
    }
