"""The comment form's token: proof that a post comes from a form this site handed out.

The article page is cached for everyone, so it cannot carry a per-reader CSRF token. The
form asks an uncached endpoint for this token when the reader starts writing. It is
signed, names the article, and records when it was issued, which also gives the
minimum time a human takes to write a comment.
"""

from __future__ import annotations

import time

from django.core import signing

_SALT = "nashra.comments.form"
MAX_AGE_SECONDS = 6 * 3600


class InvalidToken(Exception):
    pass


def issue(article_id: int) -> str:
    return signing.dumps({"a": article_id, "t": time.time()}, salt=_SALT, compress=True)


def seconds_since_issued(token: str, article_id: int) -> float:
    """How long ago the token was handed out for this article; InvalidToken otherwise."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(payload, dict) or payload.get("a") != article_id:
        raise InvalidToken
    return time.time() - float(payload["t"])
