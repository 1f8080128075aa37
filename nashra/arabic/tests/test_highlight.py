"""Highlighting finds, in the text as written, the words a search matched."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nashra.arabic import highlight
from nashra.arabic.highlight import SHORT_TEXT, matched_spans, snippet_window
from nashra.arabic.normalize import normalize
from nashra.arabic.stem import light_stem
from nashra.arabic.tokenize import tokenize, tokenize_with_spans

from .strategies import (
    ARABIC_LETTERS,
    HARAKAT,
    LATIN,
    TATWEEL,
    any_text,
    news_text,
    normalised_words,
)


def test_the_doctests_pass() -> None:
    assert doctest.testmod(highlight).failed == 0


def test_a_query_without_hamza_marks_the_word_with_hamza_and_harakat() -> None:
    text = "قال إنّ الأَسَدَ عاد، وإن للأسد حارساً"
    spans = matched_spans(text, exact={"الاسد"}, stems={"اسد"})
    assert [text[s:e] for s, e in spans] == ["الأَسَدَ", "للأسد"]


def test_an_exact_key_alone_does_not_mark_other_forms() -> None:
    text = "الحكومة والحكومات"
    assert [text[s:e] for s, e in matched_spans(text, exact={"الحكومه"})] == ["الحكومة"]


@given(news_text)
def test_every_marked_span_is_a_word_with_a_wanted_key(text: str) -> None:
    keys = set(tokenize(text)[:2])
    for start, end in matched_spans(text, exact=keys):
        assert set(tokenize(text[start:end])) & keys


@given(st.one_of(news_text, any_text))
@pytest.mark.parametrize("length", ["short", "long"])
def test_marking_word_by_word_marks_what_the_whole_text_tokenized_at_once_would(
    length: str, text: str
) -> None:
    if length == "long":  # past SHORT_TEXT, read run by run rather than remembered whole
        text = (text + " ") * (SHORT_TEXT // (len(text) + 1) + 1)
    tokens = tokenize_with_spans(text)
    keys = {token.key for token in tokens[::2]}
    stems = {light_stem(token.key) for token in tokens[1::3]}
    expected: list[tuple[int, int]] = []
    for token in tokens:
        if token.key in keys or light_stem(token.key) in stems:
            if not expected or token.start >= expected[-1][1]:
                expected.append((token.start, token.end))

    assert matched_spans(text, keys, stems) == expected


@given(news_text)
def test_marking_by_stem_finds_every_word_marked_by_its_exact_key(text: str) -> None:
    words = tokenize(text)
    stems = {light_stem(word) for word in words}
    assert len(matched_spans(text, stems=stems)) >= len(matched_spans(text, exact=set(words)))


@given(any_text, st.integers(min_value=10, max_value=300))
def test_the_snippet_window_is_inside_the_text(text: str, width: int) -> None:
    spans = matched_spans(text, exact=set(tokenize(text)[:1]))
    start, end = snippet_window(text, spans, width)
    assert 0 <= start <= end <= len(text)


@given(normalised_words, st.text(alphabet=LATIN, min_size=1, max_size=10))
def test_mixed_arabic_and_latin_text_keeps_each_word_apart(arabic: str, latin: str) -> None:
    # Stable on mixed text: neither script changes the other's words.
    mixed = f"{arabic} {latin} {arabic}"
    assert tokenize(mixed) == [*tokenize(arabic), *tokenize(latin), *tokenize(arabic)]
    assert normalize(mixed) == f"{normalize(arabic)} {normalize(latin)} {normalize(arabic)}"
    assert [light_stem(word) for word in tokenize(latin)] == tokenize(latin)


@given(st.one_of(news_text, any_text), st.integers(min_value=0, max_value=300))
def test_marking_within_reach_of_the_first_match_keeps_every_match_there(
    text: str, reach: int
) -> None:
    tokens = tokenize_with_spans(text)
    keys = {token.key for token in tokens[::3]}
    everywhere = matched_spans(text, keys)
    near = matched_spans(text, keys, reach=reach)

    assert near == everywhere[: len(near)]
    if everywhere:
        assert all(span in near for span in everywhere if span[0] <= everywhere[0][0] + reach)
        # A word that starts within reach is marked whole, however long the word.
        longest = max(len(word) for word in text.split())
        assert all(start <= everywhere[0][0] + reach + longest for start, _ in near)


def test_a_match_far_beyond_the_first_is_not_looked_for() -> None:
    text = "الجسر " + "وقال المتحدث إن العمل مستمر. " * 40 + "الجسر"

    assert matched_spans(text, stems={"جسر"}, reach=200) == [(0, 5)]
    assert matched_spans(text, stems={"جسر"})[-1] == (len(text) - 5, len(text))


# Words whose stem is not a piece of the word as written (a kept ة written ت before an
# ending), with clitics, suffixes, harakat, tatweel and Eastern digits, beside drawn
# words, Latin words, numbers and characters that do not fold alone.
_COPY_WORDS = (
    "مدرستها", "المدرسة", "مدرستين", "جامعات", "الجامعية", "وبالحكومة", "الحكومات",
    "بدمشق", "والجسور", "جسر", "للأسد", "وزراء", "الوزير", "أعلنت", "إنّ", "G20", "12.4",
    "مدرستِها", "الأَسَدَ", "الحـــديقة", "٢٠٢٥", "عام٢٠٢٥م", "١٢٫٥",
)
_body_words = st.one_of(
    st.sampled_from(_COPY_WORDS),
    st.text(
        alphabet=st.sampled_from(ARABIC_LETTERS + HARAKAT + TATWEEL + "٠١٢٣"),
        min_size=1, max_size=9,
    ),
    st.sampled_from(["Beirut", "covid19", "2025", "1,200", "\u064e", "ﻻ", "ک", "\u200c"]),
)
_body = st.lists(
    st.tuples(_body_words, st.sampled_from([" ", "، ", ". ", "\n", " «", "» ", ": "])),
    min_size=60, max_size=160,
).map(lambda pairs: "".join(word + gap for word, gap in pairs).ljust(SHORT_TEXT + 1))


def _every_match(text: str, exact: set[str], stems: set[str], reach: int | None) -> list:
    """The spans matched_spans gives, found by reading every word of the text."""
    spans: list[tuple[int, int]] = []
    for token in tokenize_with_spans(text):
        if reach is not None and spans and token.start > spans[0][0] + reach:
            break
        if token.key in exact or light_stem(token.key) in stems:
            if not (spans and token.start < spans[-1][1]):
                spans.append((token.start, token.end))
    return spans


@given(
    _body,
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=3),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=3),
    st.lists(st.one_of(st.sampled_from(_COPY_WORDS), normalised_words), max_size=3),
    st.lists(st.one_of(st.sampled_from(_COPY_WORDS), normalised_words), max_size=3),
    st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
)
@example("وقالت إن مدرستها أغلقت. " * 20 + "المدرسة", [], [], [], ["مدرستها"], None)
def test_a_long_text_is_marked_as_reading_every_word_marks_it(
    text: str,
    exact_at: list[int],
    stem_at: list[int],
    exact_words: list[str],
    stem_words: list[str],
    reach: int | None,
) -> None:
    tokens = tokenize_with_spans(text)
    exact = {tokens[n % len(tokens)].key for n in exact_at} | set(map(normalize, exact_words))
    stems = {light_stem(tokens[n % len(tokens)].key) for n in stem_at} | {
        light_stem(normalize(word)) for word in stem_words
    }

    assert len(text) > SHORT_TEXT
    assert matched_spans(text, exact, stems, reach) == _every_match(text, exact, stems, reach)
