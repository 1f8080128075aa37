"""The archive's vocabulary: kept as stories are indexed, read to widen each query.

See :mod:`nashra.arabic.variants` for the evidence it holds and how a query reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import islice

from django.db import connection

from nashra.arabic.variants import possible_stems, questions, search_stems, vocabulary_of
from nashra.operations.prepared import prepared_rows
from nashra.operations.site_memory import Memory
from nashra.search import stem_totals
from nashra.search.generations import generation
from nashra.search.impact import phrase_pairs
from nashra.search.models import FIELDS, SearchEntry, SearchStem
from nashra.search.postings import stem_id
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

Totals = dict[int, tuple[int, int]]


def _looked_up(stems: list[str], keys: list[int]) -> tuple[dict[str, bool], Totals]:
    """The vocabulary's rows of ``stems`` and the totals of ``keys``, in one statement.

    Every search page runs it, so it is one round trip of one shape: prepared on
    PostgreSQL, each list one parameter.
    """
    among, wrap = (
        ("= ANY(%s)", list) if connection.vendor == "postgresql"
        else ("IN (SELECT value FROM json_each(%s))", json.dumps)
    )
    sql = (
        f"SELECT stem, prefixed, NULL, NULL, NULL FROM {_TABLE} WHERE stem {among} "
        f"UNION ALL SELECT NULL, NULL, stem, stories, strongest FROM {stem_totals.TABLE} "
        f"WHERE stem {among}"
    )
    vocabulary: dict[str, bool] = {}
    totals: Totals = {}
    for stem, prefixed, key, stories, strongest in prepared_rows(
        connection.alias, sql, [wrap(stems), wrap(keys)]
    ):
        if key is None:
            vocabulary[stem] = bool(prefixed)
        else:
            totals[int(key)] = stem_totals.counted(stories, strongest)
    return vocabulary, totals


def _widened(term: Term, vocabulary: dict[str, bool]) -> Term:
    return replace(term, stems=search_stems(term.exact, vocabulary))


# Query words recur (Zipf): a few thousand of them, each remembered with what is read
# for it (about 3 KB), spare working out its spellings again on most searches.
_REMEMBERED_WORDS = 4096


@lru_cache(maxsize=_REMEMBERED_WORDS)
def _read_for(word: str) -> tuple[frozenset[str], frozenset[int]]:
    """What a search reads for ``word``: the vocabulary's rows that decide its stems, and
    the numbers of every key whose totals it may then need."""
    return frozenset(questions(word)), frozenset(stem_id(stem) for stem in possible_stems(word))


# What the archive says of each query word: the vocabulary's rows that decide its stems
# and the totals of every key it may match. A results page with none of its words new to
# the worker then reads nothing for them (three pages in four of the bench's stream find
# nothing, and ran this one statement alone). Kept per index generation and under the
# site-wide stamp: a word kept is never one the index has since changed.
_words = Memory(_REMEMBERED_WORDS)

# A word's vocabulary rows (stem: seen with a prefix) and its keys' totals.
WordEvidence = tuple[dict[str, bool], Totals]


def _read_words(keys: list[tuple[int, str]]) -> dict[tuple[int, str], WordEvidence]:
    """The evidence for each word of ``keys`` ((generation, word) pairs), in one look-up."""
    if not keys:
        return {}
    read = {key: _read_for(key[1]) for key in keys}
    vocabulary, totals = _looked_up(
        sorted(set().union(*(stems for stems, _keys in read.values()))),
        sorted(set().union(*(counted for _stems, counted in read.values()))),
    )
    return {
        key: (
            {stem: vocabulary[stem] for stem in stems if stem in vocabulary},
            {number: totals.get(number, (0, 0)) for number in counted},
        )
        for key, (stems, counted) in read.items()
    }


def widen(query: Query) -> Query:
    """``query`` with each word's stems chosen by the archive's evidence, and the totals
    of every key it may then match, each word looked up once per index generation."""
    current = generation()
    words = [(current, word) for word in dict.fromkeys(t.exact for t in query.all_terms())]
    vocabulary: dict[str, bool] = {}
    totals: Totals = {}
    for word_vocabulary, word_totals in _words.remembered_many(words, _read_words).values():
        vocabulary.update(word_vocabulary)
        totals.update(word_totals)
    # A quoted phrase's pairs are looked up each time: phrases are few, and seldom repeat.
    pairs = sorted(set(map(stem_id, phrase_pairs(query.phrases))) - totals.keys())
    if pairs:
        totals.update(_looked_up([], pairs)[1])
        totals.update({key: (0, 0) for key in pairs if key not in totals})
    return replace(
        query,
        terms=tuple(_widened(term, vocabulary) for term in query.terms),
        phrases=tuple(
            tuple(_widened(term, vocabulary) for term in phrase) for phrase in query.phrases
        ),
        totals=totals,
    )
