"""The reader's search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from nashra.newsroom.models import paginate
from nashra.search.forms import SearchForm
from nashra.search.query import parse
from nashra.search.results import SearchResults


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    error = form.query_error
    query = parse("" if error else form.query_text)
    results = None
    if form.query_text and not error:
        results = paginate(SearchResults(query, form.filters(), form.newest), request)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": form.query_text,
            "parsed": query,
            "form": form,
            "results": results,
            "query_error": error,
        },
    )
