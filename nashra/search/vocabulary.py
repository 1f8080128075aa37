"""The archive's vocabulary: kept as stories are indexed, read to widen each query.

See :mod:`nashra.arabic.variants` for the evidence it holds and how a query reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from itertools import islice

from django.db import connection

from nashra.arabic.variants import questions, search_stems, vocabulary_of
from nashra.operations.prepared import prepared_rows
from nashra.search.models import FIELDS, SearchEntry, SearchStem
from nashra.search.query import Query, Term

_MAX_STEM = SearchStem._meta.get_field("stem").max_length or 64
_CHUNK = 500  # bound parameters per statement, under SQLite's limit


def _chunks(items: list[str]) -> Iterable[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def record(entries: Iterable[SearchEntry]) -> None:
    """Add the stems of ``entries`` to the vocabulary, with what they were seen after."""
    words = (
        word
        for entry in entries
        for field in FIELDS
        for word in getattr(entry, f"{field}_exact").split()
    )
    # A longer token is a URL or a run of letters, never a word a clitic is read from.
    vocabulary = {
        stem: prefixed for stem, prefixed in vocabulary_of(words).items() if len(stem) <= _MAX_STEM
    }
    # In one order everywhere: two stories indexed at once then take the rows' locks in
    # the same order, and cannot deadlock on PostgreSQL.
    SearchStem.objects.bulk_create(
        [SearchStem(stem=stem, prefixed=vocabulary[stem]) for stem in sorted(vocabulary)],
        ignore_conflicts=True,
        batch_size=_CHUNK,
    )
    prefixed = sorted(stem for stem, seen_prefixed in vocabulary.items() if seen_prefixed)
    for chunk in _chunks(prefixed):
        SearchStem.objects.filter(stem__in=chunk, prefixed=False).update(prefixed=True)


_TABLE = SearchStem._meta.db_table


def _looked_up(stems: list[str]) -> list[tuple[str, bool]]:
    """The rows of ``stems`` the vocabulary holds, in one statement of one shape.

    Every search page runs it: prepared on PostgreSQL, with the stems as one parameter.
    """
    if connection.vendor == "postgresql":
        sql = f"SELECT stem, prefixed FROM {_TABLE} WHERE stem = ANY(%s)"
        return prepared_rows(connection.alias, sql, [stems])  # type: ignore[return-value]
    sql = f"SELECT stem, prefixed FROM {_TABLE} WHERE stem IN (SELECT value FROM json_each(%s))"
    return prepared_rows(connection.alias, sql, [json.dumps(stems)])  # type: ignore[return-value]


def _widened(term: Term, vocabulary: dict[str, bool]) -> Term:
    return replace(term, stems=search_stems(term.exact, vocabulary))


def widen(query: Query) -> Query:
    """``query`` with each word's stems chosen by the archive's evidence, in one lookup."""
    terms = query.all_terms()
    asked = sorted({stem for term in terms for stem in questions(term.exact)})
    vocabulary: dict[str, bool] = {}
    for chunk in _chunks(asked):
        vocabulary.update((stem, bool(prefixed)) for stem, prefixed in _looked_up(chunk))
    return replace(
        query,
        terms=tuple(_widened(term, vocabulary) for term in query.terms),
        phrases=tuple(
            tuple(_widened(term, vocabulary) for term in phrase) for phrase in query.phrases
        ),
    )
