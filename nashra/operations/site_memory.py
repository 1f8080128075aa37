"""What a worker keeps in its own memory until the site changes.

Every uncached page reads the same site-wide things: the site and its settings, the
sites' root paths, and draws the same head links, navigation, ticker, footer and
most-read list. Fetched from Redis and unpickled, or drawn again, on each miss, they
were a third of a story's render and most of its round trips. They change only through
a publish, an unpublish, a move, a deletion or a settings or site change, and each of
those moves the page cache's site-wide stamp (see purges.py and site_lookup.py), so the
stamp is part of every key here and nothing needs forgetting: what was kept under an
older stamp is never asked for again and ages out. A thing that changes otherwise (the
most-read list, which follows the readers) is also kept for a few seconds only.

A worker hears a stamp move within a fraction of a millisecond with Redis (near_pages)
and at its next file check without it, as the page cache does. With the page cache off
(tests, debugging) nothing is kept.

Each kind of thing has a Memory of its own size (the frame's parts here, the stories and
cards a search found in nashra.search.cards), so that thousands of one kind cannot push
out the few of another. What is kept is shared by the worker's threads: it must not be
changed after it is made.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings

from nashra.operations.page_cache import stamps

# Parts times their variants (each section's navigation marks that section), and a
# site record per host name: a few dozen on a real site. Past this the least recently
# used are dropped.
MAX_KEPT = 512

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Memory:
    """Things kept under the site-wide stamp; past ``size`` the least recently used go."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[int, Hashable], tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()
        _memories.append(self)

    def remembered(self, key: Hashable, make: Callable[[], T],
                   seconds: float | None = None) -> T:
        """What ``make`` gives for ``key`` under the current site-wide stamp, made once."""
        if settings.PAGE_CACHE_SECONDS <= 0:
            return make()
        # Read before making: a change that lands meanwhile leaves this copy under the old
        # stamp, where no one asks for it.
        stamp = stamps.site()
        now = time.monotonic()
        found = self._found(stamp, [key], now)
        if key in found:
            return found[key]  # type: ignore[return-value]
        made = make()
        self._keep(stamp, {key: made}, now + seconds if seconds else float("inf"))
        return made

    def remembered_many(self, keys: Iterable[K],
                        make: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
        """What ``make`` gives for each of ``keys``, asked once for all those not kept.

        A key that ``make`` leaves out is asked for again the next time.
        """
        wanted = list(keys)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return make(wanted)
        stamp = stamps.site()
        kept: dict[K, T] = self._found(stamp, wanted, time.monotonic())  # type: ignore[assignment]
        missing = [key for key in wanted if key not in kept]
        if missing:
            made = make(missing)
            self._keep(stamp, made, float("inf"))
            kept.update(made)
        return kept

    def _found(self, stamp: int, keys: Iterable[Hashable], now: float) -> dict[Hashable, object]:
        found = {}
        with self._lock:
            for key in keys:
                kept = self._kept.get((stamp, key))
                if kept is not None and kept[0] > now:
                    self._kept.move_to_end((stamp, key))
                    found[key] = kept[1]
        return found

    def _keep(self, stamp: int, made: Mapping[Any, object], until: float) -> None:
        with self._lock:
            for key, value in made.items():
                self._kept[(stamp, key)] = (until, value)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()


_memories: list[Memory] = []
_parts = Memory(MAX_KEPT)


def remembered(key: tuple[Hashable, ...], make: Callable[[], T],
               seconds: float | None = None) -> T:
    """What ``make`` gives for ``key`` under the current site-wide stamp, made once."""
    return _parts.remembered(key, make, seconds)


def forget_all() -> None:
    for memory in _memories:
        memory.forget()
