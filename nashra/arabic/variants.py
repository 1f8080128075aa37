"""The stems a query word should find: its broken plurals, and its forms with a clitic.

A light stemmer (:mod:`~nashra.arabic.stem`) gives وزير and الوزير one stem but
cannot reach وزراء, and it keeps the first letter of بدمشق, because ب, ك, ف,
ل and و begin too many words on their own (بيان, كتاب, فريق, لجنة, وزير): cut
off blindly, بطاقة would be indexed as طاقة and كمال as مال.

So the index keeps one stem per word, and the query asks for more, decided when
the query is read:

* **Broken plurals** come from a table written for this project
  (:mod:`~nashra.arabic.broken_plurals`): a query for جسر also asks for جسور,
  and the other way round.
* **Clitics** are decided by evidence. A word of the archive is taken for a
  clitic form (بدمشق = ب + دمشق) unless the archive shows it is a word by
  itself, or the project's lexicon (:mod:`~nashra.arabic.own_letter_words`)
  says so. The archive shows it when the word's stem was ever indexed after a
  prefix that a clitic cannot take: an article (البطاقة, so بطاقة is a word)
  or a conjunction before its و (ووافق, so وافق is a word). A query for دمشق
  then also asks for بدمشق and ودمشق if the archive holds them, and a query
  for بدمشق also asks for دمشق.

The evidence is read from the archive's *vocabulary*: each stem the index holds,
and whether it was ever seen after such a prefix (see :func:`vocabulary_of`).
Because only queries depend on it, the index never has to be re-keyed when the
vocabulary changes: a new story that shows البطاقة changes what the next query
asks for, and nothing already indexed.

>>> vocabulary = vocabulary_of(["بدمشق", "دمشق", "البطاقه", "بطاقه", "طاقه"])
>>> search_stems("دمشق", vocabulary)
('دمشق', 'بدمشق')
>>> search_stems("طاقه", vocabulary)
('طاق',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from .normalize import normalize
from .own_letter_words import WORDS as OWN_LETTER_WORDS
from .plurals import plural_family
from .stem import light_stem, stem_with_prefix
from .tokenize import ARABIC_SCRIPT

__all__ = [
    "CLITICS", "Vocabulary", "possible_stems", "questions", "search_stems", "vocabulary_of",
]

# Longest first: a conjunction may come before a preposition (وبدمشق), not after it.
CLITICS: Final = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
# A clitic is read off a word only if a word of three letters remains: بحث and كتب
# are never ب + حث or ك + تب.
_MIN_REMAINDER: Final = 3
# Clitics and broken plurals are Arabic's: a number or a Latin word asks for itself.
_ARABIC_LETTERS: Final = re.compile(f"[{ARABIC_SCRIPT}]+")

Vocabulary = Mapping[str, bool]
"""Each stem of the archive, and whether it was ever indexed after a prefix."""

_OWN_LETTER_STEMS: Final = frozenset(light_stem(normalize(word)) for word in OWN_LETTER_WORDS)


def vocabulary_of(words: Iterable[str]) -> dict[str, bool]:
    """What indexing ``words`` (normalised tokens) tells the vocabulary.

    >>> vocabulary_of(["البطاقه", "بطاقه", "بدمشق"])
    {'بطاق': True, 'بدمشق': False}
    """
    vocabulary: dict[str, bool] = {}
    for word in set(words):
        prefix, stem = stem_with_prefix(word)
        vocabulary[stem] = vocabulary.get(stem, False) or bool(prefix)
    return dict(sorted(vocabulary.items(), key=lambda item: not item[1]))


def _is_word_by_itself(stem: str, vocabulary: Vocabulary, lexicon: frozenset[str]) -> bool:
    return vocabulary.get(stem, False) or stem in lexicon


def _clitic_readings(word: str) -> list[str]:
    """``word`` without each clitic it may begin with, longest clitic first.

    Judged by its letters alone: وبيروت may be وب + يروت as well as و + بيروت.
    """
    prefix, _ = stem_with_prefix(word)
    if prefix:
        return []  # an article or a doubled و: the stemmer has read it already
    return [
        word[len(clitic) :]
        for clitic in CLITICS
        if word.startswith(clitic) and len(word) - len(clitic) >= _MIN_REMAINDER
    ]


def _clitic_reading(
    word: str, vocabulary: Vocabulary, lexicon: frozenset[str] = _OWN_LETTER_STEMS
) -> str | None:
    """The reading of ``word`` as clitic + word, or None when it is a word by itself.

    The reading that leaves a word of the lexicon wins, then one the archive has seen
    after an article, then one the archive holds, then the longest clitic: و + بيروت,
    not وب + يروت; و + لندن, not ول + ندن (للندن, ل + لندن, looks like لل + ندن to the
    stemmer, so the archive may even have seen ندن "after an article").
    """
    readings = _clitic_readings(word)
    if not readings or _is_word_by_itself(light_stem(word), vocabulary, lexicon):
        return None
    stems = [light_stem(reading) for reading in readings]
    in_lexicon = [stem in lexicon for stem in stems]
    seen_after_article = [vocabulary.get(stem, False) for stem in stems]
    in_archive = [stem in vocabulary for stem in stems]
    for known in (in_lexicon, seen_after_article, in_archive):
        if any(known):
            return readings[known.index(True)]
    return readings[0]


def _bases(word: str, reading: str | None) -> list[str]:
    """The words a query word stands for: itself (bare), its reading, their plural forms."""
    prefix, _ = stem_with_prefix(word)
    bare = word[len(prefix) :]
    # A plural that begins with أل (ألغام, ألقاب) loses it to the stemmer as if it
    # were the article: look it up as written too.
    bases = [bare, *plural_family(bare), *plural_family(word)]
    if reading is not None:
        bases += [reading, *plural_family(reading)]
    return list(dict.fromkeys(bases))


def _stems_of(base: str) -> list[str]:
    """The stems ``base`` is indexed under, with and without the article.

    Usually one: الجسور and جسور both stem to جسور. Not for a word that begins with
    أل: ألغام stems to غام (its أل read as the article), الألغام to الغام.
    """
    return list(dict.fromkeys([light_stem(base), light_stem("ال" + base)]))


def _with_clitics(base: str) -> set[str]:
    """The stems ``base`` has with each clitic glued before it.

    Only stems that still begin with the clitic: ل before لطيف is spelt للطيف, which
    the stemmer reads as an article and stems to طيف, another word.
    """
    stem = light_stem(base)
    glued = {(clitic, light_stem(clitic + base)) for clitic in CLITICS}
    glued |= {(clitic, clitic + stem) for clitic in CLITICS}
    return {candidate for clitic, candidate in glued if candidate.startswith(clitic)}


def questions(word: str) -> set[str]:
    """The stems whose place in the vocabulary decides :func:`search_stems` of ``word``."""
    if not _ARABIC_LETTERS.fullmatch(word):
        return set()
    asked = {light_stem(word)}
    readings = _clitic_readings(word)
    asked |= {light_stem(reading) for reading in readings}
    for base in _bases(word, None) + [
        base for reading in readings for base in _bases(reading, None)
    ]:
        asked |= _with_clitics(base)
    return asked


def possible_stems(word: str) -> set[str]:
    """Every stem :func:`search_stems` may give for ``word``, whatever the vocabulary.

    What a search reads of the archive for a word's stems can then be read with its
    vocabulary, before the vocabulary has chosen among them.

    >>> {"جسر", "جسور", "بجسر", "وجسور"} <= possible_stems("جسر")
    True
    """
    own = light_stem(word)
    if not _ARABIC_LETTERS.fullmatch(word):
        return {own}
    possible = {own}
    for reading in (None, *_clitic_readings(word)):
        for base in _bases(word, reading):
            possible.update(_stems_of(base))
            possible |= _with_clitics(base)
    return possible


def search_stems(
    word: str, vocabulary: Vocabulary, lexicon: frozenset[str] = _OWN_LETTER_STEMS
) -> tuple[str, ...]:
    """The index stems a query for ``word`` (a normalised token) should match.

    The word's own stem comes first. ``vocabulary`` needs to hold only the stems of
    :func:`questions`; a stem it lacks is one the archive does not hold. ``lexicon``
    holds the stems of words known to begin with their own و ب ك ف or ل.

    >>> vocabulary = vocabulary_of(["بحلب", "حلب", "البيان", "بيان", "يان"])
    >>> search_stems("بحلب", vocabulary), search_stems("بيان", vocabulary)
    (('بحلب', 'حلب'), ('بيان',))
    """
    own = light_stem(word)
    if not _ARABIC_LETTERS.fullmatch(word):
        return (own,)
    bases = _bases(word, _clitic_reading(word, vocabulary, lexicon))
    stems = [own, *(stem for base in bases for stem in _stems_of(base))]
    for base in bases:
        stems += sorted(
            stem
            for stem in _with_clitics(base)
            if stem in vocabulary and not _is_word_by_itself(stem, vocabulary, lexicon)
        )
    return tuple(dict.fromkeys(stems))
