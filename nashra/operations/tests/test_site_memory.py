"""A worker's memory of site-wide things: made once per site-wide stamp, and no longer."""

from __future__ import annotations

import time
from itertools import count

import pytest

from nashra.operations.page_cache import stamps
from nashra.operations.site_memory import Memory, remembered


@pytest.fixture
def kept_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path


def test_a_thing_is_made_once_until_the_site_changes(kept_on) -> None:
    made = count(1)
    first = remembered(("thing",), lambda: next(made))
    assert remembered(("thing",), lambda: next(made)) == first
    assert remembered(("other",), lambda: next(made)) != first

    stamps.move_site()
    assert remembered(("thing",), lambda: next(made)) not in {first, None}


def test_a_thing_kept_for_some_seconds_is_made_again_after_them(kept_on) -> None:
    made = count(1)
    first = remembered(("list",), lambda: next(made), seconds=0.2)
    assert remembered(("list",), lambda: next(made), seconds=0.2) == first
    time.sleep(0.3)
    assert remembered(("list",), lambda: next(made), seconds=0.2) != first


def test_nothing_is_kept_with_the_page_cache_off(settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    made = count(1)
    assert remembered(("thing",), lambda: next(made)) != remembered(("thing",), lambda: next(made))


def test_many_things_are_made_together_and_only_those_not_kept(kept_on) -> None:
    memory = Memory(size=2)
    asked: list[list[int]] = []

    def make(keys: list[int]) -> dict[int, str]:
        asked.append(keys)
        return {key: f"made {key} in round {len(asked)}" for key in keys if key != 13}

    first = memory.remembered_many([1, 2, 13], make)
    assert first == {1: "made 1 in round 1", 2: "made 2 in round 1"}
    assert memory.remembered_many([2, 3], make) == {2: "made 2 in round 1", 3: "made 3 in round 2"}
    assert asked == [[1, 2, 13], [3]]

    # Past its size the least recently used (1) went; 13, never made, is asked again.
    assert memory.remembered_many([1, 13], make) == {1: "made 1 in round 3"}
    assert asked[-1] == [1, 13]

    stamps.move_site()
    assert memory.remembered_many([2], make) == {2: "made 2 in round 4"}
