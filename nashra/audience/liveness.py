"""Is this article id one we count? Remembered briefly in each process.

Every beacon asks; a database query each time would cost more than the rest of the
request. An unpublished story stops being counted within LIVE_SECONDS in every process
(at once in the process that unpublished it); a new story is counted at once.
"""

from __future__ import annotations

import time

from nashra.newsroom.models import ArticlePage

LIVE_SECONDS = 30.0
_known: dict[int, tuple[bool, float]] = {}


def article_is_live(article_id: int) -> bool:
    now = time.monotonic()
    known = _known.get(article_id)
    if known is not None and known[1] > now:
        return known[0]
    live = ArticlePage.objects.filter(pk=article_id, live=True).exists()
    # Only "yes" is remembered: a story published a moment ago in another process must
    # be counted from its first reader.
    if live:
        if len(_known) > 50_000:
            _known.clear()
        _known[article_id] = (live, now + LIVE_SECONDS)
    return live


def forget_article(article_id: int) -> None:
    _known.pop(article_id, None)
