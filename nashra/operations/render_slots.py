"""How many readers' pages one process renders at once; the others wait their turn.

A gunicorn worker runs several threads so that a cached page is answered while another
thread renders (page_cache), but renders sharing one interpreter share it in 5 ms
slices: a search page that takes 17 ms alone takes four times that with three others
beside it, and those were the slowest answers of the search page under load. Given a
slot each in turn, a render runs to its end, and a slow page no longer pays for the fast
ones' company. Only a reader's render takes a slot: cache hits, comment posts, beacons
and editors never wait for one, so an editor's upload cannot hold readers up.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

from nashra.operations.session_cookie import carries_session

_made_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}
# A render may run the middleware again inside itself (Wagtail's previews do): the
# thread already has its slot, and waiting for a second one could wait for itself.
_holding = threading.local()


def _semaphore(count: int) -> threading.BoundedSemaphore:
    with _made_lock:
        return _slots.setdefault(count, threading.BoundedSemaphore(count))


def takes_slot(meta: dict[str, Any]) -> bool:
    """Whether this request is a reader's page (GET or HEAD, no session cookie)."""
    if settings.RENDER_SLOTS <= 0 or meta.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    return not carries_session(meta.get("HTTP_COOKIE", ""))


@contextmanager
def render_slot(meta: dict[str, Any]) -> Iterator[None]:
    """Holds one of the process's RENDER_SLOTS while a reader's page renders."""
    if getattr(_holding, "slot", False) or not takes_slot(meta):
        yield
        return
    with _semaphore(settings.RENDER_SLOTS):
        _holding.slot = True
        try:
            yield
        finally:
            _holding.slot = False
