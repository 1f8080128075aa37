"""The broken-plural table and the lexicon of words whose first letter is their own."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nashra.arabic.broken_plurals import PAIRS
from nashra.arabic.normalize import normalize
from nashra.arabic.own_letter_words import WORDS
from nashra.arabic.plurals import plural_family
from nashra.arabic.stem import light_stem, stem_with_prefix
from nashra.arabic.stopwords import STOP_WORDS
from nashra.arabic.tokenize import tokenize
from nashra.arabic.variants import CLITICS, possible_stems, search_stems, vocabulary_of


def finds(query: str, written: str) -> bool:
    """Whether a query for ``query`` matches a story where ``written`` is written.

    The archive holds both words, bare: nothing in it says whose first letter is whose.
    """
    (query_key,), (written_key,) = tokenize(query), tokenize(written)
    archive = vocabulary_of([query_key, written_key])
    return light_stem(written_key) in search_stems(query_key, archive)


def test_the_table_holds_at_least_300_broken_plurals() -> None:
    assert len(PAIRS) >= 300


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("دولة", "الدول"),
        ("مدينة", "مدن"),
        ("وزير", "الوزراء"),
        ("جسر", "الجسور"),
        ("سعر", "أسعار"),
        ("قائد", "القادة"),
        ("طفل", "أطفال"),
        ("شارع", "الشوارع"),
        ("مصدر", "مصادر"),
    ],
)
def test_either_form_finds_the_other(singular: str, plural: str) -> None:
    assert finds(singular, plural)
    assert finds(plural, singular)


@pytest.mark.parametrize(("singular", "plural"), PAIRS)
def test_every_pair_of_the_table_is_found_both_ways(singular: str, plural: str) -> None:
    assert finds(singular, plural)
    assert finds(plural, singular)


def test_no_plural_is_listed_twice_or_as_another_singular() -> None:
    plurals = Counter(normalize(plural) for _, plural in PAIRS)
    singulars = {normalize(singular) for singular, _ in PAIRS}
    assert [plural for plural, count in plurals.items() if count > 1] == []
    assert singulars & set(plurals) == set()


def test_the_table_lists_only_what_the_stemmer_cannot_join() -> None:
    joined = [
        (singular, plural)
        for singular, plural in PAIRS
        if light_stem(normalize(singular)) == light_stem(normalize(plural))
    ]
    assert joined == []


@pytest.mark.parametrize("plural", ["أحداث", "أحياء", "أنفاق", "آثار"])
def test_no_plural_is_spelt_like_a_word_of_another_sense(plural: str) -> None:
    # Normalised, each is also a verbal noun or a verb: إحداث, إحياء, إنفاق, أثار.
    assert normalize(plural) not in {normalize(written) for _, written in PAIRS}


@pytest.mark.parametrize("word", sorted(WORDS))
def test_each_lexicon_word_is_one_bare_word(word: str) -> None:
    (key,) = tokenize(word)
    assert stem_with_prefix(key)[0] == ""  # no article
    assert key not in STOP_WORDS
    assert key[0] in "وفبكل"


@pytest.mark.parametrize(
    ("query", "written"),
    [("طاقة", "بطاقة"), ("مال", "كمال"), ("أفق", "وافق"), ("رأس", "فراس"), ("جنة", "لجنة")],
)
def test_a_lexicon_word_is_never_read_as_a_clitic(query: str, written: str) -> None:
    assert not finds(query, written)
    assert not finds(written, query)


_WORDS = sorted({normalize(word) for pair in PAIRS for word in pair} | set(map(normalize, WORDS)))


@st.composite
def word_and_archive(draw: st.DrawFn) -> tuple[str, dict[str, bool]]:
    """A query word, maybe with a clitic, and an archive holding some of its stems."""
    word = draw(st.sampled_from(_WORDS))
    clitic = draw(st.sampled_from(("", "", *CLITICS)))
    query = clitic + word
    # Built apart from possible_stems: the word and its plurals, bare and with each clitic.
    forms = [word, *plural_family(word)]
    related = sorted({light_stem(prefix + form) for form in forms for prefix in ("", *CLITICS)}
                     | {prefix + light_stem(form) for form in forms for prefix in CLITICS})
    held = draw(st.lists(st.sampled_from(related), unique=True))
    return query, {stem: draw(st.booleans()) for stem in held}


@given(word_and_archive())
def test_what_a_word_asks_for_is_among_its_possible_stems(
    case: tuple[str, dict[str, bool]],
) -> None:
    """A search reads each word's stem totals for all its possible stems before the
    vocabulary chooses: none it chooses may be missing from them."""
    query, archive = case
    assert set(search_stems(query, archive)) <= possible_stems(query)
