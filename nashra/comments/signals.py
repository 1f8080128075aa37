"""What the comments app tells the rest of the site, and the caches it keeps in step."""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from nashra.operations.purges import purge_paths

# Sent (after commit) when the comments readers can see on an article change: approved,
# withdrawn or edited. Caches of the article page listen to it. Arguments: article.
comments_changed = Signal()


def _purge_article(sender: Any, article: Any, **kwargs: Any) -> None:
    # Comments show on the story and its print view only: no list needs drawing again.
    path = article.url or ""
    purge_paths([path, path + "print/"])


def connect() -> None:
    comments_changed.connect(_purge_article, dispatch_uid="nashra-page-cache-comments")
