"""How much a story is about a word: BM25F, with freshness, in plain Python.

A story's score for a query is

    score = (Σ over the query's words of idf(word) × impact(word, story)) × freshness(story)

* ``impact`` is BM25F's saturated term weight (Robertson and Zaragoza, 2009): the
  word's occurrences in each field, weighted by the field and normalised by the
  field's length, summed, then saturated, x / (K1 + x). It is kept as an integer of
  IMPACT_SCALE. A query word that has several stems (its spellings, its broken
  plural, a clitic read off it) has the impact of its best stem in that story.
* Length is normalised against a fixed typical length per field (PIVOTS), not the
  archive's running average, so a story's impacts depend on that story alone: they
  are computed once, when it is indexed, and never change as the archive grows. That
  is what lets the index keep each word's stories sorted by impact, and what lets a
  search rank every match without reading every match (:mod:`nashra.search.ranking`).
* Two stems side by side in a field are also a key (:func:`pair_key`), with an impact
  computed the same way: a quoted phrase is looked up and ranked by its pairs like
  words, instead of reading every story that holds its words to find the ones that
  hold them in order.
* ``idf`` is BM25's, from the number of stories that hold each of the word's stems,
  summed (a story that holds two of them counts twice), and at most the archive's.
* ``freshness`` is 2 for a story published now, 1.5 one FRESH_SECONDS old, and falls
  towards 1: a month-old story keeps about a tenth more than an old one. It never
  exceeds FRESHEST, which bounds what any unread story can score.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from nashra.search.query import Term

# Field by field, the most telling first: (weight, typical length in keys).
FIELD_WEIGHTS: Final = {
    "headline": (6.0, 10.0),
    "standfirst": (3.0, 30.0),
    "tags": (3.0, 6.0),
    "body": (1.0, 300.0),
    "sources": (0.5, 4.0),
}
K1: Final = 1.2
B: Final = 0.75
IMPACT_SCALE: Final = 10_000
FRESH_SECONDS: Final = 3 * 24 * 3600.0
FRESHEST: Final = 2.0


def pair_key(first: str, second: str) -> str:
    """The key of two stems side by side; no stem holds a space, so no stem is spelt so.

    >>> pair_key("وزير", "خارج")
    'وزير خارج'
    """
    return f"{first} {second}"


def phrase_pairs(phrases: Iterable[Sequence[Term]]) -> list[str]:
    """The keys of each phrase's words side by side, by each word's own stem (its first),
    as the full-text index matches a phrase; no evidence changes them."""
    return [
        pair_key(first.stems[0], second.stems[0])
        for phrase in phrases
        for first, second in zip(phrase, phrase[1:], strict=False)
    ]


def impacts(stems_by_field: Mapping[str, str]) -> dict[str, int]:
    """Each stem and pair of one story with its impact, from its fields' stems.

    A field's length, which normalises its counts, is its number of stems: the pairs
    leave the stems' impacts as they would be without them.

    >>> found = impacts({"headline": "حكوم اسعار", "body": "حكوم حكوم نفط"})
    >>> found["اسعار"], found["حكوم"], found["نفط"], found["حكوم اسعار"], found["حكوم نفط"]
    (9259, 9499, 7639, 9259, 7639)
    """
    weighted: dict[str, float] = {}
    for field, text in stems_by_field.items():
        weight, pivot = FIELD_WEIGHTS[field]
        stems = text.split()
        if not stems:
            continue
        norm = weight / (1.0 - B + B * len(stems) / pivot)
        keys = Counter(stems)
        keys.update(map(pair_key, stems, stems[1:]))
        for key, count in keys.items():
            weighted[key] = weighted.get(key, 0.0) + count * norm
    # Every stem a story holds has an impact of at least 1, so 0 means "absent".
    return {
        stem: max(1, round(IMPACT_SCALE * x / (K1 + x))) for stem, x in weighted.items()
    }


def idf(matching: int, stories: int) -> float:
    """BM25's inverse document frequency: always positive, smaller for commoner words.

    >>> round(idf(10, 100_000), 2), round(idf(60_000, 100_000), 2)
    (9.16, 0.51)
    """
    return math.log(1.0 + (stories - matching + 0.5) / (matching + 0.5))


def freshness(published_ts: float, now: float) -> float:
    """The factor a story's relevance is multiplied by for being recent.

    >>> freshness(1000.0, 1000.0), freshness(0.0, FRESH_SECONDS), freshness(5.0, 0.0)
    (2.0, 1.5, 2.0)
    """
    return 1.0 + 1.0 / (1.0 + max(now - published_ts, 0.0) / FRESH_SECONDS)
