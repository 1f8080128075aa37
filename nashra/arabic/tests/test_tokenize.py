"""Words, numbers and where they were written."""

from __future__ import annotations

import doctest
import importlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nashra.arabic.normalize import normalize
from nashra.arabic.stem import light_stem
from nashra.arabic.tokenize import Token, _walked_tokens, tokenize, tokenize_with_spans

from .strategies import ARABIC_LETTERS, PUNCTUATION, REMOVED, any_text, news_text

# --- what a token is ---------------------------------------------------------


def test_it_splits_on_arabic_punctuation() -> None:
    assert tokenize("غزة،بيروت؛دمشق؟عمّان") == ["غزه", "بيروت", "دمشق", "عمان"]


def test_it_splits_on_quotes_and_dashes() -> None:
    assert tokenize("«الأسد» “حزب” - قال — نعم–لا") == ["الاسد", "حزب", "قال", "نعم", "لا"]


def test_it_keeps_a_decimal_number_whole() -> None:
    assert tokenize("ارتفع 12.4 ثم 5.6") == ["ارتفع", "12.4", "ثم", "5.6"]
    assert tokenize("١٢٫٤") == ["12.4"]


def test_it_keeps_thousands_separators_as_written() -> None:
    assert tokenize("1,200 قتيل") == ["1,200", "قتيل"]


def test_a_percentage_is_its_number() -> None:
    assert tokenize("40% و٪٥٠ و٤٠٪") == ["40", "و", "50", "و", "40"]


def test_a_full_stop_after_a_number_is_not_a_decimal_point() -> None:
    assert tokenize("بلغ 12.4.") == ["بلغ", "12.4"]


def test_dates_and_times_split_at_their_separators() -> None:
    assert tokenize("2025-01-05 11:51") == ["2025", "01", "05", "11", "51"]


def test_eastern_digits_become_ascii_tokens() -> None:
    assert tokenize("عام ٢٠٢٥ و۱۴۰۴") == ["عام", "2025", "و", "1404"]


def test_a_digit_glued_to_an_arabic_word_starts_a_new_token() -> None:
    assert tokenize("٢٠٢٥م") == ["2025", "م"]
    assert tokenize("عام2025") == ["عام", "2025"]


def test_latin_words_keep_digits_after_a_letter() -> None:
    assert tokenize("G20 mp3 COVID-19 5G") == ["g20", "mp3", "covid", "19", "5", "g"]


def test_arabic_and_latin_glued_together_are_two_words() -> None:
    assert tokenize("مرحباhello") == ["مرحبا", "hello"]


def test_harakat_tatweel_and_invisible_marks_never_split_a_word() -> None:
    assert tokenize("الحـــكومةُ") == ["الحكومه"]
    assert tokenize("الحكو\u200cمة") == ["الحكومه"]
    assert tokenize("كَتَبَ") == ["كتب"]


def test_presentation_forms_are_read_as_letters() -> None:
    assert tokenize("ﻻﺟﺌﻴﻦ ﷲ") == ["لاجيين", "الله"]


def test_underscore_and_symbols_separate_words() -> None:
    assert tokenize("a_b #غزة @nashra") == ["a", "b", "غزه", "nashra"]


def test_nothing_but_punctuation_gives_no_tokens() -> None:
    assert tokenize("") == []
    assert tokenize("، ؛ ؟ « » ...") == []


# --- spans -------------------------------------------------------------------


def _written(text: str) -> list[tuple[str, str]]:
    return [(token.key, text[token.start : token.end]) for token in tokenize_with_spans(text)]


def test_each_span_is_the_word_as_written() -> None:
    text = "قال الأَسَدُ: «الحـــكومة»"
    assert _written(text) == [
        ("قال", "قال"),
        ("الاسد", "الأَسَدُ"),
        ("الحكومه", "الحـــكومة"),
    ]


def test_a_span_gives_offsets_in_the_original_text() -> None:
    assert tokenize_with_spans("في الأَسَدُ") == [Token("في", 0, 2), Token("الاسد", 3, 11)]


def test_a_span_includes_the_harakat_on_the_last_letter() -> None:
    assert _written("كَتَبَ.") == [("كتب", "كَتَبَ")]


