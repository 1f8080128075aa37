"""The search index's generation: a number what is kept of the index is keyed by.

Any change to the index (a story indexed or removed, a new rendition, a rebuild) moves
it, so a read-also list, a word's evidence or the archive's shape kept before the change
is never read again and needs no purging. It is one of the page cache's stamps, so every
worker sees it move: through Redis (heard at once, not read on each search) or, without
Redis, through the stamps' files on the box, where a number in each process's own cache
would have been moved by the publishing worker alone.
"""

from __future__ import annotations

from nashra.operations.page_cache import stamps

STAMP = "search-index"


def forget_cached_results() -> None:
    """Move to a new generation: everything kept of the index before is then stale."""
    stamps.move(STAMP)


def generation() -> int:
    return stamps.named(STAMP)


def index_replaced() -> None:
    """The whole index was written again (a rebuild, a re-keying).

    Cached pages show read-also lists, which a rebuild computes again: the site-wide
    stamp moves too.
    """
    forget_cached_results()
    stamps.move_site()
