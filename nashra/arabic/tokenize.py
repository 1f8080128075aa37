"""Split a text into normalised words, optionally with where each was written.

A token is an Arabic word, a Latin (or other script) word, or a number;
everything else (spaces, punctuation such as ، ؛ ؟ « » “ ” and dashes,
symbols) separates tokens. Tokens are in :func:`~nashra.arabic.normalize`
form, so ``tokenize`` of any spelling variant gives the same keys.

>>> tokenize("قالت «الحكومة»، الأربعاء: التضخم 12.4% في ٢٠٢٥")
['قالت', 'الحكومه', 'الاربعاء', 'التضخم', '12.4', 'في', '2025']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from .normalize import clusters, fold_cluster, mark_class, normalize

__all__ = ["Token", "folded_alone", "plain_tokens", "tokenize", "tokenize_with_spans"]

# The body of a regex class for the Arabic blocks. Presentation forms are
# listed although NFKC has folded them, so that it reads as "Arabic script".
ARABIC_SCRIPT: Final = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_LETTER: Final = r"[^\W\d_]"


@cache
def _token_pattern() -> re.Pattern[str]:
    arabic_letter = f"(?=[{ARABIC_SCRIPT}]){_LETTER}"
    other_letter = f"(?![{ARABIC_SCRIPT}]){_LETTER}"
    mark = f"[{mark_class()}]"
    return re.compile(
        # A number, with its decimal or thousands separators (12.4, 1,200)
        # but not a percent sign: "40%" is found by a search for 40.
        r"\d+(?:[.,]\d+)*"
        # An Arabic word. A digit or Latin letter glued to it starts a new
        # token: ٢٠٢٥م is 2025 + م, and "مرحباhello" is two words.
        f"|{arabic_letter}(?:{arabic_letter}|{mark})*"
        # A word in any other script. Digits after a letter stay in it
        # (g20, mp3, covid19); a leading number does not (5g is 5 + g).
        f"|{other_letter}(?:{other_letter}|\\d|{mark})*"
    )


@dataclass(frozen=True, slots=True)
class Token:
    """A normalised word and the span of the original text it came from.

    ``text[start:end]`` is the word exactly as written, harakat and tatweel
    included, ready to be wrapped in ``<mark>``. Offsets count code points
    (Python string indices); a browser counts UTF-16 units, which differ
    after any character outside the Basic Multilingual Plane (emoji).

    >>> tokenize_with_spans("الأَسَد")
    [Token(key='الاسد', start=0, end=7)]
    """

    key: str
    start: int
    end: int


def tokenize(text: str) -> list[str]:
    """Return the normalised tokens of ``text``, in order.

    >>> tokenize("زار أردوغانُ بيروتَ يوم 5.6، أليس كذلك؟")
    ['زار', 'اردوغان', 'بيروت', 'يوم', '5.6', 'اليس', 'كذلك']
    >>> tokenize("COVID-19 و G20")
    ['covid', '19', 'و', 'g20']
    """
    return _token_pattern().findall(normalize(text))


def tokenize_with_spans(text: str) -> list[Token]:
    """Return the tokens of ``text`` with the span of each in ``text``.

    The keys are exactly those of :func:`tokenize`. A span covers whole
    characters as written: a letter with its harakat, and any tatweel or
    invisible mark inside the word. Spans are in order and never overlap,
    except that a single character NFKC expands into several words (ﷺ)
    gives each of them its own span.

    >>> text = "إنّ الأَسَدَ في الحـــديقة"
    >>> [(t.key, text[t.start:t.end]) for t in tokenize_with_spans(text)]
    [('ان', 'إنّ'), ('الاسد', 'الأَسَدَ'), ('في', 'في'), ('الحديقه', 'الحـــديقة')]
    """
    tokens = plain_tokens(text)
    return _walked_tokens(text) if tokens is None else tokens


# Most news copy is nothing but base Arabic letters, ASCII letters and digits, spaces and
# common punctuation: no harakat, tatweel, invisible marks, Eastern digits or presentation
# forms. Each of those characters is a cluster of its own and folds to exactly one
# character, so the folded text keeps every offset, and the tokens are found in the text
# as written. Walking the clusters of such text took most of a results page's highlighting.
_PLAIN_LETTER_CODES: Final = (*range(0x0621, 0x063B), *range(0x0641, 0x064B))
_PLAIN_LETTERS: Final = "".join(map(chr, _PLAIN_LETTER_CODES))
# Plain copy's other characters: ASCII letters and digits, spaces, common punctuation.
_PLAIN_OTHERS: Final = "A-Za-z0-9 \t\n\r.,:;!?\"'()\\[\\]/%«»،؛؟-"
_PLAIN_TEXT: Final = re.compile(f"[{_PLAIN_LETTERS}{_PLAIN_OTHERS}]*")
# _token_pattern's three kinds of token, as they can occur in plain copy.
_PLAIN_TOKEN: Final = re.compile(f"[0-9]+(?:[.,][0-9]+)*|[{_PLAIN_LETTERS}]+|[A-Za-z][A-Za-z0-9]*")


def plain_tokens(text: str) -> list[Token] | None:
    """The tokens of ``text`` if it is plain copy, found without walking its clusters;
    None for any other text.

    >>> plain_tokens("قالت «الحكومة»: 12.4% في G20")
    [Token(key='قالت', start=0, end=4), Token(key='الحكومه', start=6, end=13), \
Token(key='12.4', start=16, end=20), Token(key='في', start=22, end=24), \
Token(key='g20', start=25, end=28)]
    >>> plain_tokens("الحـكومة") is None
    True
    """
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    fold = _plain_folding()
    return [
        Token(match.group().translate(fold), match.start(), match.end())
        for match in _PLAIN_TOKEN.finditer(text)
    ]


# Beside plain copy, characters that fold to nothing or to one character whatever
# surrounds them: harakat, the dagger alef, tatweel and Eastern digits.
_ALONE_CODES: Final = (*range(0x064B, 0x0653), 0x0670, 0x0640, *range(0x0660, 0x066A))
_FOLDS_ALONE: Final = re.compile(
    f"[{_PLAIN_LETTERS}{''.join(map(chr, _ALONE_CODES))}{_PLAIN_OTHERS}]*"
)


def folded_alone(text: str) -> str | None:
    """``text`` folded character by character if each of its characters folds alone (plain
    copy, harakat, tatweel, Eastern digits); None for any other text.

    Each token's key is then in the folded text at the token's place, less the
    characters folded to nothing before it: never after the token's start.

    >>> folded_alone("أعلنت الحكومةُ ٢٠٢٥")
    'اعلنت الحكومه 2025'
    >>> folded_alone("ﻻ") is None
    True
    """
    return text.translate(_alone_folding()) if _FOLDS_ALONE.fullmatch(text) else None


@cache
def _alone_folding() -> dict[int, str]:
    return {**_plain_folding(), **{code: fold_cluster(chr(code)) for code in _ALONE_CODES}}


@cache
def _plain_folding() -> dict[int, str]:
    # Taken from fold_cluster itself, so the two paths cannot disagree on a letter.
    letters = (*_PLAIN_LETTER_CODES, *range(ord("A"), ord("Z") + 1))
    return {code: fold_cluster(chr(code)) for code in letters}


def _walked_tokens(text: str) -> list[Token]:
    """The tokens of any text, found by folding it cluster by cluster."""
    # Normalise cluster by cluster, remembering for every output character
    # the original cluster it came from. Whitespace is not collapsed, which
    # changes no token.
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in clusters(text):
        piece = fold_cluster(cluster.group())
        folded.append(piece)
        starts.extend([cluster.start()] * len(piece))
        ends.extend([cluster.end()] * len(piece))
    return [
        Token(match.group(), starts[match.start()], ends[match.end() - 1])
        for match in _token_pattern().finditer("".join(folded))
    ]
