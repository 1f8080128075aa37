"""A light stemmer for Arabic search: strip clitics and common suffixes.

:func:`light_stem` is in the family of Larkey's light10 (Larkey, Ballesteros
and Connell, 2007): no roots and one short list of words (below), only
prefixes and suffixes cut off a normalised word, so that الحكومة, والحكومة,
الحكومية and حكومات share a key. It differs from light10 where light10 is known to fail:

* The conjunction و is removed only before an article (والحكومة) or before
  another و (ووزير). light10 removes it from any word of four letters or
  more, which cuts the first letter of وزير, وزارة, وكالة, وطنية, وفاة,
  وجود (so that وزير no longer matches الوزير) and merges ورقة with
  الرقة, وفاة with فاه, وقود with قود (row 4 of the table below). وقال is
  found from قال at query time instead, by the archive's evidence
  (:mod:`~nashra.arabic.variants`).
* Single-letter proclitics ب ك ف ل before a word without an article
  (بحلب) are not removed, as in light10: removing them cuts the first
  letter of كتاب, بيان, فريق, لجنة, برلمان, so that الكتاب and كتاب no
  longer match, and merges بطاقة with طاقة, كمال with مال, فكرة with كرة.
  بحلب is found from حلب at query time instead (row 3 cuts them here: it
  finds those, loses more, and collides more).
* Suffixes are removed repeatedly, longest first, not in one pass, so
  لبنان, اللبناني and اللبنانيين all reach لبن, and فلسطين and الفلسطينية
  both reach فلسط (light10 gives لبن but لبنان, فلسط but فلسطين).
* A suffix is removed only if three letters remain (light10: two), which
  keeps قمة from قم (Qom), سنة from سن, خطة from خط, عمان from عم, ستين
  from ست, أمان from أم. A final ه (taa marbuta or "his"), يه or ها is
  removed at most once.
* In آلاف, آلات, آلية, آليات the ال is part of the word, not the article.
* A noun in ة whose stem without it is another word keeps its ة, with its
  dual, possessive and plural in ات (:mod:`~nashra.arabic.feminine_words`):
  مدرسة, مدرستين and مدرستها stem to مدرسه, not to مدرس (teacher); جامعة and
  جامعات to جامعه, not to جامع (mosque). light10 merges them.

Measured in ``tests/test_stemmer_choice.py`` on 1192 spelling variants of 356
words (each compared with its group's first form) and 160 pairs of different
words that must stay apart. Every variant is passed through
:func:`~nashra.arabic.normalize.normalize` first. A rule is measured as a
search: the index holds :func:`light_stem` of each word (or the rule's own stem),
and a query asks for the stems the rule gives it, which for the last three rows
are those of :func:`~nashra.arabic.variants.search_stems` (broken plurals, and
clitics off a bare word: by its letters alone, by the archive's evidence without
the lexicon, or by both). "Matched" counts variants found from their group's
word and the other way round, "collided" the pairs where either finds the other:

=============================================  =======  ========
rules                                          matched  collided
=============================================  =======  ========
light10 as published                               579        82
nashra stem                                        522        37
nashra stem, ة cut from every noun                 517        51
nashra stem, ب ك ف ل cut before a bare word        635        68
nashra stem, و cut before a bare word              607        56
nashra stem, و ب ك ف ل cut before a bare word      702        86
nashra stem, suffixes leave 2 letters              526        51
nashra + plurals + clitics off the query           785        41
nashra + plurals + clitics, no lexicon            1077        85
nashra + plurals + clitics by evidence            1075        40
=============================================  =======  ========

The rules chosen are the last row: the stemmer above for the index, with
:mod:`~nashra.arabic.variants` at query time. It matches more than any stemmer
alone (rows 1 to 7), and collides less than the stemmer that cut every ة (row
3), which merged مدرسة with مدرس and, through their broken plurals, مدارس with
مدرس and قواعد with قاعد. The same rules without the lexicon match two more (ل
before a word that begins with ل: للندن, لليبيا) and collide twice as often. It
merges three pairs that the stemmer alone keeps apart (listed in the test): لقمة
and لحية, which the lexicon leaves out because the clitic reading is commoner in
news, and وردة, which this measurement's archive never shows after an article.
What it still misses is a clitic and a suffix on one bare word (بحكومته), ل
before a word that begins with ل (للندن looks like لل + ندن), سوريا against
سورية, and للجنة (ل + اللجنة is spelt like ل + الجنة); what it still merges are
words no light stemmer can tell apart (رياضي and الرياض, لبنان and لبن, كانون
and كان, عملية and عمل) and nouns in ة that the list of
:mod:`~nashra.arabic.feminine_words` does not hold.

>>> [light_stem(w) for w in ["الحكومه", "والحكومه", "حكومات", "الحكوميه"]]
['حكوم', 'حكوم', 'حكوم', 'حكوم']
>>> [light_stem(w) for w in ["الاسد", "للاسد", "بالاسد", "covid", "12.4"]]
['اسد', 'اسد', 'اسد', 'covid', '12.4']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .feminine_words import WITH_NISBA
from .feminine_words import WORDS as FEMININE_WORDS
from .normalize import normalize
from .tokenize import ARABIC_SCRIPT

__all__ = ["light_stem", "stem_with_prefix"]

# Longest first. The conjunction و may precede an article (والحكومة,
# وللأسد, وبالتالي) but not كال: وكالة and وكالات (agency) begin with those
# letters, and a stripped وكال would leave ات.
_ARTICLES: Final = ("وبال", "ولل", "وال", "بال", "كال", "فال", "لل", "ال")
_MIN_AFTER_ARTICLE: Final = 2  # the shortest nouns are two letters: الحل، الحق، الدم، الجو

# Longest first; a word can only end in one of each length.
_SUFFIXES: Final = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
# ه is a feminine ending (ة) or the pronoun "his", يه the feminine adjective
# ending (ية), ها the pronoun "her": one of them at most ends a word.
_ONCE: Final = frozenset({"ها", "يه", "ه"})

# Words whose leading ال is part of the word (آلاف، آلات، آلية، آليات).
_AL_IS_ROOT: Final = frozenset({"الاف", "الات", "اليه", "اليات"})

# Nouns in ة that keep it (normalised: ه), and those whose relative adjective is theirs.
_KEEP_TAA: Final = frozenset(normalize(word) for word in FEMININE_WORDS)
_OWN_NISBA: Final = frozenset(normalize(word) for word in WITH_NISBA)

# Letters of the Arabic script, after normalisation; anything else (Latin,
# numbers, other scripts) passes through light_stem unchanged.
_ARABIC_WORD: Final = re.compile(rf"(?:(?=[{ARABIC_SCRIPT}])[^\W\d_])+")


@dataclass(frozen=True, slots=True)
class _LightStemmer:
    """The stemming rules, with the alternatives that were measured.

    Only the default instance is public, as :func:`light_stem`: an index and
    the queries against it must be stemmed by the same rules.
    """

    min_stem: int = 3
    """Letters that must remain after removing a suffix."""
    proclitics: str = ""
    """Single letters removed before a word without an article, if three letters remain."""
    keep_taa: frozenset[str] = _KEEP_TAA
    """Nouns in ة (normalised) whose stem keeps it: see :mod:`~nashra.arabic.feminine_words`."""
    own_nisba: frozenset[str] = _OWN_NISBA
    """Those of ``keep_taa`` whose relative adjective in ي or ية stems to them."""

    def __call__(self, token: str) -> str:
        return self.parts(token)[1]

    def parts(self, token: str) -> tuple[str, str]:
        """The prefix removed (an article, or a clitic) and the stem."""
        if not _ARABIC_WORD.fullmatch(token):
            return "", token
        prefix = self._prefix(token)
        bare = token[len(prefix) :]
        return prefix, self._kept_taa(bare) or self._strip_suffixes(bare)

    def _prefix(self, word: str) -> str:
        if word in _AL_IS_ROOT:
            return ""
        for article in _ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= _MIN_AFTER_ARTICLE:
                return article
        if len(word) >= 4 and (word[0] in self.proclitics or word.startswith("وو")):
            return word[0]
        return ""

    def _kept_taa(self, word: str) -> str | None:
        """The stem of ``word`` if it is a form of a noun that keeps its ة, else None.

        The noun itself, its dual or possessive (ة written ت before the ending: مدرستين,
        مدرسته), its plural in ات, and for some its relative adjective (جامعي, جامعية).
        """
        if not self.keep_taa:
            return None
        if word in self.keep_taa:
            return word
        for ending in ("تين", "تان", "تها", "ته", "تي", "ات"):
            if word.endswith(ending) and (noun := word[: -len(ending)] + "ه") in self.keep_taa:
                return noun
        for ending in ("يه", "ي"):
            if word.endswith(ending) and (noun := word[: -len(ending)] + "ه") in self.own_nisba:
                return noun
        return None

    def _strip_suffixes(self, word: str) -> str:
        used_once = False
        while True:
            for suffix in _SUFFIXES:
                if (
                    word.endswith(suffix)
                    and len(word) - len(suffix) >= self.min_stem
                    and not (used_once and suffix in _ONCE)
                ):
                    word = word[: -len(suffix)]
                    used_once = used_once or suffix in _ONCE
                    break
            else:
                return word


_STEMMER: Final = _LightStemmer()
# Words recur (Zipf): a search page stems the same few thousand again and again, for
# the variants of its query and for the words of its snippets.
_REMEMBERED: Final = 65536


@lru_cache(maxsize=_REMEMBERED)
def light_stem(token: str) -> str:
    """Return the light stem of ``token``, a normalised word.

    ``token`` must already be normalised (as :func:`~nashra.arabic.tokenize`
    returns it): ة, ى and hamza forms are not recognised here. Numbers,
    Latin and other non-Arabic tokens are returned unchanged; English
    plurals are not stripped, because the proper nouns in the news end in s
    (Hamas would become Hama, a Syrian city; Paris, Texas, ISIS).

    The stem is never empty: it is the token with a prefix and suffixes cut
    off, never shorter than two letters unless the token was. It is not a
    word and not always a fixed point: ``light_stem`` of a stem may cut
    more (الالعاب gives العاب, which gives عاب), so stem tokens, not stems.

    >>> light_stem("اللبنانيين"), light_stem("لبنان")
    ('لبن', 'لبن')
    >>> light_stem("الوزير"), light_stem("ووزير"), light_stem("وزير")
    ('وزير', 'وزير', 'وزير')
    >>> light_stem("بحلب"), light_stem("قمه"), light_stem("hamas")
    ('بحلب', 'قمه', 'hamas')
    >>> light_stem("المدرسه"), light_stem("مدرستين"), light_stem("المدرسين")
    ('مدرسه', 'مدرسه', 'مدرس')
    """
    return _STEMMER(token)


@lru_cache(maxsize=_REMEMBERED)
def stem_with_prefix(token: str) -> tuple[str, str]:
    """Return the prefix :func:`light_stem` removes from ``token``, and the stem.

    The prefix is an article with what is glued before it (ال, وال, بال, لل...) or
    the first of two و; a word that had one is known to be a word by itself.

    >>> stem_with_prefix("والبطاقه"), stem_with_prefix("بطاقه"), stem_with_prefix("ووافق")
    (('وال', 'بطاق'), ('', 'بطاق'), ('و', 'وافق'))
    """
    return _STEMMER.parts(token)
