"""Counting attempts in the cache (Redis in production, so every process agrees): comment
posts, captcha answers and reports, admin logins and password resets.

An attempt is counted first and compared after: the cache's increment is atomic and
returns the new count, so requests racing each other each see a different count and at
most ``allowed`` of them fit. (Reading the count, acting, then counting let a burst of
parallel requests all see room for one more.)
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

Windows = list[tuple[int, int]]  # (attempts allowed, window in seconds)


def _key(scope: str, who: str, seconds: int) -> str:
    # Addresses and emails are hashed so the cache never holds them in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{who}".encode()).hexdigest()[:32]
    return f"limit:{scope}:{seconds}:{digest}"


def _increment(key: str, seconds: int) -> int:
    # add() starts the window only when the key is new, so the window is fixed, not
    # sliding: the first attempt opens it and it closes `seconds` later.
    while True:
        cache.add(key, 0, timeout=seconds)
        try:
            count = int(cache.incr(key))
        except ValueError:
            continue  # the window closed between add() and incr(): open a new one
        if count == 1:
            # Django's Redis incr() is EXISTS then INCR: a key that expires in between is
            # made again by INCR with no expiry, and that window would never close. The
            # attempt that opens a window sets its end, whoever made the key (a count
            # given back to nothing opens a new window: it held nothing back).
            cache.touch(key, seconds)
        return count


def take(scope: str, who: str, windows: Windows) -> bool:
    """Count one attempt by ``who`` in every window; whether it fits in all of them.

    An attempt that does not fit stays counted: give it back with :func:`give_back`
    when it should not use up the reader's allowance.
    """
    counts = [(_increment(_key(scope, who, secs), secs), allowed) for allowed, secs in windows]
    return all(count <= allowed for count, allowed in counts)


def give_back(scope: str, who: str, windows: Windows) -> None:
    """Uncount one attempt taken with :func:`take` (a refused or failed attempt)."""
    for _allowed, seconds in windows:
        key = _key(scope, who, seconds)
        try:
            left = cache.decr(key)
        except ValueError:
            continue  # its window has closed already
        if left < 0:
            # The window closed between Redis' EXISTS and DECR, which made the key again
            # with no expiry: there is nothing to give back to.
            cache.delete(key)


class Attempt:
    """One attempt counted against several people's limits at once, until given back."""

    def __init__(self, scope: str, whos: list[str], windows: Windows) -> None:
        self.scope, self.whos, self.windows = scope, whos, windows
        self.fits = all([take(scope, who, windows) for who in whos])
        self._given_back = False

    def give_back(self) -> None:
        if not self._given_back:
            self._given_back = True
            for who in self.whos:
                give_back(self.scope, who, self.windows)


def visitor_hash(address: str | None, user_agent: str) -> str:
    """A stand-in for one visitor that names neither the address nor the browser."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}:{user_agent}".encode()).hexdigest()
