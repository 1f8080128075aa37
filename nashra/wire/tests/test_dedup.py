from __future__ import annotations

import pytest

from nashra.wire import dedup
from nashra.wire.tests.samples import LIBRARY, OLIVES, RAIN, RAIN_REWRITE


def text(story: dict[str, object]) -> str:
    return str(story["title"]) + " " + " ".join(story["paragraphs"])  # type: ignore[arg-type]


def test_canonical_addresses_drop_tracking_fragments_and_host_case() -> None:
    assert dedup.canonical_url("HTTP://Paper.Example:80/news/1/?utm_source=fb&b=2&a=1#top") == (
        "http://paper.example/news/1?a=1&b=2"
    )
    assert dedup.canonical_url("https://paper.example:8443/x") == "https://paper.example:8443/x"


def test_the_content_hash_ignores_spelling_variants_and_marks() -> None:
    assert dedup.content_hash("أعلنت الحكومةُ ٣ قرارات") == dedup.content_hash(
        "اعلنت  الحكومه 3 قرارات"
    )
    assert dedup.content_hash("أعلنت الحكومة") != dedup.content_hash("أعلنت البلدية")


def test_a_rewritten_story_is_found_and_a_different_one_is_not() -> None:
    index = dedup.NearIndex(threshold=0.4)
    index.add(1, dedup.signature(text(RAIN)), article_id=10)
    index.add(2, dedup.signature(text(LIBRARY)), article_id=20)
    assert index.match(dedup.signature(text(RAIN_REWRITE))) == 10
    assert index.match(dedup.signature(text(OLIVES))) is None


def test_signatures_survive_the_database_round_trip() -> None:
    signature = dedup.signature(text(RAIN))
    again = dedup.from_bytes(memoryview(dedup.to_bytes(signature)))
    assert again.jaccard(signature) == pytest.approx(1.0)
