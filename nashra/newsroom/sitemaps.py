"""Sitemaps: an index, every public page, the authors' pages, and a Google News sitemap of
fresh stories (news only: opinion stays out, as Google News asks)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views

from nashra.arabic import iso8601
from nashra.core.models import SiteSettings
from nashra.newsroom.authors import Author, Column
from nashra.newsroom.models import ArticlePage

SITEMAP_MAX_AGE = 300


class PageSitemap(Sitemap):
    """Every live, public page of the request's site (Wagtail's own sitemap)."""

    def get_latest_lastmod(self) -> datetime | None:
        # Django's default loads every page of the site to find this one date.
        newest = Max(Coalesce("last_published_at", "latest_revision_created_at"))
        return self.items().aggregate(newest=newest)["newest"]


class NewsSitemap(PageSitemap):
    """Stories first published in the last 48 hours, newest first, as Google News asks.

    Google News reads at most 1,000 addresses from one news sitemap and ignores older
    stories, so `limit` caps the list and the sitemap never has a second page.
    """

    window = timedelta(hours=48)
    limit = 1000

    def items(self) -> Any:
        return (
            ArticlePage.objects.published()
            .public()
            .descendant_of(self.get_wagtail_site().root_page)
            .filter(first_published_at__gte=timezone.now() - self.window)
            .news()
            .newest_first()
            .defer_streamfields()[: self.limit]
        )

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        # The news template writes each story's title and date beside its address.
        publication = SiteSettings.for_request(self.request).site_name
        urls = [
            {
                "location": story.get_full_url(self.request),
                "lastmod": self.lastmod(story),
                "publication": publication,
                "published": iso8601(story.first_published_at),
                "title": story.title,
            }
            for story in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


class AuthorSitemap(Sitemap):
    """The page of every author with a published story, and the columnists' page."""

    def items(self) -> Any:
        writing = ArticlePage.objects.published().public().filter(authors=OuterRef("pk"))
        newest = writing.order_by("-last_published_at").values("last_published_at")[:1]
        return list(
            Author.objects.annotate(lastmod=Subquery(newest))
            .filter(lastmod__isnull=False)
            .order_by("slug")
        )

    def lastmod(self, obj: Any) -> datetime | None:
        return obj.lastmod  # type: ignore[no-any-return]

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        root = self.get_wagtail_site().root_url
        authors = list(self.paginator.page(page).object_list)
        urls = [
            {"item": author, "location": root + author.get_absolute_url(),
             "lastmod": author.lastmod}
            for author in authors
        ]
        if str(page) == "1" and Column.objects.exists():
            urls.insert(0, {"item": None, "location": root + reverse("columnists"),
                            "lastmod": max((url["lastmod"] for url in urls), default=None)})
        if urls and all(url["lastmod"] for url in urls):
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


SITEMAPS = {"pages": PageSitemap, "news": NewsSitemap, "authors": AuthorSitemap}
TEMPLATES = {"news": "newsroom/news_sitemap.xml"}


@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def section(request: HttpRequest, section: str) -> HttpResponse:
    template = TEMPLATES.get(section, "sitemap.xml")
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)
