"""The best matches of a query over the whole archive, reading only those that can win.

The score is BM25F with freshness (:mod:`nashra.search.impact`). Reading every match
of a common word to score it is what made a search slow on a large archive, so the
ranking reads two parts of the archive, and proves the rest cannot win:

1. **The recent part**: every match among the RECENT newest stories, scored. A story
   outside it is older than all of them, so freshness multiplies it by at most
   ``f_old``, the freshness of the part's oldest story.
2. **The strong part**: every match whose impact for the query's rarest word is at
   least θ, scored. Any other story scores at most
   (idf(rarest) × θ + what the other words can add at most) × f_old; θ is chosen so
   that this is below the k-th best score already found, so no story outside both
   parts can enter the top k.

The k-th best score of the recent part sets θ. When that part holds fewer than k
matches, or sets θ too low to prune, the stories most about the rarest word are scored
first to raise the bound. The result is exactly the top k of scoring every match (a
test checks it against an exhaustive scoring), in a few thousand rows at most for a
word found in every story.

Several common words can leave θ at nothing: each could lift any story of the others.
The strong part would then be every story of the rarest word; when the full-text index
finds the stories that hold all the words to be fewer, those are scored instead.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection

from nashra.operations.prepared import prepared_rows
from nashra.operations.site_memory import Memory
from nashra.search import stem_totals
from nashra.search.generations import generation
from nashra.search.impact import FRESH_SECONDS, IMPACT_SCALE, freshness, idf
from nashra.search.models import SearchEntry
from nashra.search.postings import TABLE, stem_id

# How many of the newest stories are always scored in full.
RECENT = 500
# Before scanning a word's weaker stories, score this many times k of its strongest.
SEED_FACTOR = 4
# Postings looked up in a read this small are never worth listing every match instead.
SMALL_READ = 2000
ENTRY_TABLE = SearchEntry._meta.db_table


@dataclass(frozen=True, slots=True)
class Word:
    """One query word as ranking sees it: its stems' numbers and their statistics."""

    stems: tuple[int, ...]
    matching: int  # stories counted over its stems: one holding two of them twice
    commonest: int  # stories that hold its commonest stem
    weight: float  # idf / IMPACT_SCALE: what one unit of impact is worth
    strongest: int  # no story has a higher impact for any of its stems


@dataclass(frozen=True, slots=True)
class Scored:
    page_id: int
    score: float
    published: float


@dataclass(frozen=True, slots=True)
class Constraint:
    """A condition on the posting row ``d`` besides holding every word (exclusions).

    It is checked on each candidate the ranking reads, never over the whole archive.
    """

    sql: str
    params: tuple[Any, ...]


def among_stories(ids: Sequence[int]) -> Constraint:
    """Stories among ``ids`` (those that hold a query's phrases), as one parameter."""
    if connection.vendor == "postgresql":
        return Constraint("d.page_id = ANY(%s)", (list(ids),))
    return Constraint("d.page_id IN (SELECT value FROM json_each(%s))", (json.dumps(list(ids)),))


def both(*constraints: Constraint | None) -> Constraint | None:
    kept = [c for c in constraints if c is not None]
    if not kept:
        return None
    return Constraint(" AND ".join(c.sql for c in kept), tuple(p for c in kept for p in c.params))


def excluding(stems: Sequence[str]) -> Constraint | None:
    """Stories holding none of ``stems``."""
    if not stems:
        return None
    sql = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {TABLE} x WHERE x.page_id = d.page_id AND x.stem = %s)"
        for _ in stems
    )
    return Constraint(sql, tuple(stem_id(stem) for stem in stems))


