"""Matching the banned list the way readers dodge it.

Both the list and the comment are brought to one form first: nashra.arabic's
normalize (alef and hamza forms, taa marbuta, alef maqsura, harakat, tatweel,
Eastern digits, invisible marks) and then any letter may be written many times
(حمااار). A banned word also matches with the clitics and suffixes Arabic glues on
(والحمار, حمارهم), but not inside another word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nashra.arabic import normalize

_PREFIXES = "(?:و|ف|ب|ك|ل|ال|وال|فال|بال|كال|لل|ولل|فلل)?"
_SUFFIXES = "(?:ه|ها|هم|هن|هما|كم|كن|ين|ون|ان|ات|يه|ي)?"
_LETTER = r"[^\W_]"


def _phrase_pattern(phrase: str) -> str | None:
    words = normalize(phrase).split()
    if not words:
        return None
    stretched = ["".join(re.escape(letter) + "+" for letter in word) for word in words]
    return rf"(?<!{_LETTER}){_PREFIXES}" + r"\s+".join(stretched) + rf"{_SUFFIXES}(?!{_LETTER})"


def compile_banned(phrases: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [pattern for pattern in map(_phrase_pattern, phrases) if pattern]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def find_banned(text: str, banned: re.Pattern[str] | None) -> str | None:
    """The first banned stretch of ``text`` (in its normalised form), or None."""
    if banned is None:
        return None
    found = banned.search(normalize(text))
    return found.group() if found else None
