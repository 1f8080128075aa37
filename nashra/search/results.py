"""Search results as a lazy sequence a Paginator can page, with highlighted snippets."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nashra.arabic.highlight import Span, matched_spans, snippet_window
from nashra.newsroom.models import ArticlePage
from nashra.search.backends import Filters, get_index
from nashra.search.cards import found_stories
from nashra.search.models import SearchEntry
from nashra.search.query import Query
from nashra.search.vocabulary import widen

SNIPPET_WIDTH = 220
# Results are counted up to here (50 pages): counting every match of a word found in
# half the archive costs more than ranking the first page.
COUNT_LIMIT = 1000


def highlight(text: str, spans: list[Span]) -> SafeString:
    """``text`` escaped, with each span wrapped in <mark>."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


@dataclass
class Result:
    """One found article with its headline and snippet marked up for the reader."""

    article: ArticlePage
    score: float
    title_html: SafeString
    snippet_html: SafeString


def mark_up(query: Query, article: ArticlePage, lead_spans: list[Span], body: str) -> Result:
    """The headline and snippet of ``article``, its matched words marked.

    The snippet is taken from the standfirst when the query's words are in it
    (``lead_spans``), or else from ``body``.
    """
    exact, stems = query.exact_keys(), query.stem_keys()
    title_spans = matched_spans(article.title, exact, stems)
    source, spans = article.standfirst, lead_spans
    if not spans and body:
        body_spans = matched_spans(body, exact, stems, reach=2 * SNIPPET_WIDTH)
        if body_spans:
            source, spans = body, body_spans
    start, end = snippet_window(source, spans, SNIPPET_WIDTH)
    window = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    snippet = highlight(source[start:end], window)
    if start > 0:
        snippet = mark_safe("… " + snippet)  # noqa: S308 - snippet is already escaped
    if end < len(source):
        snippet = mark_safe(snippet + " …")  # noqa: S308
    return Result(article, 0.0, highlight(article.title, title_spans), snippet)


class SearchResults:
    """The results of one query, fetched page by page from the index."""

    def __init__(self, query: Query, filters: Filters, newest: bool = False) -> None:
        self.query = query if query.is_empty else widen(query)
        self.filters = filters
        self.newest = newest
        self.now = time.time()
        self.index = get_index()

    @cached_property
    def total(self) -> int:
        if self.query.is_empty:
            return 0
        return self.index.count(self.query, self.filters, COUNT_LIMIT)

    @property
    def capped(self) -> bool:
        """True when there are more results than were counted."""
        return self.total >= COUNT_LIMIT

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, key: int) -> Result: ...
    @overload
    def __getitem__(self, key: slice) -> list[Result]: ...
    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.total
        if self.query.is_empty or stop <= start:
            return []
        hits = self.index.search(
            self.query, self.filters, self.newest, self.now, start, stop - start
        )
        ids = [hit.page_id for hit in hits]
        articles = found_stories(ids)
        exact, stems = self.query.exact_keys(), self.query.stem_keys()
        lead_spans = {
            pk: matched_spans(article.standfirst, exact, stems) for pk, article in articles.items()
        }
        # Bodies are long: only those of stories whose standfirst shows none of the words
        # are read, for their snippet.
        needed = [pk for pk, spans in lead_spans.items() if not spans]
        bodies = (
            dict(SearchEntry.objects.filter(pk__in=needed).values_list("pk", "text"))
            if needed else {}
        )
        results = []
        for hit in hits:
            if hit.page_id in articles:
                result = mark_up(self.query, articles[hit.page_id], lead_spans[hit.page_id],
                                 bodies.get(hit.page_id, ""))
                result.score = hit.score
                results.append(result)
        return results
