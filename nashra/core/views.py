"""Arabic error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(request, "404.html", status=404)
    response.render()
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors here: whatever broke the page may break them too.
    return HttpResponseServerError(loader.get_template("500.html").render())
