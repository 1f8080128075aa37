"""Parsing a reader's query: words, phrases, exclusions, and anything else at all."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from nashra.arabic.stopwords import STOP_WORDS
from nashra.search import query as query_module
from nashra.search.query import MAX_TERMS, parse


def test_the_doctests_pass() -> None:
    assert doctest.testmod(query_module).failed == 0


def test_a_word_with_a_proclitic_also_asks_for_the_bare_word() -> None:
    assert parse("بحلب").terms[0].stems == ("بحلب", "حلب")
    assert parse("الحلب").terms[0].stems == ("حلب",)  # an article is the stemmer's job


def test_quotes_of_either_kind_make_a_phrase() -> None:
    for text in ['"وزير المالية"', "«وزير المالية»", "“وزير المالية”"]:
        assert [[t.exact for t in p] for p in parse(text).phrases] == [["وزير", "الماليه"]]


def test_a_minus_inside_a_word_only_separates() -> None:
    parsed = parse("covid-19")
    assert [t.exact for t in parsed.terms] == ["covid", "19"]
    assert parsed.excluded == ()


def test_a_phrase_longer_than_the_budget_keeps_its_opening_words() -> None:
    words = "واحد اثنان ثلاثة اربعة خمسة ستة سبعة ثمانية تسعة عشرة احدعشر اثناعشر".split()
    parsed = parse("بيروت «" + " ".join(words) + "» «دمشق حلب»")

    assert len(parsed.all_terms()) == MAX_TERMS
    assert [t.exact for t in parsed.phrases[0]] == [parse(w).terms[0].exact for w in words][
        :MAX_TERMS
    ]
    assert parsed.terms == () and len(parsed.phrases) == 1


@given(st.text(max_size=6000))
def test_any_text_parses_into_bounded_stop_word_free_terms(text: str) -> None:
    parsed = parse(text)
    terms = parsed.all_terms()
    assert len(terms) <= MAX_TERMS
    assert all(term.exact and term.exact not in STOP_WORDS for term in terms)
    assert all(key.strip() == key and '"' not in key for key in parsed.stem_keys())


@given(st.text(alphabet="؟!.,:;«»()[]{}*^\"'-+ ", max_size=50))
def test_punctuation_alone_is_an_empty_query(text: str) -> None:
    assert parse(text).is_empty
