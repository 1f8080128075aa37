"""Where a story's «إقرأ أيضاً» list comes from.

Editors' picks and related stories are read from the search index, an app that stands
above the newsroom (it indexes the newsroom's stories). So the newsroom does not import
it: the search app hands its list in when it starts (search/apps.py). With no search app
installed a story shows no list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReadAlsoSource:
    # The stories shown under `page`, cached by the source.
    stories: Callable[[Any], list[Any]]
    # Keep the list again as shown (its thumbnails loaded), for the next reader.
    keep: Callable[[Any, list[Any]], None]


_source: ReadAlsoSource | None = None


def provide(source: ReadAlsoSource) -> None:
    global _source
    _source = source


def read_also_for(page: Any) -> list[Any]:
    return _source.stories(page) if _source is not None else []


def keep_read_also(page: Any, stories: list[Any]) -> None:
    if _source is not None:
        _source.keep(page, stories)
