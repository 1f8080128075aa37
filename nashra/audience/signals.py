"""Keep counts and most-read lists true when editors publish, unpublish or delete."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from nashra.audience import most_read, storage
from nashra.audience.liveness import forget_article


def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget_article(instance.pk)
    # A revision carries the view count of the moment it was saved; publishing it writes
    # that old figure back onto the article, so put the real total back.
    storage.show_totals([instance.pk])


def _withdrawn(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget_article(instance.pk)
    most_read.forget()


def connect() -> None:
    from nashra.newsroom.models import ArticlePage

    page_published.connect(_published, sender=ArticlePage, dispatch_uid="audience-published")
    page_unpublished.connect(_withdrawn, sender=ArticlePage, dispatch_uid="audience-unpublished")
    post_delete.connect(_withdrawn, sender=ArticlePage, dispatch_uid="audience-deleted")
