"""The matching form of Arabic text: what a reader does not see or does not type."""

from __future__ import annotations

import doctest
import importlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nashra.arabic.normalize import fold_repeats, normalize

from .strategies import REMOVED, any_text

# --- what is removed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "matching"),
    [
        ("كَتَبَ", "كتب"),
        ("مُحَمَّدٌ", "محمد"),
        ("قرارًا", "قرارا"),
        ("إنّ", "ان"),
        ("هٰذا", "هذا"),  # superscript (dagger) alef
        ("الرَّحْمَٰنِ", "الرحمن"),
        ("عَلَيْهِۖ", "عليه"),  # a Quranic pause mark
        ("صلى الله عليه وسلمؐ", "صلي الله عليه وسلم"),  # an honorific sign
    ],
)
def test_it_removes_harakat_and_quranic_marks(written: str, matching: str) -> None:
    assert normalize(written) == matching


def test_it_removes_tatweel() -> None:
    assert normalize("الحـــكومة") == "الحكومه"
    assert normalize("كـَـتب") == "كتب"


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # zero-width space
        "\u200c",  # zero-width non-joiner
        "\u200d",  # zero-width joiner
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u202b",  # right-to-left embedding
        "\u202c",  # pop directional formatting
        "\u2067",  # right-to-left isolate
        "\u2069",  # pop directional isolate
        "\ufeff",  # byte order mark
        "\u061c",  # Arabic letter mark
        "\u00ad",  # soft hyphen
    ],
)
def test_it_removes_invisible_characters_even_inside_a_word(invisible: str) -> None:
    assert normalize(f"{invisible}بيرو{invisible}ت{invisible}") == "بيروت"


# --- letters a reader types differently --------------------------------------


@pytest.mark.parametrize(
    ("written", "matching"),
    [
        ("أردوغان", "اردوغان"),
        ("إبراهيم", "ابراهيم"),
        ("آذار", "اذار"),
        ("ٱلله", "الله"),
        ("الحكومة", "الحكومه"),
        ("مستشفى", "مستشفي"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
    ],
)
def test_it_folds_the_letters_readers_type_differently(written: str, matching: str) -> None:
    assert normalize(written) == matching


def test_taa_marbuta_and_haa_give_the_same_form() -> None:
    assert normalize("الحكومة") == normalize("الحكومه")


def test_alef_maqsura_and_yaa_give_the_same_form() -> None:
    assert normalize("مستشفى") == normalize("مستشفي")


def test_it_keeps_the_standalone_hamza() -> None:
    # Dropping it would make water (ماء) the stop word ما.
    assert normalize("ماء") == "ماء"
    assert normalize("ماء") != normalize("ما")
    assert normalize("جزء") == "جزء"


@pytest.mark.parametrize(
    ("written", "matching"),
    [
        ("کتاب", "كتاب"),  # Persian keheh
        ("ایران", "ايران"),  # Persian yeh, twice the same letter on screen
        ("ہذا", "هذا"),  # Urdu heh goal
        ("ھذا", "هذا"),  # heh doachashmee
    ],
)
def test_it_writes_persian_and_urdu_letters_as_their_arabic_twins(
    written: str, matching: str
) -> None:
    assert normalize(written) == matching


# --- digits and numbers ------------------------------------------------------


def test_it_writes_eastern_and_persian_digits_in_ascii() -> None:
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize("عام ٢٠٢٥") == "عام 2025"


def test_it_writes_arabic_number_punctuation_in_ascii() -> None:
    assert normalize("١٢٫٤٪") == "12.4%"
    assert normalize("١٬٢٠٠") == "1,200"


def test_it_writes_full_width_digits_and_letters_in_ascii() -> None:
    assert normalize("ＢＢＣ ２٠２５") == "bbc 2025"


# --- presentation forms ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "matching"),
    [
        ("ﻻ", "لا"),
        ("ﻷ", "لا"),
        ("ﷲ", "الله"),
        ("ﺍﻟﺴﻼﻡ", "السلام"),
        ("ﺍﻟﺤﻜﻮﻣﺔ", "الحكومه"),
        ("ﻻﺟﺌﻴﻦ", "لاجيين"),
    ],
)
def test_it_reads_presentation_forms_as_letters(written: str, matching: str) -> None:
    assert normalize(written) == matching


def test_a_harakat_presentation_form_does_not_split_the_word() -> None:
    # NFKC alone would turn U+FE70 into a space followed by a fathatan.
    assert normalize("كتابﹰا") == "كتابا"


# --- Latin and whitespace ----------------------------------------------------


def test_it_casefolds_latin() -> None:
    assert normalize("Beirut BBC Straße") == "beirut bbc strasse"


def test_it_collapses_whitespace_and_trims_the_ends() -> None:
    assert normalize("  غزة\n\tو\u00a0 بيروت  ") == "غزه و بيروت"


def test_it_passes_empty_text_through() -> None:
    assert normalize("") == ""
    assert normalize(" \u200f\u0640 ") == ""


# --- properties --------------------------------------------------------------


@given(any_text)
def test_normalising_twice_is_normalising_once(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(any_text)
def test_the_result_has_no_harakat_tatweel_or_invisible_characters(text: str) -> None:
    assert not set(normalize(text)) & set(REMOVED)


@given(any_text)
def test_the_result_has_no_hamza_carriers_taa_marbuta_or_eastern_digits(text: str) -> None:
    assert not set(normalize(text)) & set("أإآٱؤئةى٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


@given(any_text)
def test_whitespace_is_single_spaces_between_words(text: str) -> None:
    result = normalize(text)
    assert result == result.strip()
    assert not re.search(r"\s\s|[^\S ]", result)


@given(any_text, any_text)
def test_normalising_word_by_word_is_normalising_the_whole(left: str, right: str) -> None:
    # The search backend normalises a query's words one at a time.
    whole = normalize(f"{left} {right}")
    assert whole == normalize(f"{normalize(left)} {normalize(right)}")


# --- fold_repeats ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("مبرووووك", "مبروك"),
        ("مبروووك يا بطلللل", "مبروك يا بطل"),
        ("ههههههه", "ه"),
        ("لااااا", "لا"),
        ("sooooo", "so"),
    ],
)
def test_fold_repeats_squeezes_a_letter_written_three_times_or_more(
    written: str, folded: str
) -> None:
    assert fold_repeats(written) == folded


def test_fold_repeats_keeps_a_double_letter() -> None:
    assert fold_repeats("الله") == "الله"
    assert fold_repeats("ممتاز") == "ممتاز"


def test_fold_repeats_never_touches_digits() -> None:
    assert fold_repeats("1000 و 2000000") == "1000 و 2000000"


def test_fold_repeats_is_not_part_of_normalize() -> None:
    # A credit rating of AAA is not an A.
    assert normalize("AAA") == "aaa"
    assert fold_repeats(normalize("AAA")) == "a"


@given(st.text())
def test_fold_repeats_leaves_no_letter_three_times_in_a_row(text: str) -> None:
    folded = fold_repeats(text)
    assert not re.search(r"([^\W\d_])\1\1", folded)
    assert fold_repeats(folded) == folded


# --- documentation -----------------------------------------------------------


def test_the_docstring_examples_hold() -> None:
    result = doctest.testmod(importlib.import_module("nashra.arabic.normalize"))
    assert result.attempted > 0
    assert result.failed == 0
