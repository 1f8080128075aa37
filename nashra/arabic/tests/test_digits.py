"""Digit conversion between ASCII, Eastern Arabic and Persian/Urdu digits."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nashra.arabic import digits
from nashra.arabic.digits import DigitStyle, apply_digit_style, to_eastern, to_western

# Written out by code point so the expectations do not depend on how an
# editor renders (or silently normalises) right-to-left digits.
WESTERN = "0123456789"
EASTERN = "".join(chr(cp) for cp in range(0x0660, 0x066A))  # ٠..٩
PERSIAN = "".join(chr(cp) for cp in range(0x06F0, 0x06FA))  # ۰..۹
ALL_DIGITS = WESTERN + EASTERN + PERSIAN

digit_heavy_text = st.text(alphabet=st.one_of(st.sampled_from(ALL_DIGITS), st.characters()))


def test_it_converts_western_digits_to_eastern() -> None:
    assert to_eastern("0123456789") == "٠١٢٣٤٥٦٧٨٩"
    assert to_eastern(WESTERN) == EASTERN


def test_it_converts_eastern_digits_to_western() -> None:
    assert to_western("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_it_converts_persian_digits_to_western() -> None:
    assert to_western("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_it_writes_persian_digits_as_arabic_eastern_digits() -> None:
    # Persian ۴۵۶ look different from Arabic ٤٥٦; Arabic copy should not mix them.
    assert to_eastern(PERSIAN) == EASTERN


def test_it_leaves_letters_and_punctuation_alone() -> None:
    assert to_eastern("العدد 3.5، والنسبة 40%") == "العدد ٣.٥، والنسبة ٤٠%"
    assert to_western("الساعة ١١:٥١ م") == "الساعة 11:51 م"


def test_it_leaves_digits_of_other_scripts_alone() -> None:
    devanagari_and_fullwidth = "१२३ １２３"
    assert to_eastern(devanagari_and_fullwidth) == devanagari_and_fullwidth
    assert to_western(devanagari_and_fullwidth) == devanagari_and_fullwidth


def test_it_passes_empty_text_through() -> None:
    assert to_eastern("") == ""
    assert to_western("") == ""


def test_digit_styles_are_named_by_plain_strings() -> None:
    assert [str(style) for style in DigitStyle] == ["western", "eastern"]
    assert DigitStyle("eastern") is DigitStyle.EASTERN


@pytest.mark.parametrize("style", [DigitStyle.EASTERN, "eastern"])
def test_eastern_style_writes_every_digit_eastern(style: DigitStyle | str) -> None:
    assert apply_digit_style("5 ٦ ۷", style) == "٥ ٦ ٧"


@pytest.mark.parametrize("style", [DigitStyle.WESTERN, "western"])
def test_western_style_writes_every_digit_western(style: DigitStyle | str) -> None:
    assert apply_digit_style("5 ٦ ۷", style) == "5 6 7"


def test_an_unknown_digit_style_is_rejected() -> None:
    with pytest.raises(ValueError):
        apply_digit_style("5", "hindi")


@given(digit_heavy_text)
def test_westernising_after_easternising_is_the_same_as_westernising(text: str) -> None:
    assert to_western(to_eastern(text)) == to_western(text)


@given(digit_heavy_text)
def test_easternising_after_westernising_is_the_same_as_easternising(text: str) -> None:
    assert to_eastern(to_western(text)) == to_eastern(text)


@given(digit_heavy_text)
def test_conversion_only_ever_replaces_digits_one_for_one(text: str) -> None:
    for converted, target in ((to_eastern(text), EASTERN), (to_western(text), WESTERN)):
        assert len(converted) == len(text)
        for before, after in zip(text, converted, strict=True):
            if before in ALL_DIGITS:
                assert after == target[ALL_DIGITS.index(before) % 10]
            else:
                assert after == before


def test_the_docstring_examples_hold() -> None:
    result = doctest.testmod(digits)
    assert result.attempted > 0
    assert result.failed == 0
