from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nashra.comments.banned import compile_banned, find_banned
from nashra.comments.models import BannedPhrase, Comment, fingerprint_of
from nashra.comments.tests.over_http import post_comment

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


# --- Hostile spellings: invisible characters, spelled-out letters, backtracking bait ---

# Every format character (category Cf) the running Python knows, and the other default
# ignorables that Unicode's DerivedCoreProperties lists (from the standard, not the code).
_FORMAT = [chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"]
_OTHER_IGNORABLE = [
    "\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180b", "\u180c", "\u180d", "\u180f",
    "\u3164", "\ufe00", "\ufe0f", "\uffa0", "\U000e0000", "\U000e0100", "\U000e01ef",
]  # fmt: skip
INVISIBLE = _FORMAT + _OTHER_IGNORABLE


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=4), st.sampled_from(INVISIBLE)),
        min_size=1,
        max_size=4,
    )
)
def test_invisible_characters_inside_a_banned_word_do_not_hide_it(inserts) -> None:
    word = list("حمار")
    for position, invisible in sorted(inserts, reverse=True):
        word.insert(position, invisible)
    written = "أنت " + "".join(word) + " حقاً"

    assert find_banned(written, BANNED)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.sampled_from(INVISIBLE))
def test_invisible_characters_do_not_make_a_repeated_comment_new(position, invisible) -> None:
    body = "هذا تعليق مكرر على الخبر"
    disguised = body[:position] + invisible + body[position:]

    assert fingerprint_of(disguised) == fingerprint_of(body)


@pytest.mark.parametrize(
    "written",
    [
        "أنت ح م ا ر",
        "أنت ح.م.ا.ر",
        "أنت ح-م-ا-ر!",
        "أنت ح_م_ا_ر",
        "أنت ح . م . ا . ر",
        "أنت ح\u2063م\u2063ا\u2063ر",
        "هذه س ر ق ة",
        "هذا ابن ا ل ك ل ب",
        "هذا ا ب ن ا ل ك ل ب",  # a whole phrase spelled out as one run
    ],
)
def test_a_banned_word_spelled_out_letter_by_letter_is_found(written: str) -> None:
    assert find_banned(written, BANNED)


@pytest.mark.parametrize(
    "innocent",
    [
        "حم ار",  # two short words, not letters spelled out
        "قرأ أ ب ت ث في الصف الأول",  # letters spelled out, but no banned word
        "ذهب و عاد ثم ح مار",
        "الحمارنة عائلة معروفة",
    ],
)
def test_spelled_out_letters_do_not_ban_innocent_text(innocent: str) -> None:
    assert find_banned(innocent, BANNED) is None


_TIMED_MATCH = """
import sys
from nashra.comments.banned import compile_banned, find_banned
banned = compile_banned(["ههه", "هههه ههه", "ححح"])
find_banned(sys.stdin.read(), banned)
"""


@pytest.mark.parametrize(
    "body",
    [
        "ه" * 2000 + "ب",  # one run that every split of ه+ه+ه+ tried to cover
        ("ه" * 40 + " ") * 48,
        "هـ" * 1000,
        ("ح" * 60 + "ه" * 60) * 16,
    ],
)
def test_a_hostile_body_is_matched_in_linear_time(body: str) -> None:
    # The old pattern turned each letter into x+, so a banned phrase with a repeated
    # letter backtracked cubically: about a minute on a 2,000-character comment. A child
    # process with a deadline ends the test either way; a linear match takes milliseconds.
    finished = subprocess.run(
        [sys.executable, "-c", _TIMED_MATCH],
        input=body,
        text=True,
        timeout=20,
        check=True,
    )

    assert finished.returncode == 0


@pytest.mark.django_db(transaction=True)
def test_a_post_hiding_a_banned_word_behind_invisible_characters_is_refused(
    live_server, live_story
) -> None:
    story = live_story("خبر مفتوح للتعليق", "open-story")
    BannedPhrase.objects.create(phrase="حمار")

    hidden = post_comment(live_server.url, story, "أنت ح\u2064م\U000e0041ا\u115fر يا صاحبي")
    spelled = post_comment(live_server.url, story, "وأنت أيضاً ح.م.ا.ر يا صاحبي")

    assert hidden.status_code == 400 and "body" in hidden.json()["errors"]
    assert spelled.status_code == 400 and "body" in spelled.json()["errors"]
    assert not Comment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_body_is_not_read_for_banned_words_before_the_captcha_is_solved(
    live_server, live_story
) -> None:
    story = live_story("خبر مفتوح للتعليق", "open-story")
    BannedPhrase.objects.create(phrase="حمار")

    response = post_comment(live_server.url, story, "أنت حمار", captcha_answer="wrong")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"captcha"}
