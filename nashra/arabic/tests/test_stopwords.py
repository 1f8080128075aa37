"""Arabic function words, in normalised form."""

from __future__ import annotations

import doctest
import importlib

import pytest

from nashra.arabic.normalize import normalize
from nashra.arabic.stopwords import STOP_WORDS, is_stop_word
from nashra.arabic.tokenize import tokenize


def test_the_list_is_a_useful_size() -> None:
    assert 60 <= len(STOP_WORDS) <= 150


def test_every_stop_word_is_one_normalised_token() -> None:
    assert [word for word in sorted(STOP_WORDS) if tokenize(word) != [word]] == []


def test_the_most_common_function_words_are_there() -> None:
    common = "في من على إلى عن أن أو ثم هذا هذه ذلك التي الذي الذين كان كانت قد لا ما لم لن مع"
    common += " بعد قبل عند حتى كل بين و هؤلاء أولئك"
    assert [word for word in common.split() if normalize(word) not in STOP_WORDS] == []


@pytest.mark.parametrize("written", ["على", "إلى", "إنّ", "حتّى", "لدى", "هؤلاء", "أيضاً"])
def test_a_stop_word_is_recognised_as_written(written: str) -> None:
    assert is_stop_word(written)


@pytest.mark.parametrize(
    "word",
    [
        "آلية",  # mechanism, spelt like إليه once normalised
        "أم",  # mother, spelt like أم (or)
        "عبّر",  # expressed, spelt like عبر (across)
        "الحكومة",
        "الله",
        "ماء",
    ],
)
def test_a_content_word_is_not_a_stop_word(word: str) -> None:
    assert not is_stop_word(word)


def test_the_docstring_examples_hold() -> None:
    result = doctest.testmod(importlib.import_module("nashra.arabic.stopwords"))
    assert result.attempted > 0
    assert result.failed == 0
