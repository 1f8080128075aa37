"""Keep the search index in step with publishing: publish, unpublish, move, delete.

Work is deferred to the commit so a rolled-back publish never reaches the index,
and it is robust: a failure is logged, the publish itself stands, and
`rebuild_search_index` repairs the index.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.newsroom.models import ArticlePage
from nashra.pictures.signals import renditions_made
from nashra.search.generations import forget_cached_results


def _reindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from nashra.search.documents import index_article

    specific = instance.specific_class
    if specific is not None and issubclass(specific, ArticlePage):
        transaction.on_commit(partial(index_article, instance.pk), robust=True)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The entry itself goes with the page (ON DELETE CASCADE through the ORM).
    transaction.on_commit(forget_cached_results, robust=True)


def _pictures_changed(sender: Any, picture: Any, **kwargs: Any) -> None:
    # Cached read-also lists carry their stories' thumbnails: new renditions, new lists.
    forget_cached_results()


def connect(app: AppConfig) -> None:
    renditions_made.connect(_pictures_changed, dispatch_uid="nashra-search-pictures")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_reindex, dispatch_uid=f"nashra-search-{id(signal)}")
    post_delete.connect(_deleted, sender=ArticlePage, dispatch_uid="nashra-search-delete")
