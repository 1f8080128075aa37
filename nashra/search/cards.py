"""The stories a search found, and their cards, kept by each worker until the site changes.

A page of results is twenty cards. Loading their stories through the ORM and drawing
each card with its picture, address and date was more than half the cost of a page
with results, yet only the headline and the snippet differ from one query to the
next, and the same stories come back in result after result (the newest rank first).
So a worker keeps the stories it loaded and each card drawn once with markers where
the headline and the snippet go. Both are kept under the page cache's site-wide stamp
(:mod:`nashra.operations.site_memory`), which every publish, unpublish, move, deletion,
new rendition and settings change moves: a kept story or card is never one the site
has since changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe

from nashra.core.templatetags.fragments import drawn_for
from nashra.newsroom.models import ArticlePage
from nashra.operations.site_memory import Memory

if TYPE_CHECKING:
    from nashra.search.results import Result

# A story kept with its picture's record is about 11 KB, a card about 2 KB. Over the
# search stream of `make bench` (10,000 stories) a worker keeping 1,000 stories found
# 83% of those it showed already kept, and 85% keeping 2,000.
_stories = Memory(1000)
# A story's card per host name, scheme and language, with or without a snippet.
_cards = Memory(2000)

# Where the headline and snippet go. A story's own text is escaped in the card, so no
# story can write these.
TITLE_MARK = "<nashra-search-title>"
SNIPPET_MARK = "<nashra-search-snippet>"


def found_stories(ids: Iterable[int]) -> dict[int, ArticlePage]:
    """The published stories among ``ids``, with what their cards show."""
    return _stories.remembered_many(ids, _load)


def _load(ids: list[int]) -> dict[int, ArticlePage]:
    return {
        story.pk: story for story in ArticlePage.objects.published().filter(pk__in=ids).for_cards()
    }


@dataclass(frozen=True, slots=True)
class _Frame:
    """A card drawn with markers, cut where the headline and snippet go."""

    before_title: str
    before_snippet: str
    after: str


@dataclass(frozen=True, slots=True)
class _Marked:
    """A result as the card template reads it, with markers for its words."""

    article: ArticlePage
    title_html: SafeString
    snippet_html: SafeString


def cards(results: list[Result], request: Any) -> SafeString:
    """The cards of ``results``, in order, their headlines and snippets marked."""
    place = drawn_for(request)
    keys = [(*place, result.article.pk, bool(result.snippet_html)) for result in results]
    by_key = {key: result for key, result in zip(keys, results, strict=True)}
    # All of a page's cards in one look: reading the site's stamp (a file's, without
    # Redis) lets other threads of the worker run, and the reader waits each time.
    frames = _cards.remembered_many(
        keys, lambda missing: {key: _drawn(by_key[key].article, key[-1], request)
                               for key in missing}
    )
    # Every piece is markup the template escaped, or a result's own escaped words.
    return mark_safe("".join(  # noqa: S308
        f"{frames[key].before_title}{result.title_html}{frames[key].before_snippet}"
        f"{result.snippet_html if key[-1] else ''}{frames[key].after}"
        for key, result in zip(keys, results, strict=True)
    ))


def _drawn(article: ArticlePage, with_snippet: bool, request: Any) -> _Frame:
    marked = _Marked(
        article, mark_safe(TITLE_MARK), mark_safe(SNIPPET_MARK if with_snippet else "")
    )
    # The card alone, without the context processors a whole page runs.
    drawn = Engine.get_default().get_template("search/result_card.html").render(
        Context({"result": marked, "request": request})
    )
    before_title, rest = drawn.split(TITLE_MARK)
    before_snippet, after = rest.split(SNIPPET_MARK) if with_snippet else (rest, "")
    return _Frame(before_title, before_snippet, after)
