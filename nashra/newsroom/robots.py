"""robots.txt: crawl everything but the admin and search results; here are the sitemaps."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Search results are endless combinations of one site's stories: no use to an index.
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-section', args=['news']))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
