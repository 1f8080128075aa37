"""The matching form of a text: what search, banned words and dedup compare.

:func:`normalize` folds away the differences a reader does not see or does
not type: harakat, tatweel, invisible marks, hamza on alef, ة/ه, ى/ي,
Persian letters and digits, presentation forms, Latin case and runs of
whitespace. Its output is never shown; text is stored and displayed as
written, and the search page highlights the original words
(see :func:`nashra.arabic.tokenize.tokenize_with_spans`).

>>> normalize("أعلنت الحكومةُ ٣ قراراتٍ")
'اعلنت الحكومه 3 قرارات'
>>> normalize("الحـــكومة")
'الحكومه'
>>> fold_repeats("مبرووووك")
'مبروك'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import chain
from typing import Final

from .digits import to_western

# clusters, fold_cluster and mark_class are shared with tokenize_with_spans,
# which needs to know where each folded character came from.
__all__ = ["fold_repeats", "normalize"]


def _chars(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(cp) for first, last in spans for cp in range(first, last + 1))


# Every code point a reader cannot see: the format characters (general
# category Cf, as of Unicode 14, the running Python's database; a test checks
# this table against it) and the rest of Unicode's Default_Ignorable_Code_Point
# property (DerivedCoreProperties.txt), which a renderer draws as nothing.
# Any of them inside a word would split or hide it from banned words, dedup and
# search alike, so none is left, not just the handful a keyboard types.
_INVISIBLE: Final = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),  # Arabic number signs (prepended marks, invisible in running text)
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),  # end of ayah
    (0x070F, 0x070F),  # Syriac abbreviation mark
    (0x0890, 0x0891),  # Arabic pound and piastre marks above
    (0x08E2, 0x08E2),  # disputed end of ayah
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte order mark / zero-width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned specials and interlinear annotation marks
    (0x110BD, 0x110BD),  # Kaithi number sign
    (0x110CD, 0x110CD),  # Kaithi number sign above
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tag characters, variation selectors supplement, reserved
)

# Removed outright. Everything here is either a vowel or Quranic sign a reader
# may or may not type (كَتَبَ is كتب), a stretching stroke (الحـــكومة), or an
# invisible character pasted in with the text (above).
_REMOVED: Final = _chars(
    (0x0610, 0x061A),  # honorific and Quranic signs above letters
    (0x064B, 0x065F),  # harakat: tanween, fatha, damma, kasra, shadda, sukun, hamza marks
    (0x0670, 0x0670),  # superscript (dagger) alef
    (0x06D6, 0x06ED),  # Quranic annotation marks and pause signs
    (0x08CA, 0x08FF),  # extended Quranic marks (Arabic Extended-A), same role
    (0x0640, 0x0640),  # tatweel
    *_INVISIBLE,
)

# Spacing presentation forms of harakat. NFKC turns them into a space plus
# the mark, and that space would cut a word in two, so they go before NFKC.
_REMOVED_BEFORE_NFKC: Final = _REMOVED | _chars((0xFC5E, 0xFC63), (0xFE70, 0xFE7F))

_FOLDED: Final = {
    # Hamza and madda on alef, wasla: readers mostly type a bare alef (اردوغان).
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه",  # taa marbuta: الحكومه is a common spelling of الحكومة
    "ى": "ي",  # alef maqsura: مستشفي for مستشفى, and Egyptian print writes ى for final ي
    "ؤ": "و",
    "ئ": "ي",
    # Persian and Urdu code points that look like (or are typed for) Arabic
    # letters on Persian, Urdu and some mobile keyboards.
    "ک": "ك", "ڪ": "ك", "ی": "ي",
    "ہ": "ه", "ھ": "ه", "ە": "ه", "ۀ": "ه", "ۂ": "ه",
    # Arabic number punctuation, so ١٢٫٤٪ reads as 12.4% and stays one number.
    "٫": ".", "٬": ",", "٪": "%",
}  # fmt: skip
# The standalone hamza ء is kept: dropping it would merge ماء (water) with
# the stop word ما, جزء with جز and بدء with بد, while readers who leave it
# out (شي for شيء) are rare compared with those who drop it from an alef.

_TABLE: Final = str.maketrans({**dict.fromkeys(_REMOVED), **_FOLDED})

# Whitespace is never a mark, so it always starts a cluster: cutting the
# text before each whitespace character cuts it between clusters.
_BEFORE_SPACE: Final = re.compile(r"(?=\s)")

_LETTER_RUN: Final = re.compile(r"([^\W\d_])\1{2,}")


@cache
def mark_class() -> str:
    """Return the body of a regex character class matching combining marks.

    Python's ``re`` has no ``\\p{M}``. The class is built from the running
    Python's Unicode database (so it agrees with ``unicodedata.normalize``)
    on first use rather than at import, because scanning costs ~60 ms.
    Planes 0 and 1 plus the variation selectors supplement hold every mark
    a news text can plausibly contain.
    """
    ranges: list[list[int]] = []
    for cp in chain(range(0x20000), range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(cp)).startswith("M"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)


@cache
def _cluster_pattern() -> re.Pattern[str]:
    return re.compile(f".[{mark_class()}]*", re.DOTALL)


@cache
def _orphan_marks_pattern() -> re.Pattern[str]:
    return re.compile(f"(^|\\s)[{mark_class()}]+")


def clusters(text: str) -> Iterator[re.Match[str]]:
    """Split ``text`` into clusters: one character and the marks after it.

    >>> [m.group() for m in clusters("كَتَب")]
    ['كَ', 'تَ', 'ب']
    """
    return _cluster_pattern().finditer(text)


@lru_cache(maxsize=8192)
def fold_cluster(cluster: str) -> str:
    """Return the matching form of one cluster (possibly ``""`` or several characters).

    Normalising cluster by cluster, rather than the whole text at once, is
    what lets every output character be traced back to the characters it
    came from. It is the same as whole-text NFKC except for compositions
    between two base characters (Hangul conjoining jamo), which no Arabic
    or Latin text needs.

    >>> fold_cluster("أَ"), fold_cluster("ﻻ"), fold_cluster("ـ"), fold_cluster("٤")
    ('ا', 'لا', '', '4')
    """
    # A cluster on a removed base goes whole: its marks have nothing to sit
    # on, and left alone they would fuse with the previous letter on a
    # second pass (normalize must be idempotent).
    if cluster[0] in _REMOVED_BEFORE_NFKC:
        return ""
    folded = unicodedata.normalize("NFKC", cluster).casefold()
    folded = to_western(folded).translate(_TABLE)
    # Likewise for marks whose base folding removed (ﳴ is tatweel + kasra +
    # shadda) or whose base is a space (˘ is a space + breve).
    folded = _orphan_marks_pattern().sub(r"\1", folded)
    # NFKC again: casefold can decompose (ǰ) and removing a mark can
    # unblock a composition, and both would otherwise change on a second pass.
    return unicodedata.normalize("NFKC", folded)


@lru_cache(maxsize=16384)
def _fold_word(chunk: str) -> str:
    # Words recur (Zipf), so caching whole words makes normalising an
    # article several times faster than folding it cluster by cluster.
    return "".join(fold_cluster(m.group()) for m in clusters(chunk))


def normalize(text: str) -> str:
    """Return the matching form of ``text``.

    In order: NFKC (presentation forms such as ﻻ and ﷲ become letters,
    full-width Latin and digits become ASCII); Latin and other cased
    scripts are casefolded; harakat, Quranic marks, tatweel and invisible
    format characters are removed; أ إ آ ٱ become ا, ة becomes ه, ى
    becomes ي, ؤ becomes و and ئ becomes ي; Persian ک ی ہ become ك ي ه;
    Eastern Arabic and Persian digits become ASCII; whitespace runs become
    one space, with none at either end. The standalone hamza ء is kept.

    The result is idempotent: ``normalize(normalize(t)) == normalize(t)``,
    and normalising a text word by word gives the same words. Letters
    repeated for emphasis are not folded here; see :func:`fold_repeats`.
    NFKC and casefolding follow the running Python's Unicode database, so
    rebuild stored keys when an upgrade changes ``unicodedata.unidata_version``.

    >>> normalize("  إلى مستشفى   الأسدِ  ")
    'الي مستشفي الاسد'
    >>> normalize("ﷲ ﻻ Beirut ۲۰۲۵")
    'الله لا beirut 2025'
    >>> normalize("نسبة ١٢٫٤٪")
    'نسبه 12.4%'
    """
    return " ".join("".join(map(_fold_word, _BEFORE_SPACE.split(text))).split())


def fold_repeats(text: str) -> str:
    """Squeeze any letter written three or more times in a row to one.

    Arabic spelling never writes a letter three times running (a doubled
    consonant takes a shadda), so a run of three is emphasis or evasion:
    مبرووووك, or a banned word stretched past a filter. Apply it to
    normalised text, on both the banned list and the comment.

    It is not part of :func:`normalize` because search must not do it:
    Latin text has real triples (an AAA credit rating is not an A, Louis
    XIII is not XI, www is not w), and folding a stretched word that had a
    genuine double letter loses one (اللللله becomes اله, not الله).
    Digits are never squeezed: 1000 is not 10.

    >>> fold_repeats("مبرووووك ههههه 1000")
    'مبروك ه 1000'
    >>> fold_repeats("الله")
    'الله'
    """
    return _LETTER_RUN.sub(r"\1", text)
