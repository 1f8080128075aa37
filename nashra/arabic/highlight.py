"""Find, in the text as written, the words a search matched.

A search compares keys (:mod:`~nashra.arabic.keys`), but the reader sees
the original text: a query الاسد must highlight الأسد, and للأسد too when
it matched by stem. :func:`matched_spans` maps keys back to spans of the
original, and :func:`snippet_window` picks the part of a long text that
shows the most of them.

>>> text = "زار الرئيسُ للأسد حديقةَ الحيوان"
>>> [text[s:e] for s, e in matched_spans(text, stems={"اسد"})]
['للأسد']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Final

from .stem import light_stem
from .tokenize import folded_alone, tokenize_with_spans

__all__ = ["Span", "matched_spans", "snippet_window"]

Span = tuple[int, int]

_CHUNK: Final = re.compile(r"\S+")
# Words recur across a whole archive (Zipf): remembering the few tens of thousands
# seen most recently saves normalising and stemming them again for every snippet.
_REMEMBERED_WORDS: Final = 50_000
# Texts up to a standfirst's length (400 characters) are remembered whole, a few
# thousand of them: about 3 KB each.
SHORT_TEXT: Final = 400
_REMEMBERED_TEXTS: Final = 4096


@lru_cache(maxsize=_REMEMBERED_WORDS)
def _chunk_tokens(chunk: str) -> tuple[tuple[str, str, int, int], ...]:
    """The tokens of one run of non-space characters: key, light stem, span in the run."""
    return tuple(
        (token.key, light_stem(token.key), token.start, token.end)
        for token in tokenize_with_spans(chunk)
    )


def matched_spans(
    text: str, exact: Collection[str] = (), stems: Collection[str] = (), reach: int | None = None
) -> list[Span]:
    """Return the spans of ``text`` whose word has one of the keys given.

    A word matches if its normalised form is in ``exact`` or its light
    stem is in ``stems``. Spans are in order and cover whole characters as
    written, harakat and tatweel included. With ``reach``, the search stops at the
    first word that starts more than ``reach`` characters after the first match: a
    snippet of a long story needs only where the story first speaks of the words.

    >>> matched_spans("الحـكومةُ والحكومات", stems={"حكوم"})
    [(0, 9), (10, 19)]
    >>> matched_spans("Beirut بيروت", exact={"beirut"})
    [(0, 6)]
    """
    if len(text) <= SHORT_TEXT:
        tokens: Iterable[tuple[str, str, int, int]] = _short_text_tokens(text)
    else:
        begin = _first_possible_match(text, exact, stems)
        if begin is None:
            return []
        tokens = _tokens(text, begin)
    spans: list[Span] = []
    for key, stem, start, end in tokens:
        if reach is not None and spans and start > spans[0][0] + reach:
            break
        if key in exact or stem in stems:
            if spans and start < spans[-1][1]:
                continue  # one character NFKC expanded into several words
            spans.append((start, end))
    return spans


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _short_text_tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    # Headlines and standfirsts come back in result after result (five times in six over
    # a stream of distinct queries): walking their words again was most of a results
    # page's highlighting.
    return tuple(_tokens(text))


def _first_possible_match(
    text: str, exact: Collection[str], stems: Collection[str]
) -> int | None:
    """Where in ``text`` the first word with one of the keys could start; None if no
    word can have one.

    A long body is read word by word up to its first match, and to its end when the
    story matched by another field: most of a results page's highlighting. Folded
    character by character (plain copy, harakat, Eastern digits: ``folded_alone``), a
    text holds each word's key at the word's place or before it, and a word's stem is
    a piece of its key (but for a kept ة written ت before an ending: مدرستها for
    مدرسه). So no matching word ends before the first place where a key, or a stem
    short of a final ه, is found.
    """
    folded = folded_alone(text)
    if folded is None:
        return 0
    pieces = {*exact, *(stem[:-1] if stem.endswith("ه") else stem for stem in stems)}
    found = [at for piece in pieces if (at := folded.find(piece)) >= 0]
    if not found:
        return None
    begin = min(found)
    # From the start of its run of non-space characters, as the words are read.
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return begin


def _tokens(text: str, begin: int = 0) -> Iterator[tuple[str, str, int, int]]:
    """The tokens of ``text`` in order from ``begin``, the start of a run of non-space
    characters: key, light stem, span in the text."""
    for chunk in _CHUNK.finditer(text, begin):
        offset = chunk.start()
        # A combining mark after a space is one character with it, as the tokenizer reads it.
        mark = unicodedata.category(text[offset]).startswith("M")
        if mark and offset and text[offset - 1].isspace():
            offset -= 1
        for key, stem, start, end in _chunk_tokens(text[offset : chunk.end()]):
            yield key, stem, offset + start, offset + end


def snippet_window(text: str, spans: Sequence[Span], width: int = 220) -> Span:
    """Return the ``width``-character window of ``text`` holding the most spans.

    The window starts at a matched word (or at the beginning when nothing
    matched, or when the text is short) and is widened to word boundaries,
    so a snippet never cuts a word in half.

    >>> text = "أ " * 200 + "الأسد هنا"
    >>> start, end = snippet_window(text, [(400, 405)], width=20)
    >>> text[start:end]
    'أ أ الأسد هنا'
    """
    if len(text) <= width:
        return 0, len(text)
    best_start, best_count = 0, 0
    for first, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[first:] if e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    # Back up a little so the first match has some context before it.
    start = max(0, best_start - width // 6)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
