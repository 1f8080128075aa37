"""Broken plurals and their singulars, looked up by stem.

A light stemmer reaches plurals made with a suffix (حكومات, الفلسطينيين) but
not broken plurals (وزراء for وزير, مدن for مدينة, جسور for جسر). The table of
:mod:`~nashra.arabic.broken_plurals` joins them: each singular with its
plurals is one family, found from any of its members as written (normalised,
without an article). Not from their stems: مدرسة and مدرس share one, and
مدارس is the plural of the school only.

>>> plural_family("جسر")
('جسر', 'جسور')
>>> plural_family("وزراء")
('وزير', 'وزراء')
>>> plural_family("مدرس")
()
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from .broken_plurals import PAIRS
from .normalize import normalize

__all__ = ["plural_family", "plural_table"]


def plural_table() -> dict[str, tuple[str, ...]]:
    """Each singular and plural of the table (normalised), with its family's words.

    A family is a singular followed by its plurals. A plural shared by two
    singulars belongs to both families.
    """
    plurals: dict[str, list[str]] = defaultdict(list)
    for singular, plural in PAIRS:
        plurals[normalize(singular)].append(normalize(plural))
    families: dict[str, list[str]] = defaultdict(list)
    for singular, forms in plurals.items():
        family = [singular, *forms]
        for member in family:
            families[member] += family
    return {word: tuple(dict.fromkeys(words)) for word, words in families.items()}


_FAMILIES: Final = plural_table()


def plural_family(word: str) -> tuple[str, ...]:
    """The singular and plurals that ``word`` (normalised, no article) belongs to, or ()."""
    return _FAMILIES.get(word, ())