def _among(column: str, values: Sequence[int]) -> tuple[str, list[Any]]:
    """SQL for ``column`` being one of ``values``, and its parameters.

    On PostgreSQL one array parameter, so that a statement's text does not change with
    the number of stems and its prepared plan serves every query of the same shape.
    """
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _best_impact(stems: Sequence[int]) -> tuple[str, list[Any]]:
    """SQL for the highest impact any of ``stems`` has in story ``d`` (NULL: none).

    Each stem is looked up by the primary key, (stem, published_ts, page_id), which
    holds the impact: the stories a ranking reads look up a word's stem in that stem's
    own stretch of the key, a few pages that the next story finds in memory already.
    Looked up by (page_id, stem) instead, each story was a page of its own, anywhere in
    an index the size of the table (2 GB at 100,000 stories).
    """
    if connection.vendor == "postgresql":
        # One probe per stem. Given `p.stem = ANY(...)`, PostgreSQL read all of the
        # story's postings (about 350) and filtered them, for every story ranked: 29
        # against 8 ms for one two-word ranking at 10,000 stories. The LIMIT keeps it
        # from merging the two lists instead; `+ 0` keeps it off the (page_id, stem)
        # index.
        return (
            f"(SELECT max(x.impact) FROM unnest(CAST(%s AS bigint[])) s(stem) "
            f"CROSS JOIN LATERAL (SELECT p.impact FROM {TABLE} p "
            f"WHERE p.stem = s.stem AND p.published_ts = d.published_ts "
            f"AND p.page_id + 0 = d.page_id LIMIT 1) x)",
            [list(stems)],
        )
    # The whole key given, SQLite probes the primary key for each stem; with the story's
    # id left out it read the stem's every posting in the impact index instead.
    among, params = _among("p.stem", stems)
    return (
        f"(SELECT max(p.impact) FROM {TABLE} p WHERE {among} "
        f"AND p.published_ts = d.published_ts AND p.page_id = d.page_id)",
        params,
    )


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    # Bound on the server, each run planned for its own words: the generic plan a
    # prepared statement settles on took a common word's count from 3 to 30 ms at
    # 100,000 stories, and a pair of common words from 40 ms to over a second.
    return prepared_rows(connection.alias, sql, list(params), prepare=False)


def _stories() -> int:
    return int(_fetch(f"SELECT count(*) FROM {ENTRY_TABLE}", ())[0][0])


def _recent_cutoff() -> float:
    """The publication time of the RECENT-th newest story (-inf for a smaller archive)."""
    rows = _fetch(
        f"SELECT published_ts FROM {ENTRY_TABLE} ORDER BY published_ts DESC "
        f"LIMIT 1 OFFSET {RECENT - 1}",
        (),
    )
    return float(rows[0][0]) if rows else -math.inf


# The archive's size and cutoff, per index generation: a worker reads them from the
# shared cache once a generation, and not again for each search (a round trip to Redis
# on every page).
_shapes = Memory(4)


def _archive_shape() -> tuple[int, float]:
    """The number of stories indexed and the RECENT-th newest's time, of this generation."""
    current = generation()
    return _shapes.remembered(("archive", current), lambda: _shared_shape(current))


def _shared_shape(current: int) -> tuple[int, float]:
    prefix = f"nashra:search:stats:{current}"
    makers: dict[str, Any] = {
        f"{prefix}:stories": _stories,
        f"{prefix}:recent:{RECENT}": _recent_cutoff,
    }
    found = cache.get_many(list(makers))
    made = {name: make() for name, make in makers.items() if name not in found}
    if made:
        cache.set_many(made, 24 * 3600)
    found.update(made)
    return int(found[f"{prefix}:stories"]), float(found[f"{prefix}:recent:{RECENT}"])


@dataclass(frozen=True, slots=True)
class Statistics:
    """What ranking needs to know of the archive for one query."""

    stories: int
    recent_cutoff: float
    words: list[Word]


