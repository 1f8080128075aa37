"""Arabic error pages."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse

from nashra.core.outages import RETRY_AFTER_SECONDS, is_outage


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(request, "404.html", status=404)
    response.render()
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still at hand here.
    if is_outage(sys.exc_info()[1]):
        return service_unavailable()
    # No context processors here: whatever broke the page may break them too.
    return HttpResponseServerError(loader.get_template("500.html").render())


def service_unavailable() -> HttpResponse:
    """The database or the cache is away: say so, and when to come back."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
