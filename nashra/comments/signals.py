"""What the comments app tells the rest of the site."""

from __future__ import annotations

from django.dispatch import Signal

# Sent (after commit) when the comments readers can see on an article change: approved,
# withdrawn or edited. Caches of the article page listen to it. Arguments: article.
comments_changed = Signal()