def statistics(
    stem_sets: Sequence[Sequence[str]], known: Mapping[int, tuple[int, int]] | None = None
) -> Statistics | None:
    """The archive's statistics for the query words ``stem_sets``, or None when one of
    them is in no story (nothing matches: most searches, on a small archive).

    The words' own are read from the stem totals, which the index keeps exact. A word
    of several stems (its spellings, its broken plural, a clitic read off it) counts
    the stories of each, a story holding two of them twice: counting each story once
    would read every one of their postings. A word's spellings seldom share a story:
    for 287 such words of the bench's queries at 100,000 stories the sum was within 1%
    of the exact number for half and within 10% for nine in ten (at most 4.2 times it).
    The sum is also how many postings the word's stories are read from, which picks the
    word ranking is driven by. ``known`` holds totals already read (a key with (0, 0)
    is in no story); only the others are read. The archive's size and the newest
    stories' cutoff are kept until the index changes (its generation moves).
    """
    ids = [tuple(sorted({stem_id(stem) for stem in stems})) for stems in stem_sets]
    totals = dict(known or {})
    # Those of a widened query were read with its vocabulary (nashra.search.vocabulary).
    unread = sorted({stem for stems in ids for stem in stems} - totals.keys())
    totals.update(stem_totals.read(unread))
    held = [[totals.get(stem, (0, 0)) for stem in stems] for stems in ids]
    if not held or any(not any(stories for stories, _ in word) for word in held):
        return None
    # Only now, for a query that can match: the archive's shape is a cache read.
    total, recent_cutoff = _archive_shape()
    words = []
    for stems, word in zip(ids, held, strict=True):
        matching = sum(stories for stories, _ in word)
        commonest = max(stories for stories, _ in word)
        strongest = max(strongest for _, strongest in word)
        # The cached size may be older than the totals: never fewer than a stem's stories.
        archive = max(total, commonest)
        weight = idf(min(matching, archive), archive) / IMPACT_SCALE
        words.append(Word(stems, matching, commonest, weight, strongest))
    return Statistics(total, recent_cutoff, words)


# A float parameter as a float: PostgreSQL reads a bare one as numeric, and numeric
# arithmetic on every row is slow.
_REAL = "CAST(%s AS DOUBLE PRECISION)"


def _freshness_sql() -> str:
    age = f"CASE WHEN {_REAL} > d.published_ts THEN {_REAL} - d.published_ts ELSE 0 END"
    return f"(1.0 + 1.0 / (1.0 + ({age}) / {FRESH_SECONDS}))"


# Keeps the database from moving the score's test into the grouped query: PostgreSQL
# then wrote the score out once per test (is it NULL, does it reach the floor) and looked
# up every other word two times more for each story read.
def _fence() -> str:
    return " OFFSET 0" if connection.vendor == "postgresql" else ""


