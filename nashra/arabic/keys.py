"""The search keys of a text: what a full-text index stores for it.

>>> keys = search_keys("وقالت الحكومةُ إنّ الأسعار ارتفعت 12.4% في عام ٢٠٢٥")
>>> keys.exact
'وقالت الحكومه الاسعار ارتفعت 12.4 عام 2025'
>>> keys.stemmed
'وقالت حكوم اسعار ارتفعت 12.4 عام 2025'
"""

from __future__ import annotations

from dataclasses import dataclass

from .stem import light_stem
from .stopwords import STOP_WORDS
from .tokenize import tokenize

__all__ = ["SearchKeys", "search_keys"]


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """Two space-separated lists of keys for one text, word for word.

    ``exact`` holds the normalised words, ``stemmed`` the light stem of each;
    the n-th key of one and the n-th key of the other come from the same
    word. Keys contain no whitespace. A number keeps its separators (12.4,
    1,200), so an index tokenizer must not split on ``.`` or ``,`` (SQLite
    FTS5: ``tokenize="unicode61 tokenchars '.,'"``).

    >>> SearchKeys(exact="الحكومه", stemmed="حكوم").stemmed
    'حكوم'
    """

    exact: str
    stemmed: str


def search_keys(text: str) -> SearchKeys:
    """Return the keys under which ``text`` is found.

    Stop words are dropped from both lists by their normalised form,
    before stemming. A stem that happens to be spelt like a stop word stays
    (كانون, the month, stems to كان): queries are stemmed the same way, so it
    can only be matched by the words that produced it.

    >>> search_keys("هذا هو المستشفى الذي زاره الوزير")
    SearchKeys(exact='المستشفي زاره الوزير', stemmed='مستشف زار وزير')
    >>> search_keys("في ما بين")
    SearchKeys(exact='', stemmed='')
    """
    words = [token for token in tokenize(text) if token not in STOP_WORDS]
    return SearchKeys(exact=" ".join(words), stemmed=" ".join(map(light_stem, words)))