def test_a_span_includes_invisible_marks_inside_the_word_but_not_around_it() -> None:
    text = "\u200fبي\u200cروت\u200e"
    assert _written(text) == [("بيروت", "بي\u200cروت")]


def test_a_percentage_span_leaves_out_the_sign() -> None:
    assert _written("٤٠٪") == [("40", "٤٠")]


def test_a_ligature_span_covers_the_ligature() -> None:
    assert _written("ﻻﺟﺌﻴﻦ") == [("لاجيين", "ﻻﺟﺌﻴﻦ")]


def test_words_from_one_character_share_its_span() -> None:
    assert _written("ﷺ") == [
        ("صلي", "ﷺ"),
        ("الله", "ﷺ"),
        ("عليه", "ﷺ"),
        ("وسلم", "ﷺ"),
    ]


def test_a_query_without_hamza_highlights_the_word_with_hamza_and_harakat() -> None:
    text = "التقى الرئيسُ الأَسَدُ وفدًا، وقال للأسدِ مستشاروه..."
    query = normalize("الاسد")
    assert [text[t.start : t.end] for t in tokenize_with_spans(text) if t.key == query] == ["الأَسَدُ"]
    # By stem, the clitic form is highlighted too.
    stem = light_stem(query)
    assert [
        text[t.start : t.end] for t in tokenize_with_spans(text) if light_stem(t.key) == stem
    ] == [
        "الأَسَدُ",
        "للأسدِ",
    ]


# --- properties --------------------------------------------------------------


@given(any_text)
def test_spans_carry_exactly_the_tokens(text: str) -> None:
    assert [token.key for token in tokenize_with_spans(text)] == tokenize(text)


# The letters and separators that plain copy is made of, with the characters just outside
# the plain letters' ranges (ؠ, tatweel, ػ, ؿ, a fatha, ک, an Eastern digit, é) now and then.
NEAR_PLAIN = "\u0620\u0640\u063b\u063f\u064b\u06a9٣é"
plain_copy = st.text(
    alphabet=st.sampled_from(ARABIC_LETTERS + PUNCTUATION + "[];?Ab7" + NEAR_PLAIN)
)


# Numbers, Latin words and Arabic words glued together, where the token kinds meet.
glued_tokens = st.text(alphabet="7٣.,Ab اب«-")


@given(st.one_of(plain_copy, glued_tokens, news_text, st.text()))
@example("ارتفع 1,200.5 إلى 12.4. في عام2025م وG20 و5g وcovid-19")
def test_plain_copy_gets_the_tokens_the_cluster_walk_gives(text: str) -> None:
    assert tokenize_with_spans(text) == _walked_tokens(text)


@given(any_text)
def test_tokenizing_the_tokens_again_gives_the_same_tokens(text: str) -> None:
    tokens = tokenize(text)
    assert tokenize(" ".join(tokens)) == tokens


@given(any_text)
def test_tokens_are_normalised_single_words(text: str) -> None:
    for token in tokenize(text):
        assert token
        assert normalize(token) == token
        assert not any(char.isspace() for char in token)
        assert not set(token) & set(REMOVED)


@given(any_text)
def test_spans_point_into_the_text_in_order(text: str) -> None:
    tokens = tokenize_with_spans(text)
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert token.key in tokenize(text[token.start : token.end])
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


@given(news_text)
def test_in_news_text_each_span_is_exactly_its_word(text: str) -> None:
    tokens = tokenize_with_spans(text)
    for token in tokens:
        assert tokenize(text[token.start : token.end]) == [token.key]
    for before, after in zip(tokens, tokens[1:], strict=False):
        assert before.end <= after.start


# --- documentation -----------------------------------------------------------


def test_the_docstring_examples_hold() -> None:
    result = doctest.testmod(importlib.import_module("nashra.arabic.tokenize"))
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", ["normalize", "tokenize"])
def test_the_module_and_the_function_share_a_name_without_harm(name: str) -> None:
    # nashra.arabic.tokenize is the function once the package has imported it;
    # the module stays reachable through importlib, as these tests do.
    import nashra.arabic

    assert callable(getattr(nashra.arabic, name))
    assert importlib.import_module(f"nashra.arabic.{name}").__name__ == f"nashra.arabic.{name}"
