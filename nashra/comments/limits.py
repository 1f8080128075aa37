"""Counting readers' attempts in the cache (Redis in production, so every process agrees)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, who: str, seconds: int) -> str:
    # Addresses and emails are hashed so the cache never holds them in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{who}".encode()).hexdigest()[:32]
    return f"comments:limit:{scope}:{seconds}:{digest}"


def over_limit(scope: str, who: str, windows: list[tuple[int, int]]) -> bool:
    """Whether ``who`` already used up any window; does not count an attempt."""
    return any(
        (cache.get(_key(scope, who, seconds)) or 0) >= allowed for allowed, seconds in windows
    )


def count(scope: str, who: str, windows: list[tuple[int, int]]) -> None:
    for _allowed, seconds in windows:
        key = _key(scope, who, seconds)
        # add() starts the window only when the key is new, so the window is fixed, not
        # sliding: the first attempt opens it and it closes `seconds` later.
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:
            # The window closed between add() and incr(): start a new one.
            cache.set(key, 1, timeout=seconds)


def visitor_hash(address: str | None, user_agent: str) -> str:
    """A stand-in for one visitor that names neither the address nor the browser."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}:{user_agent}".encode()).hexdigest()
