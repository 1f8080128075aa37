"""WordPress's short addresses ("/?p=123") kept working after a move.

Wagtail's redirects answer only addresses that would otherwise be "not found", and "/"
is the home page, so "/?p=123" would show the home page instead of the story. The import
records that address as a redirect (it is also how a re-run recognises the article);
this middleware answers it. Any other request costs one string check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


class WordPressShortlinkMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        post_id = request.GET.get("p", "") if request.path == "/" else ""
        if post_id.isdigit() and request.method in ("GET", "HEAD"):
            site = Site.find_for_request(request)
            redirect = (
                Redirect.objects.filter(old_path=f"/?p={post_id}", redirect_page__isnull=False)
                .filter(Q(site=site) | Q(site=None))
                .select_related("redirect_page")
                .first()
            )
            if redirect is not None and redirect.redirect_page is not None:
                url = redirect.redirect_page.get_url(request)
                if url:
                    return HttpResponsePermanentRedirect(url)
        return self.get_response(request)
