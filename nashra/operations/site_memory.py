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

What is kept is shared by the worker's threads: it must not be changed after it is made.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings

from nashra.operations.page_cache import stamps

# Parts times their variants (each section's navigation marks that section), and a
# site record per host name: a few dozen on a real site. Past this the least recently
# used are dropped.
MAX_KEPT = 512

T = TypeVar("T")

_kept: OrderedDict[tuple[Hashable, ...], tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def remembered(key: tuple[Hashable, ...], make: Callable[[], T],
               seconds: float | None = None) -> T:
    """What ``make`` gives for ``key`` under the current site-wide stamp, made once."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return make()
    # Read before making: a change that lands meanwhile leaves this copy under the old
    # stamp, where no one asks for it.
    full = (stamps.site(), *key)
    now = time.monotonic()
    with _lock:
        found = _kept.get(full)
        if found is not None and found[0] > now:
            _kept.move_to_end(full)
            return found[1]  # type: ignore[return-value]
    made = make()
    with _lock:
        _kept[full] = (now + seconds if seconds else float("inf"), made)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return made


def forget_all() -> None:
    with _lock:
        _kept.clear()
