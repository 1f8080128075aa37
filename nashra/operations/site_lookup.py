"""Which Wagtail site a request is for, and the site-wide records every page reads,
remembered between requests.

Wagtail finds the site with a database query on every request, then loads the site's
root page and its specific type to start routing: about a tenth of an uncached article
render. Every page then reads the site's settings and comment settings (a query each)
and asks whether any page view restriction applies (two more). None of these changes
but through a site, page, setting or restriction change, and each of those moves the
page cache's site-wide stamp, so the stamp is part of the key: nothing here needs
purging. The root page travels with the site (its specific form included).
With the page cache off (tests, debugging) this is off too: every request asks.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site

from nashra.operations.page_cache import stamps
from nashra.operations.site_memory import remembered
from nashra.operations.site_settings import site_setting_models

SITE_CACHE_SECONDS = 300
_NO_SITE = "none"


@dataclass
class SiteRecords:
    """A site with the records of it that every page reads."""

    site: Site
    settings: list[BaseSiteSetting]
    # The home page's published children (the sections) by tree path: a story's parent.
    sections: dict[str, Page]
    # Whether any page has a view restriction: with none, Wagtail need not look per page.
    restricted: bool
    # Every site's root path and address, for page links (Wagtail asks its cache for
    # them once per request; a site or root page change moves the stamp).
    root_paths: list[Any]


# The records of the request this thread is serving, for code that is not handed the
# request (a page's `get_view_restrictions`). Unset outside SiteLookupMiddleware.
_serving: ContextVar[SiteRecords | None] = ContextVar("nashra_site_records", default=None)


def _records_for(request: HttpRequest) -> SiteRecords | None:
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()
    # Each worker keeps its own, besides the copy in the shared cache that a new worker
    # starts from: unpickling it from Redis on every miss cost more than using it.
    return remembered(("site", hostname, port), lambda: _shared_records(request, hostname, port))


def _shared_records(request: HttpRequest, hostname: str, port: str) -> SiteRecords | None:
    # The version: records pickled by an older release lack what this one reads.
    key = f"nashra:site:2:{stamps.site()}:{hostname}:{port}"
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - loaded now, kept with the site
            found = SiteRecords(
                site,
                [model.for_site(site) for model in site_setting_models()],
                {page.path: page for page in site.root_page.get_children().live()},
                PageViewRestriction.objects.exists(),
                Site.get_site_root_paths(),
            )
        else:
            found = _NO_SITE
        cache.set(key, found, SITE_CACHE_SECONDS)
    return None if found == _NO_SITE else found


def site_for(request: HttpRequest) -> Site | None:
    if settings.PAGE_CACHE_SECONDS <= 0:
        return Site._find_for_request(request)
    records = _records_for(request)
    return records.site if records else None


def parent_of(page: Page) -> Page | None:
    """``page.get_parent()``, answered from the remembered sections when it is one."""
    records = _serving.get()
    if records is not None:
        found = records.sections.get(page.path[: -page.steplen])
        if found is not None:
            return found
    return page.get_parent()


class RememberedRestrictions:
    """For page models: skip Wagtail's two restriction queries while no page has one."""

    def get_view_restrictions(self) -> Any:
        records = _serving.get()
        if records is not None and not records.restricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]


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
            records = _records_for(request)
            request._wagtail_site = records.site if records else None  # type: ignore[attr-defined]
            if records is not None:
                # Where Page._get_site_root_paths looks first.
                request._wagtail_cached_site_root_paths = records.root_paths  # type: ignore[attr-defined]
            for kept in records.settings if records else ():
                # A copy: the records are shared by the worker's threads, and a setting
                # holds the request it was read for.
                setting = copy.copy(kept)
                setting._request = request  # type: ignore[attr-defined]
                # Where BaseSiteSetting.for_request keeps what it found for this request.
                setattr(request, setting.get_cache_attr_name(), setting)
            serving = _serving.set(records)
            try:
                return self.get_response(request)
            finally:
                _serving.reset(serving)
        return self.get_response(request)


def connect() -> None:
    """A site's own record changing moves the stamp like a page change does."""
    from django.db.models.signals import post_delete, post_save

    def moved(**_kwargs: Any) -> None:
        stamps.move_site()

    post_save.connect(moved, sender=Site, weak=False, dispatch_uid="nashra-site-lookup-save")
    post_delete.connect(moved, sender=Site, weak=False, dispatch_uid="nashra-site-lookup-del")
