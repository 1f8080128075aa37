"""The Content-Security-Policy of every reader's page.

Scripts run only from the site's own files: no inline script, no event-handler
attribute, no ``eval``, so markup that slips into a page (a hostile link, a bad embed)
cannot run. The policy is one constant string, with no per-request nonce: pages are
kept whole in the page cache and in nginx, and a nonce would be replayed to every
reader. Styles may be inline (``'unsafe-inline'`` for styles alone): Wagtail's
responsive embeds size their frames with a style attribute and the error page carries
its own few rules; a stylesheet cannot run code. Embedded players load in frames from
https origins. The admin is Wagtail's own and keeps its own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
_NOT_READERS = ("/admin/", "/django-admin/")


def media_origin() -> str:
    """Where pictures come from when they are not the site's own files (object storage or
    a CDN, `MEDIA_S3_PUBLIC_HOST`): the origin of an absolute MEDIA_URL, else ""."""
    parts = urlsplit(str(settings.MEDIA_URL))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def reader_policy(https: bool) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        " ".join(filter(None, ["img-src 'self' data:", media_origin()])),
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "frame-src https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # The site's own X-Frame-Options (SAMEORIGIN), said the way CSP says it.
        "frame-ancestors 'self'",
    ]
    if https:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response outside the admin, before the page cache keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = reader_policy(settings.SITE_URL.startswith("https://"))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response and not request.path.startswith(_NOT_READERS):
            response[HEADER] = self.policy
        return response
