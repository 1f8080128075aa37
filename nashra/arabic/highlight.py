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

from collections.abc import Collection, Sequence

from .stem import light_stem
from .tokenize import tokenize_with_spans

__all__ = ["Span", "matched_spans", "snippet_window"]

Span = tuple[int, int]


def matched_spans(
    text: str, exact: Collection[str] = (), stems: Collection[str] = ()
) -> list[Span]:
    """Return the spans of ``text`` whose word has one of the keys given.

    A word matches if its normalised form is in ``exact`` or its light
    stem is in ``stems``. Spans are in order and cover whole characters as
    written, harakat and tatweel included.

    >>> matched_spans("الحـكومةُ والحكومات", stems={"حكوم"})
    [(0, 9), (10, 19)]
    >>> matched_spans("Beirut بيروت", exact={"beirut"})
    [(0, 6)]
    """
    spans: list[Span] = []
    for token in tokenize_with_spans(text):
        if token.key in exact or (stems and light_stem(token.key) in stems):
            if spans and token.start < spans[-1][1]:
                continue  # one character NFKC expanded into several words
            spans.append((token.start, token.end))
    return spans


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
