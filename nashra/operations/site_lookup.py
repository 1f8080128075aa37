"""Which Wagtail site a request is for, remembered between requests.

Wagtail finds the site with a database query on every request, then loads the site's
root page and its specific type to start routing: about a tenth of an uncached article
render. The answer changes only when a site or a page changes, and every such change
moves the page cache's site-wide stamp, so the stamp is part of the key: nothing here
needs purging. The root page travels with the site (its specific form included).
With the page cache off (tests, debugging) this is off too: every request asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from nashra.operations.page_cache import stamps

SITE_CACHE_SECONDS = 300
_NO_SITE = "none"


def site_for(request: HttpRequest) -> Site | None:
    if settings.PAGE_CACHE_SECONDS <= 0:
        return Site._find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    key = f"nashra:site:{stamps.site()}:{hostname}:{request.get_port()}"
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - loaded now, kept with the site
        found = site or _NO_SITE
        cache.set(key, found, SITE_CACHE_SECONDS)
    return None if found == _NO_SITE else found


# Addresses that never need a site, and the health checks, which must not depend on the
# database or the cache they report on.
_NO_SITE_NEEDED = ("/healthz", "/readyz", "/static/", "/media/", "/audience/", "/captcha/")


class SiteLookupMiddleware:
    """Hands Wagtail the remembered site (`Site.find_for_request` reads it from here).

    With the page cache off it does nothing, and Wagtail looks the site up as it does by
    itself, only when a page needs it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS > 0 and not request.path.startswith(_NO_SITE_NEEDED):
            request._wagtail_site = site_for(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def connect() -> None:
    """A site's own record changing moves the stamp like a page change does."""
    from django.db.models.signals import post_delete, post_save

    def moved(**_kwargs: Any) -> None:
        stamps.move_site()

    post_save.connect(moved, sender=Site, weak=False, dispatch_uid="nashra-site-lookup-save")
    post_delete.connect(moved, sender=Site, weak=False, dispatch_uid="nashra-site-lookup-del")
