from __future__ import annotations

import pytest

from nashra.comments.banned import compile_banned, find_banned

BANNED = compile_banned(["حمار", "ابن الكلب", "سرقة"])


@pytest.mark.parametrize(
    "written",
    [
        "أنت حمار",
        "أنت حِمَارٌ",  # harakat
        "أنت حـمـــار",  # tatweel
        "أنت حمااااار",  # a letter stretched
        "يا والحمار",  # with و+ال
        "هذا ابن الكلب",
        "هذا إبن الكلب",  # hamza under alef
        "هذا ابن    الكلب",
        "هذه سرقه",  # taa marbuta written as haa
        "هذه سرقة",
        "هذه سرقةُ",
    ],
)
def test_it_finds_a_banned_phrase_however_it_is_written(written: str) -> None:
    assert find_banned(written, BANNED)


@pytest.mark.parametrize(
    "innocent",
    [
        "الحمارنة عائلة معروفة",  # the banned word inside a longer name
        "قال ابن الكاتب",
        "السرقات الأدبية",  # a different word that starts the same way
        "",
    ],
)
def test_it_leaves_words_that_only_contain_a_banned_one(innocent: str) -> None:
    assert find_banned(innocent, BANNED) is None


def test_eastern_digits_match_a_banned_number() -> None:
    assert find_banned("اتصل على ٠٧٩٥٥٥", compile_banned(["079555"]))


def test_an_empty_list_bans_nothing() -> None:
    assert compile_banned([]) is None
    assert find_banned("أي نص", None) is None
