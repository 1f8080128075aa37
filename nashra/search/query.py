"""What a reader typed, turned into keys: words, quoted phrases and exclusions.

The parser never fails: anything it does not understand (stray quotes,
brackets, SQL or FTS operators, punctuation) separates words like a space,
because the only text that reaches an index is keys built here, never the
reader's characters. A query of nothing but stop words or punctuation has
no terms and finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from nashra.arabic import normalize, tokenize
from nashra.arabic.stopwords import STOP_WORDS
from nashra.arabic.variants import search_stems

MAX_QUERY_LENGTH: Final = 200
MAX_TERMS: Final = 10

_QUOTED: Final = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a query: its normalised key and the stems it may match."""

    exact: str
    stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. ``terms`` must all match; ``phrases`` must match in order."""

    text: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = field(default=())
    # The (stories, strongest impact) of each key its words and phrases may match, by
    # the key's number, read with the archive's vocabulary when the query was widened
    # (nashra.search.vocabulary); empty before. A key listed with (0, 0) is in no story.
    totals: Mapping[int, tuple[int, int]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for (exclusions alone find nothing)."""
        return not self.terms and not self.phrases

    def all_terms(self) -> list[Term]:
        return [*self.terms, *(term for phrase in self.phrases for term in phrase)]

    def exact_keys(self) -> set[str]:
        return {term.exact for term in self.all_terms()}

    def stem_keys(self) -> set[str]:
        return {stem for term in self.all_terms() for stem in term.stems}


class QueryProblem(Enum):
    """Why a reader's text cannot be searched: each has its own message on the page."""

    TOO_LONG = "too-long"
    CONTROL_CHARACTERS = "control-characters"
    ONLY_MARKS = "only-marks"
    ONLY_STOP_WORDS = "only-stop-words"


_TATWEEL: Final = "\u0640"


def query_problem(text: str) -> QueryProblem | None:
    """What is wrong with ``text`` as a query, or None when it can be searched.

    Text that is merely unsearchable punctuation is not a problem here: it parses to
    an empty query and the page says it found no words to look for.

    >>> query_problem("الحكومة") is None
    True
    >>> query_problem("في من"), query_problem("َ ُ")
    (<QueryProblem.ONLY_STOP_WORDS: 'only-stop-words'>, <QueryProblem.ONLY_MARKS: 'only-marks'>)
    """
    text = text.strip()
    if len(text) > MAX_QUERY_LENGTH:
        return QueryProblem.TOO_LONG
    if any(unicodedata.category(char) == "Cc" and not char.isspace() for char in text):
        return QueryProblem.CONTROL_CHARACTERS
    visible = [char for char in text if not char.isspace()]
    if visible and all(
        unicodedata.category(char) in ("Mn", "Me") or char == _TATWEEL for char in visible
    ):
        return QueryProblem.ONLY_MARKS
    words = tokenize(text)
    if words and all(word in STOP_WORDS for word in words):
        return QueryProblem.ONLY_STOP_WORDS
    return None


def term(word: str) -> Term:
    """The term for one normalised word, with the stems its letters alone call for.

    Its broken plurals and, unless the project's lexicon knows it as a word, the word
    without a leading clitic (بحلب: حلب). What the archive holds can widen it further:
    :func:`nashra.search.vocabulary.widen`.
    """
    return Term(exact=word, stems=search_stems(word, {}))


def _words(text: str) -> list[str]:
    return [word for word in tokenize(text) if word not in STOP_WORDS]


def parse(text: str) -> Query:
    """Parse a reader's query. Never raises.

    >>> q = parse('الأسد "وزير المالية" -سوريا')
    >>> [t.exact for t in q.terms], [[t.exact for t in p] for p in q.phrases]
    (['الاسد'], [['وزير', 'الماليه']])
    >>> [t.exact for t in q.excluded]
    ['سوريا']
    >>> parse("'; DROP TABLE x; --").terms[0].exact
    'drop'
    >>> parse("؟!.،").is_empty
    True
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    phrases: list[tuple[Term, ...]] = []

    def take_phrase(match: re.Match[str]) -> str:
        words = _words(next(group for group in match.groups() if group is not None))
        if len(words) > 1:
            phrases.append(tuple(term(word) for word in words))
            return " "
        return " ".join(words)  # a quoted single word is a plain word

    rest = _QUOTED.sub(take_phrase, text)
    terms: list[Term] = []
    excluded: list[Term] = []
    for chunk in normalize(rest).split():
        # A minus (or the Arabic-keyboard hyphen) before a word excludes it;
        # a minus inside a word (covid-19) only separates.
        target = excluded if chunk[0] in "-−–" and len(chunk) > 1 else terms
        for word in _words(chunk):
            if all(existing.exact != word for existing in target):
                target.append(term(word))
    budget = MAX_TERMS
    kept_phrases: list[tuple[Term, ...]] = []
    for phrase in phrases[:3]:
        # A phrase longer than what is left keeps its opening words, still in order.
        kept = phrase[:budget]
        if len(kept) > 1:
            kept_phrases.append(kept)
            budget -= len(kept)
    return Query(
        text=text,
        terms=tuple(terms[:budget]),
        phrases=tuple(kept_phrases),
        excluded=tuple(excluded[:MAX_TERMS]),
    )
