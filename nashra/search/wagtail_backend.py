"""Wagtail's search backend for the admin, with the readers' Arabic matching added.

Editors search pages in the explorer, the page search and the page chooser
through Wagtail's database backend, which knows no hamza, ة or clitics. This
backend is that same backend (SQLite FTS or PostgreSQL, by vendor) with one
change: a search over pages also returns the published articles our Arabic
index finds for the same words, so اردوغان finds أردوغان for editors as it
does for readers. Drafts that were never published are not in our index and
are found by Wagtail's own matching only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import MATCH_ALL, PlainText
from wagtail.models import Page

from nashra.search.backends import Filters
from nashra.search.query import parse
from nashra.search.results import SearchResults

ADMIN_MATCHES = 500


def _query_text(query: Any) -> str | None:
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText):
        return query.query_string
    return None


def arabic_article_ids(text: str) -> list[int]:
    """The ids of the published articles the readers' search finds for ``text``."""
    results = SearchResults(parse(text), Filters())
    if results.query.is_empty:
        return []
    hits = results.index.search(results.query, Filters(), False, results.now, 0, ADMIN_MATCHES)
    return [hit.page_id for hit in hits]


class ArabicPageSearch:
    """Mixed into the vendor's database backend class; see the module docstring."""

    def search(self, query: Any, model_or_queryset: Any, **kwargs: Any) -> Any:
        return self._with_arabic(super().search, query, model_or_queryset, kwargs)  # type: ignore[misc]

    def autocomplete(self, query: Any, model_or_queryset: Any, **kwargs: Any) -> Any:
        return self._with_arabic(super().autocomplete, query, model_or_queryset, kwargs)  # type: ignore[misc]

    def _with_arabic(
        self, method: Any, query: Any, model_or_queryset: Any, kwargs: dict[str, Any]
    ) -> Any:
        queryset = (
            model_or_queryset
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset.objects.all()
        )
        text = _query_text(query)
        if not text or not issubclass(queryset.model, Page) or kwargs.get("fields"):
            return method(query, model_or_queryset, **kwargs)
        found = set(arabic_article_ids(text))
        if not found:
            return method(query, model_or_queryset, **kwargs)
        found |= {page.pk for page in method(query, queryset, **kwargs)[:ADMIN_MATCHES]}
        return super().search(  # type: ignore[misc]
            MATCH_ALL, queryset.filter(pk__in=found), order_by_relevance=False
        )


_CLASSES: dict[str, type] = {}


def _arabic_class(base: type) -> type:
    key = f"{base.__module__}.{base.__qualname__}"
    if key not in _CLASSES:
        _CLASSES[key] = type(f"Arabic{base.__name__}", (ArabicPageSearch, base), {})
    return _CLASSES[key]


def SearchBackend(params: dict[str, Any]) -> Any:  # noqa: N802 - the name Wagtail looks up
    """The database backend for the default database, with Arabic page search."""
    backend = DatabaseSearchBackend(params)
    backend.__class__ = _arabic_class(type(backend))
    return backend
