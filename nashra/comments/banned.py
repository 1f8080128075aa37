"""Matching the banned list the way readers dodge it, in time linear in the comment.

Both the list and the comment are brought to one form first: nashra.arabic's
normalize (alef and hamza forms, taa marbuta, alef maqsura, harakat, tatweel,
Eastern digits, every invisible character), then letters spelled out one by one
(ح م ا ر, ح.م.ا.ر) are joined, and then every run of one letter is written once
(حمااار is حمار). A banned word also matches with the clitics and suffixes Arabic
glues on (والحمار, حمارهم), but never inside another word.

Matching compares whole words against a set of the spellings each banned word
can take, so a comment costs one pass and one set look-up per word, whatever
the list holds. (The earlier regular expression turned each letter into ``x+``:
a banned word with a repeated letter made it backtrack for minutes.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from nashra.arabic import normalize

_PREFIXES = ("", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
_SUFFIXES = ("", "ه", "ها", "هم", "هن", "هما", "كم", "كن", "ين", "ون", "ان", "ات", "يه", "ي")

_WORD = re.compile(r"[^\W_]+")
# Three or more single letters, each apart from the next by one to three
# non-letters: a word spelled out to slip past the list. Each step must find a
# letter right after its separators, so the match never backtracks.
_SPELLED_OUT = re.compile(r"(?<![^\W_])[^\W\d_](?:[\W_]{1,3}[^\W\d_](?![^\W_])){2,}")
_LETTER_RUN = re.compile(r"([^\W\d_])\1+")


def _squeeze(word: str) -> str:
    # Twice the same letter is squeezed too: readers stretch a word by one letter
    # as often as by five, and the banned word is squeezed the same way.
    return _LETTER_RUN.sub(r"\1", word)


def _words(text: str) -> list[str]:
    """The words of ``text`` in matching form.

    >>> _words("يا ح.م.ا.ر ويا حمااار")
    ['يا', 'حمار', 'ويا', 'حمار']
    """
    joined = _SPELLED_OUT.sub(lambda m: "".join(_WORD.findall(m.group())), normalize(text))
    return [_squeeze(word) for word in _WORD.findall(joined)]


@dataclass(frozen=True)
class BannedList:
    """Banned phrases indexed by every spelling their first word can take."""

    by_first_word: dict[str, list[tuple[frozenset[str], ...]]] = field(default_factory=dict)

    def add(self, phrase: str) -> None:
        words = _WORD.findall(normalize(phrase))
        if not words:
            return
        first, last = words[0], words[-1]
        if len(words) == 1:
            only = frozenset(_squeeze(p + first + s) for p in _PREFIXES for s in _SUFFIXES)
            slots: tuple[frozenset[str], ...] = (only,)
        else:
            middle = tuple(frozenset([_squeeze(word)]) for word in words[1:-1])
            slots = (
                frozenset(_squeeze(p + first) for p in _PREFIXES),
                *middle,
                frozenset(_squeeze(last + s) for s in _SUFFIXES),
            )
        variants = [slots]
        if len(words) > 1:
            # Spelled out letter by letter, the words of a phrase run together into one.
            whole = "".join(words)
            variants.append(
                (frozenset(_squeeze(p + whole + s) for p in _PREFIXES for s in _SUFFIXES),)
            )
        for variant in variants:
            for spelling in variant[0]:
                self.by_first_word.setdefault(spelling, []).append(variant)

    def first_match(self, words: list[str]) -> str | None:
        for start, word in enumerate(words):
            for slots in self.by_first_word.get(word, ()):
                stretch = words[start : start + len(slots)]
                if len(stretch) < len(slots):
                    continue
                if all(w in allowed for w, allowed in zip(stretch, slots, strict=True)):
                    return " ".join(stretch)
        return None


def compile_banned(phrases: Iterable[str]) -> BannedList | None:
    banned = BannedList()
    for phrase in phrases:
        banned.add(phrase)
    return banned if banned.by_first_word else None


def find_banned(text: str, banned: BannedList | None) -> str | None:
    """The first banned stretch of ``text`` (in its matching form), or None."""
    if banned is None:
        return None
    return banned.first_match(_words(text))
