"""The search index's generation: a number every cached read-also list is keyed by.

Any publish, unpublish, delete or new rendition moves it, so a list cached before the
change is never read again and needs no purging.
"""

from __future__ import annotations

import time

from django.core.cache import cache

GENERATION_KEY = "nashra:search:generation"


def forget_cached_results() -> None:
    """Move to a new generation: every cached read-also list is then stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time()), None)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(time.time())
        cache.add(GENERATION_KEY, value, None)
    return int(value)
