"""One search interface, two indexes: SQLite FTS5 and PostgreSQL tsvector.

Relevance and counts come from the postings on both (:mod:`nashra.search.ranking`);
the full-text indexes find phrases, walk matches newest first and pick read-also
candidates. Nothing the reader typed reaches SQL except as a bound parameter or a
double-quoted key (FTS5), and keys hold only letters, digits and the separators inside
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from django.db import connection

from nashra.search.impact import phrase_pairs
from nashra.search.query import Query, Term
from nashra.search.ranking import (
    Constraint,
    Ranker,
    Statistics,
    among_stories,
    both,
    count_matches,
    excluding,
    held_by_every_word,
    statistics,
)

TABLE = "nashra_search_searchentry"
RELATED_CANDIDATES = 60
# Ranking may have the full-text index list every story that holds each of several
# plain words, and score them all (Ranker.top): when there are fewer than this.
PLAIN_HOLDERS = 5000
_WORD_KEY = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Filters:
    section_id: int | None = None
    since_ts: float | None = None
    until_ts: float | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    page_id: int
    score: float


class SearchIndex(Protocol):
    def search(
        self, query: Query, filters: Filters, newest: bool, now: float, offset: int, limit: int
    ) -> list[Hit]: ...

    def count(self, query: Query, filters: Filters, limit: int) -> int:
        """How many articles match, counting no further than ``limit``."""
        ...

    def candidates(self, stems: list[str], exclude_id: int) -> list[int]:
        """Articles sharing any of ``stems`` in their headline, standfirst or tags."""
        ...

    def document_frequency(self, stem: str, cap: int | None = None) -> int:
        """How many articles have ``stem`` in their headline, standfirst or tags.

        Counting stops at ``cap``: past it, a word is only "common", and counting every
        story a common word is in was most of the cost of read-also on a large archive.
        """
        ...


def _filter_sql(filters: Filters, alias: str = "e") -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.section_id is not None:
        clauses.append(f"{alias}.section_id = %s")
        params.append(filters.section_id)
    if filters.since_ts is not None:
        clauses.append(f"{alias}.published_ts >= %s")
        params.append(filters.since_ts)
    if filters.until_ts is not None:
        clauses.append(f"{alias}.published_ts < %s")
        params.append(filters.until_ts)
    return "".join(f" AND {clause}" for clause in clauses), params


def _newest_first() -> str:
    return "e.published_ts DESC, e.page_id DESC"


class _Ranked:
    """Relevance and counts from the postings, which both databases rank alike."""

    def __init__(self) -> None:
        # A page asks for its count and then its results: the statistics serve both.
        self._statistics: dict[Query, Statistics | None] = {}
        self._phrased: dict[tuple[tuple[Term, ...], ...], list[int]] = {}

    def _constraint(self, query: Query) -> Constraint | None:
        """A match holds the query's phrases and none of its excluded words.

        Which stories hold a phrase is asked of the full-text index once per query; an
        excluded word is its own stem, as typed.
        """
        # A phrase of two words is a pair of the postings, which ranking requires like a
        # word (see _words); only a longer one, whose pairs may be apart, is checked.
        long = tuple(phrase for phrase in query.phrases if len(phrase) > 2)
        phrased = self._phrase_constraint(long) if long else None
        return both(phrased, excluding([term.stems[0] for term in query.excluded]))

    def _phrase_constraint(self, phrases: tuple[tuple[Term, ...], ...]) -> Constraint:
        """Stories that hold every one of ``phrases`` (their words in order)."""
        if phrases not in self._phrased:
            self._phrased[phrases] = self._phrase_holders(phrases)
        return among_stories(self._phrased[phrases])

    def _phrase_holders(self, phrases: tuple[tuple[Term, ...], ...]) -> list[int]:
        """Every story that holds all ``phrases``."""
        raise NotImplementedError

    @staticmethod
    def _words(query: Query) -> list[tuple[str, ...]]:
        """What ranking requires and weighs: each word's stems, and each phrase's pairs.

        A phrase is matched by its words' own stems side by side, as the full-text index
        matches it.
        """
        pairs = [(pair,) for pair in phrase_pairs(query.phrases)]
        return list(dict.fromkeys([*(term.stems for term in query.all_terms()), *pairs]))

    def statistics(self, query: Query) -> Statistics | None:
        """The archive's statistics for the query's words; None when one is in no story."""
        if query not in self._statistics:
            self._statistics[query] = statistics(self._words(query), query.totals)
        return self._statistics[query]

    def ranked(
        self, query: Query, filters: Filters, now: float, offset: int, limit: int
    ) -> list[Hit]:
        """The page of ``query``'s matches from ``offset``, by relevance over every match."""
        found = self.statistics(query)
        if found is None:
            return []
        holders = partial(self._every_holder, query, filters) if self._plain(query, found) else None
        ranker = Ranker(found, now, _filter_sql(filters, "d"), self._constraint(query))
        best = ranker.top(offset + limit, holders)
        return [Hit(row.page_id, row.score) for row in best[offset:]]

    def count(self, query: Query, filters: Filters, limit: int) -> int:
        found = self.statistics(query)
        if found is None:
            return 0
        # Several plain words: the full-text index intersects their lists of stories and
        # reads no row for a word, where the postings probe every story of the rarest
        # word for each other word (4 against 18 ms a search page on PostgreSQL at 10,000
        # stories; 1-2 against 34-44 ms for two or three common words on SQLite at
        # 100,000). A phrase, an exclusion or a single word is counted on the postings.
        # Words each in most of the archive are held together by at least the cap, which
        # their totals prove without intersecting their lists (15-60 ms at 100,000 on
        # PostgreSQL).
        if self._plain(query, found):
            if filters == Filters() and held_by_every_word(found) >= limit:
                return limit
            return self._count_plain_words(query, filters, limit)
        where = _filter_sql(filters, "d")
        return count_matches(found.words, where, self._constraint(query), limit)

    @staticmethod
    def _plain(query: Query, found: Statistics) -> bool:
        """Several words and nothing else: no phrase, no excluded word."""
        return not query.phrases and not query.excluded and len(found.words) > 1

    def _count_plain_words(self, query: Query, filters: Filters, limit: int) -> int:
        """Stories that hold a stem of each of ``query``'s words and pass ``filters``."""
        sql, params = self._plain_words(query, filters, limit)
        return int(self._full_text_rows(f"SELECT count(*) FROM ({sql}) counted", params)[0][0])

    def _plain_holders(self, query: Query, filters: Filters, limit: int) -> list[int]:
        """Up to ``limit`` of those stories."""
        sql, params = self._plain_words(query, filters, limit)
        return [int(row[0]) for row in self._full_text_rows(sql, params)]

    def _plain_words(self, query: Query, filters: Filters, limit: int) -> tuple[str, list[Any]]:
        """SQL for up to ``limit`` stories holding a stem of each word and passing
        ``filters``, and its parameters."""
        raise NotImplementedError

    @staticmethod
    def _full_text_rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """The rows of a statement that reads the full-text index for plain words."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _every_holder(self, query: Query, filters: Filters) -> list[int] | None:
        """Every one of those stories, or None when there are PLAIN_HOLDERS or more."""
        ids = self._plain_holders(query, filters, PLAIN_HOLDERS)
        return ids if len(ids) < PLAIN_HOLDERS else None


class SQLiteIndex(_Ranked):
    """FTS5 over the entry columns: phrases, newest first, read-also candidates."""

    FTS = "nashra_search_fts"
    STEMS = "{headline_stem standfirst_stem tags_stem body_stem sources_stem}"
    EXACT = "{headline_exact standfirst_exact tags_exact body_exact sources_exact}"
    SHORT_STEMS = "{headline_stem standfirst_stem tags_stem}"

    @staticmethod
    def _quote(key: str) -> str:
        return '"' + key.replace('"', '""') + '"'

    def _term(self, term: Term) -> str:
        stems = " OR ".join(map(self._quote, term.stems))
        return f"({self.STEMS} : ({stems}) OR {self.EXACT} : {self._quote(term.exact)})"

    def match(self, query: Query) -> str:
        parts = [self._term(term) for term in query.terms]
        for phrase in query.phrases:
            stems = self._quote(" ".join(term.stems[0] for term in phrase))
            exact = self._quote(" ".join(term.exact for term in phrase))
            parts.append(f"({self.STEMS} : {stems} OR {self.EXACT} : {exact})")
        expression = " AND ".join(parts)
        for term in query.excluded:
            expression = f"({expression}) NOT {self.STEMS} : {self._quote(term.stems[0])}"
        return expression

    def _phrase_holders(self, phrases: tuple[tuple[Term, ...], ...]) -> list[int]:
        expression = " AND ".join(
            f"({self.STEMS} : {self._quote(' '.join(t.stems[0] for t in phrase))})"
            for phrase in phrases
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {self.FTS}(%s)", [expression])
            return [int(row[0]) for row in cursor.fetchall()]

    def search(
        self, query: Query, filters: Filters, newest: bool, now: float, offset: int, limit: int
    ) -> list[Hit]:
        if not newest:
            return self.ranked(query, filters, now, offset, limit)
        match = self.match(query)
        where, params = _filter_sql(filters)
        # Walk the articles newest first and stop at the page's last: cheaper than
        # sorting every match of a common word.
        sql = (
            f"SELECT e.page_id, 0.0 AS score FROM {TABLE} e INDEXED BY nashra_search_newest "
            f"WHERE e.page_id IN (SELECT rowid FROM {self.FTS}(%s)){where} "
            f"ORDER BY {_newest_first()} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limit, offset])
            return [Hit(int(pk), float(score)) for pk, score in cursor.fetchall()]

    def candidates(self, stems: list[str], exclude_id: int) -> list[int]:
        if not stems:
            return []
        match = f"{self.SHORT_STEMS} : ({' OR '.join(map(self._quote, stems))})"
        sql = (
            f"SELECT rowid FROM {self.FTS} WHERE {self.FTS} MATCH %s AND rowid != %s "
            f"ORDER BY bm25({self.FTS}, 0, 3.0, 0, 1.0, 0, 2.0, 0, 0, 0, 0) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, exclude_id, RELATED_CANDIDATES])
            return [int(row[0]) for row in cursor.fetchall()]

    def _plain_words(self, query: Query, filters: Filters, limit: int) -> tuple[str, list[Any]]:
        # The words' stems only, as the postings hold them: not their exact forms.
        match = " AND ".join(
            f"({self.STEMS} : ({' OR '.join(map(self._quote, term.stems))}))"
            for term in query.terms
        )
        where, params = _filter_sql(filters)
        # Unfiltered, FTS5 stops at the limit; a filter needs the entries' columns.
        matches = (
            f"SELECT e.page_id FROM {TABLE} e "
            f"WHERE e.page_id IN (SELECT rowid FROM {self.FTS}(%s)){where}"
            if where
            else f"SELECT rowid FROM {self.FTS}(%s)"
        )
        return f"{matches} LIMIT %s", [match, *params, limit]

    def document_frequency(self, stem: str, cap: int | None = None) -> int:
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {self.FTS} WHERE {self.FTS} MATCH %s "
            "LIMIT %s) counted"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"{self.SHORT_STEMS} : {self._quote(stem)}", cap or -1])
            return int(cursor.fetchone()[0])


class PostgresIndex(_Ranked):
    """Generated tsvector columns ('simple' config over our keys), GIN, ts_rank with A-D."""

    # ts_rank's weights for D, C, B, A.
    RANK_WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"

    @staticmethod
    def _stem_query(term: Term) -> tuple[str, list[Any]]:
        sql = " || ".join("phraseto_tsquery('simple', %s)" for _ in term.stems)
        return f"({sql})", list(term.stems)

    def _queries(self, query: Query) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for term in query.terms:
            sql, term_params = self._stem_query(term)
            parts.append(sql)
            params += term_params
        for phrase in query.phrases:
            parts.append("phraseto_tsquery('simple', %s)")
            params.append(" ".join(term.stems[0] for term in phrase))
        for term in query.excluded:
            parts.append("!!phraseto_tsquery('simple', %s)")
            params.append(term.stems[0])
        return " && ".join(parts), params

    def search(
        self, query: Query, filters: Filters, newest: bool, now: float, offset: int, limit: int
    ) -> list[Hit]:
        if not newest:
            return self.ranked(query, filters, now, offset, limit)
        stem_sql, stem_params = self._queries(query)
        where, params = _filter_sql(filters)
        # Ordered by time: nothing needs ranking.
        sql = (
            f"SELECT e.page_id, 0.0 FROM {TABLE} e WHERE e.stem_vector @@ ({stem_sql})"
            f"{where} ORDER BY {_newest_first()} LIMIT %s OFFSET %s"
        )
        arguments = [*stem_params, *params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return [Hit(int(pk), float(score)) for pk, score in cursor.fetchall()]

    @staticmethod
    def _full_text_rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        return _without_sequential_scan(sql, params)

    def _plain_words(self, query: Query, filters: Filters, limit: int) -> tuple[str, list[Any]]:
        # Only plain words: with a phrase or an exclusion GIN would recheck each story's
        # whole vector.
        stem_sql, stem_params = self._queries(query)
        where, params = _filter_sql(filters)
        sql = f"SELECT e.page_id FROM {TABLE} e WHERE e.stem_vector @@ ({stem_sql}){where} LIMIT %s"
        return sql, [*stem_params, *params, limit]

    def _phrase_constraint(self, phrases: tuple[tuple[Term, ...], ...]) -> Constraint:
        # Checked on each story ranking reads, which its pairs have already narrowed:
        # listing every holder rechecks each stored vector that holds the words.
        sql = " && ".join("phraseto_tsquery('simple', %s)" for _ in phrases)
        return Constraint(
            f"EXISTS (SELECT 1 FROM {TABLE} v WHERE v.page_id = d.page_id "
            f"AND v.stem_vector @@ ({sql}))",
            tuple(" ".join(t.stems[0] for t in phrase) for phrase in phrases),
        )

    @staticmethod
    def _short(stems: list[str]) -> str:
        # Only plain word keys: to_tsquery would read operators in anything else.
        return " | ".join(f"'{stem}'" for stem in stems if _WORD_KEY.fullmatch(stem))

    # Both read `short_vector` (headline, standfirst, tags; migration 0003), not the
    # whole entry's: ranking every entry that shares a common word, body and all, took
    # over half a second a story at 10,000 stories.
    def candidates(self, stems: list[str], exclude_id: int) -> list[int]:
        tsquery = self._short(stems)
        if not tsquery:
            return []
        sql = (
            f"SELECT e.page_id FROM {TABLE} e, to_tsquery('simple', %s) q "
            f"WHERE e.short_vector @@ q AND e.page_id != %s "
            f"ORDER BY ts_rank({self.RANK_WEIGHTS}, e.short_vector, q) DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, exclude_id, RELATED_CANDIDATES])
            return [int(row[0]) for row in cursor.fetchall()]

    def document_frequency(self, stem: str, cap: int | None = None) -> int:
        tsquery = self._short([stem])
        if not tsquery:
            return 0
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} e "
            "WHERE e.short_vector @@ to_tsquery('simple', %s) LIMIT %s) counted"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, cap])
            return int(cursor.fetchone()[0])


def get_index() -> SearchIndex:
    """The index of the default database."""
    if connection.vendor == "postgresql":
        return PostgresIndex()
    if connection.vendor == "sqlite":
        return SQLiteIndex()
    raise NotImplementedError(f"no search index for the {connection.vendor} database")


def _without_sequential_scan(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``sql``, read through an index rather than the table in order.

    PostgreSQL prices testing a stored vector as one cheap operator, not as the
    de-TOASTing of a story's whole vector that it is: with common words and a LIMIT it
    read the table in order, about 40 ms at 10,000 stories, where GIN answers in 2-5 ms.
    The setting is this session's, turned off and put back around the statement in the
    same message (Django binds parameters on the client, so the three go as one text):
    one round trip, not three. If the statement fails, the transaction the message runs
    in is rolled back, and the setting with it.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SET enable_seqscan = off; {sql}; RESET enable_seqscan", params)
        cursor.nextset()
        return cursor.fetchall()