class Ranker:
    """Ranks the stories that hold every one of ``words`` and pass the filters."""

    def __init__(
        self,
        statistics: Statistics,
        now: float,
        filters: tuple[str, Sequence[Any]],
        constraint: Constraint | None = None,
    ) -> None:
        words = statistics.words
        self.cutoff = statistics.recent_cutoff
        self.driver = min(words, key=lambda w: (w.matching, w.stems))
        self.others = [w for w in words if w is not self.driver]
        self.now = now
        self.filters = filters
        self.constraint = constraint
        # The most the other words can add to a story's relevance.
        self.others_most = sum(w.weight * w.strongest for w in self.others)

    def _scored(self, part: str, part_params: Sequence[Any], floor: float, k: int) -> list[Scored]:
        """The k best matches of a part of the archive that score at least ``floor``."""
        driver = self.driver
        params: list[Any] = [driver.weight]
        relevance = f"{_REAL} * max(d.impact)"
        for other in self.others:
            impact, stems = _best_impact(other.stems)
            relevance += f" + {_REAL} * {impact}"
            params += [other.weight, *stems]
        params += [self.now, self.now]
        among, stems = _among("d.stem", driver.stems)
        where = f"{among} AND {part}{self.filters[0]}"
        params += [*stems, *part_params, *self.filters[1]]
        if floor > 0.0:
            # What the row could score at most, before the other words are looked up.
            where += f" AND ({_REAL} * d.impact + {_REAL}) * {_freshness_sql()} >= {_REAL}"
            params += [driver.weight, self.others_most, self.now, self.now, floor]
        if self.constraint is not None:
            where += f" AND {self.constraint.sql}"
            params += self.constraint.params
        # A story without one of the other words has a NULL relevance: not a match.
        sql = (
            f"SELECT page_id, score, published FROM (SELECT d.page_id AS page_id, "
            f"d.published_ts AS published, ({relevance}) * {_freshness_sql()} AS score "
            f"FROM {TABLE} d WHERE {where} GROUP BY d.page_id, d.published_ts{_fence()}) ranked "
            f"WHERE score IS NOT NULL AND score >= {_REAL} "
            f"ORDER BY score DESC, published DESC, page_id DESC LIMIT %s"
        )
        params += [floor, k]
        return [Scored(int(pk), float(score), float(at)) for pk, score, at in _fetch(sql, params)]

    def among(self, ids: Sequence[int], k: int) -> list[Scored]:
        """The k best matches among the stories ``ids``, each of them scored.

        Exact over the whole archive when ``ids`` holds every match; a story of ``ids``
        missing a word or failing the filters is no match.
        """
        if not ids:
            return []
        words = (self.driver, *self.others)
        relevance: list[str] = []
        params: list[Any] = []
        # The words in the order `_scored` adds them, so that a story scores the same
        # to the last bit either way. A word the story lacks leaves its score NULL.
        for word in words:
            among, stems = _among("p.stem", word.stems)
            relevance.append(f"{_REAL} * max(p.impact) FILTER (WHERE {among})")
            params += [word.weight, *stems]
        params += [self.now, self.now]
        every, stems = _among("p.stem", sorted({s for word in words for s in word.stems}))
        stories = among_stories(ids)
        constraint = f" AND {self.constraint.sql}" if self.constraint is not None else ""
        # One pass over the stories' postings of the query's stems, which both databases
        # read as one probe of the story's index per story and stem.
        sql = (
            f"WITH ranked AS MATERIALIZED (SELECT d.page_id AS page_id, "
            f"d.published_ts AS published, ({' + '.join(relevance)}) * {_freshness_sql()} "
            f"AS score FROM {ENTRY_TABLE} d JOIN {TABLE} p ON p.page_id = d.page_id "
            f"AND {every} WHERE {stories.sql}{self.filters[0]}{constraint} "
            f"GROUP BY d.page_id, d.published_ts) "
            f"SELECT page_id, score, published FROM ranked WHERE score IS NOT NULL "
            f"ORDER BY score DESC, published DESC, page_id DESC LIMIT %s"
        )
        params += [*stems, *stories.params, *self.filters[1]]
        if self.constraint is not None:
            params += self.constraint.params
        params.append(k)
        return [Scored(int(pk), float(score), float(at)) for pk, score, at in _fetch(sql, params)]

    def _seed_floor(self, k: int) -> int:
        """An impact that at least SEED_FACTOR × k of the driver's stories reach."""
        # One round trip for all the driver's stems, which a word's spellings can make
        # five or more.
        each = " UNION ALL ".join(
            f"SELECT (SELECT impact FROM {TABLE} WHERE stem = %s ORDER BY impact DESC "
            f"LIMIT 1 OFFSET %s) AS floor"
            for _ in self.driver.stems
        )
        params = [value for stem in self.driver.stems for value in (stem, SEED_FACTOR * k - 1)]
        ((floor,),) = _fetch(f"SELECT max(floor) FROM ({each}) floors", params)
        return int(floor or 0)

    def top(
        self, k: int, holders: Callable[[], Sequence[int] | None] | None = None
    ) -> list[Scored]:
        """The k best matches, best first (ties: the newer story, then the higher id).

        ``holders``, when given, lists every match (or answers None when there are too
        many to list): each of them is then scored instead of a part of the postings
        that would read more rows.
        """
        cutoff = self.cutoff
        f_old = freshness(cutoff, self.now) if cutoff > -math.inf else 1.0
        found: dict[int, Scored] = {}

        def take(rows: list[Scored]) -> float:
            for row in rows:
                found[row.page_id] = row
            best = sorted(found.values(), key=_order)[:k]
            return best[-1].score if len(best) >= k else 0.0

        def threshold(floor: float) -> float:
            """The impact below which an older story cannot reach ``floor``."""
            if floor <= 0.0:
                return 0.0
            return (floor / f_old - self.others_most) / self.driver.weight

        floor = take(self._scored("d.published_ts >= %s", [cutoff], 0.0, k))
        scanned_from: float = math.inf
        if threshold(floor) < self.driver.strongest and self.driver.matching > SEED_FACTOR * k:
            seed = self._seed_floor(k)
            if seed > threshold(floor):
                floor = take(self._scored("d.impact >= %s", [seed], floor, k))
                scanned_from = seed
        theta = threshold(floor)
        if theta < scanned_from:
            # Rounding down keeps every story whose impact could reach the bound.
            bound = max(math.floor(theta), 0)
            if bound == 0 and (every := self._cheaper_to_score(holders)) is not None:
                return self.among(every, k)
            floor = take(self._scored("d.impact >= %s", [bound], floor, k))
        return sorted(found.values(), key=_order)[:k]

    def _cheaper_to_score(
        self, holders: Callable[[], Sequence[int] | None] | None
    ) -> Sequence[int] | None:
        """Every match, when scoring each of them looks up fewer postings than reading
        every story of the driver and looking up the other words in each.

        That read is what ranking is left with when the other words could lift any story
        (common words, whose strongest impact is high) and no bound prunes: 20,600
        stories at 100,000 for three common words that meet in 2,600 (90 against 22 ms
        on SQLite).
        """
        per_row = max(1, sum(len(word.stems) for word in self.others))
        looked_up = self.driver.matching * per_row  # its postings: one per stem and story
        # A read this small costs less than asking the full-text index for the list.
        if holders is None or looked_up < SMALL_READ:
            return None
        every = holders()
        if every is None or len(every) * (per_row + len(self.driver.stems)) >= looked_up:
            return None
        return every


