"""Whether a request's Cookie header carries Django's session: an editor's, not a reader's.

The page cache and the render slots both tell readers from editors by it, and must agree
with Django itself: the header is read by Django's own parser, which the session
middleware reads it with, so no header can be a reader's here and an editor's there (a
stricter parser stopped at a malformed pair and missed a session cookie after it).
"""

from __future__ import annotations

from django.conf import settings
from django.http.cookie import parse_cookie


def carries_session(cookies: str) -> bool:
    """Whether the Cookie header ``cookies`` has the session cookie, as Django reads it."""
    name = settings.SESSION_COOKIE_NAME
    if name not in cookies:  # most readers: no parsing needed
        return False
    return name in parse_cookie(cookies)
