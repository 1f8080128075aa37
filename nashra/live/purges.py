"""What a change in live coverage purges: as little as readers can see change.

An entry changes the story's own page, its updates endpoint and its entries' feed, and
nothing else, so the rest of the site stays cached while an event is covered minute by
minute; a key event also changes the home page, which lists them. Starting or ending the
coverage changes the story's cards (the live badge) wherever they are listed: that moves
the site-wide stamp, as publishing does.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from wagtail.signals import page_unpublished

from nashra.newsroom.models import ArticlePage
from nashra.operations.purges import purge_pages, purge_paths


def coverage_paths(article_id: int, url: str) -> list[str]:
    """The story's own addresses (page, print view), then its updates and feed."""
    return [
        url,
        url + "print/",
        reverse("live:updates", args=[article_id]),
        reverse("live:feed", args=[article_id]),
    ]


def entries_changed(article_id: int, *, key_events: bool) -> None:
    def purge() -> None:
        story = ArticlePage.objects.filter(pk=article_id, live=True).only(
            "id", "url_path", "path", "depth"
        ).first()
        if story is None:
            return  # not published, or gone with its entries: its own purge covers it
        paths = coverage_paths(article_id, story.url or "")
        purge_paths([*paths, "/"] if key_events else paths)

    # After the commit, so a poll that follows the purge finds the entry.
    transaction.on_commit(purge)


def coverage_changed(article: ArticlePage) -> None:
    def purge() -> None:
        if article.live:
            purge_pages([article])
            purge_paths(coverage_paths(article.pk, article.url or "")[2:])

    transaction.on_commit(purge)


def _story_withdrawn(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """A live story unpublished or deleted: the proxy must stop answering its updates."""
    if getattr(instance, "coverage_started_at", None) is None:
        return
    article_id = instance.pk
    transaction.on_commit(lambda: purge_paths(coverage_paths(article_id, "")[2:]))


def connect() -> None:
    page_unpublished.connect(_story_withdrawn, sender=ArticlePage,
                             dispatch_uid="nashra-live-unpublished")
    post_delete.connect(_story_withdrawn, sender=ArticlePage, dispatch_uid="nashra-live-deleted")
