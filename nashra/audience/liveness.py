"""Is this article id one we count? Remembered briefly in each process.

Every beacon asks; a database query each time would cost more than the rest of the
request. An unpublished story stops being counted within LIVE_SECONDS in every process
(at once in the process that unpublished it); a new story is counted at once.
"""

from __future__ import annotations

import time

from nashra.newsroom.models import ArticlePage

LIVE_SECONDS = 30.0
# The newest stories are what readers read: each process learns them in one query, when
# its first beacon arrives and again every LIVE_SECONDS, instead of one query per story
# in the first seconds after a start, which stalled the beacons of a busy site.
RECENT_STORIES = 5000
_known: dict[int, tuple[bool, float]] = {}
_recent_learned_until = 0.0


def _learn_recent(now: float) -> None:
    global _recent_learned_until
    _recent_learned_until = now + LIVE_SECONDS
    recent = ArticlePage.objects.filter(live=True).order_by("-first_published_at")
    for article_id in recent.values_list("pk", flat=True)[:RECENT_STORIES]:
        _known[article_id] = (True, now + LIVE_SECONDS)


def article_is_live(article_id: int) -> bool:
    now = time.monotonic()
    if now >= _recent_learned_until:
        _learn_recent(now)
    known = _known.get(article_id)
    if known is not None and known[1] > now:
        return known[0]
    live = ArticlePage.objects.filter(pk=article_id, live=True).exists()
    # Only "yes" is remembered: a story published a moment ago in another process must
    # be counted from its first reader.
    if live:
        if len(_known) > 50_000:
            forget_all()
        _known[article_id] = (live, now + LIVE_SECONDS)
    return live


def forget_article(article_id: int) -> None:
    _known.pop(article_id, None)


def forget_all() -> None:
    global _recent_learned_until
    _known.clear()
    _recent_learned_until = 0.0
