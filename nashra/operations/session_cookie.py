"""Whether a request's Cookie header carries Django's session: an editor's, not a reader's.

The page cache and the render slots both tell readers from editors by it, and must agree:
a reader whose cookie only looks like the session's is served and rendered as a reader.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from django.conf import settings


def carries_session(cookies: str) -> bool:
    """Whether the Cookie header `cookies` has the session cookie (a malformed one: yes)."""
    name = settings.SESSION_COOKIE_NAME
    if name not in cookies:  # most readers: no parsing needed
        return False
    parsed = SimpleCookie()
    try:
        parsed.load(cookies)
    except Exception:  # noqa: BLE001 - a malformed header: treat it as an editor's
        return True
    return name in parsed
