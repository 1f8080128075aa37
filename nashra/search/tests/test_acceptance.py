"""The acceptance set: what readers type finds what the copy says, on SQLite and PostgreSQL.

Each case is one query and one story; the same cases are run through a plain
`icontains` search for comparison, and both figures are printed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Q

from nashra.search.backends import Filters
from nashra.search.models import SearchEntry
from nashra.search.query import parse
from nashra.search.results import SearchResults

from .corpus import FOUND, NOT_FOUND

pytestmark = pytest.mark.django_db


def found_slugs(text: str) -> set[str]:
    results = SearchResults(parse(text), Filters())
    return {result.article.slug for result in results[0:100]}


def icontains_slugs(text: str) -> set[str]:
    """What a plain substring search finds: every word, anywhere in headline, standfirst or body."""
    words = [word.strip('"«»') for word in text.split()]
    condition = Q()
    for word in words:
        if word.startswith("-") and len(word) > 1:
            condition &= ~(
                Q(page__title__icontains=word[1:])
                | Q(page__standfirst__icontains=word[1:])
                | Q(text__icontains=word[1:])
            )
        elif word:
            condition &= (
                Q(page__title__icontains=word)
                | Q(page__standfirst__icontains=word)
                | Q(text__icontains=word)
            )
    return set(SearchEntry.objects.filter(condition).values_list("page__slug", flat=True))


def test_the_acceptance_set_has_at_least_60_cases() -> None:
    assert len(FOUND) + len(NOT_FOUND) >= 60
    assert len(NOT_FOUND) >= 10


@pytest.mark.parametrize(("query", "slug"), FOUND)
def test_a_reader_finds_the_story_whatever_the_spelling(
    newsroom: dict[str, Any], query: str, slug: str
) -> None:
    assert slug in found_slugs(query)


@pytest.mark.parametrize(("query", "slug"), NOT_FOUND)
def test_a_query_does_not_find_a_story_that_does_not_say_it(
    newsroom: dict[str, Any], query: str, slug: str
) -> None:
    assert slug not in found_slugs(query)


def recall_and_precision(search: Any) -> tuple[float, float]:
    """Recall over FOUND; precision over every judged case (a NOT_FOUND hit is a false one)."""
    true_hits = sum(1 for query, slug in FOUND if slug in search(query))
    false_hits = sum(1 for query, slug in NOT_FOUND if slug in search(query))
    recall = true_hits / len(FOUND)
    precision = true_hits / (true_hits + false_hits) if true_hits + false_hits else 0.0
    return recall, precision


def test_the_arabic_search_beats_a_plain_icontains_search(newsroom: dict[str, Any]) -> None:
    ours = recall_and_precision(found_slugs)
    plain = recall_and_precision(icontains_slugs)
    print(
        f"\n[{connection.vendor}] {len(FOUND)} positive, {len(NOT_FOUND)} negative cases\n"
        f"  nashra search: recall {ours[0]:.3f}, precision {ours[1]:.3f}\n"
        f"  icontains:     recall {plain[0]:.3f}, precision {plain[1]:.3f}"
    )
    assert ours[0] > plain[0]
    assert ours[1] >= plain[1]
    assert ours == (1.0, 1.0)
