from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from nashra.newsroom.models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        found = ArticlePage.objects.published().search(query, operator="and")
        results = paginate(found, request)
    return TemplateResponse(request, "search/search.html", {"query": query, "results": results})