def count_matches(
    words: Sequence[Word], filters: tuple[str, Sequence[Any]], constraint: Constraint | None,
    limit: int,
) -> int:
    """How many stories hold every one of ``words`` and pass the filters, up to ``limit``."""
    driver = min(words, key=lambda w: (w.matching, w.stems))
    if len(words) == 1 and not filters[0] and constraint is None:
        # Stories holding any of its stems are at least those holding its commonest.
        if driver.commonest >= limit:
            return limit
        if len(driver.stems) == 1:
            return driver.commonest
    among, stems = _among("d.stem", driver.stems)
    where = f"{among}{filters[0]}"
    params: list[Any] = [*stems, *filters[1]]
    for other in words:
        if other is not driver:
            # A semi-join: PostgreSQL matches the two lists of stories at once, where
            # probing each story by its stems (as ranking does) took 12 against 2 ms.
            among, stems = _among("p.stem", other.stems)
            where += (
                f" AND EXISTS (SELECT 1 FROM {TABLE} p WHERE p.page_id = d.page_id "
                f"AND {among})"
            )
            params += stems
    if constraint is not None:
        where += f" AND {constraint.sql}"
        params += constraint.params
    sql = (
        f"SELECT count(*) FROM (SELECT DISTINCT d.page_id FROM {TABLE} d WHERE {where} "
        f"LIMIT %s) counted"
    )
    return int(_fetch(sql, [*params, limit])[0][0])


def held_by_every_word(found: Statistics) -> int:
    """How few stories can hold every one of ``found``'s words, by their totals alone.

    Each word is missing from the stories that do not hold it, at most the archive less
    its commonest stem's stories; whatever no word is missing from holds them all. Only
    words that are each in most of the archive leave anything, and then counting costs
    nothing: the full-text index would have intersected their lists of tens of
    thousands of stories (17 ms on PostgreSQL at 100,000 stories).
    """
    archive = max([found.stories, *(word.commonest for word in found.words)])
    return max(0, archive - sum(archive - word.commonest for word in found.words))


def _order(row: Scored) -> tuple[float, float, int]:
    return (-row.score, -row.published, -row.page_id)
