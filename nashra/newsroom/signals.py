"""Keep what is cached in step with the stories: the page frame (navigation, breaking
ticker), and the pages that show a story whose share card was drawn again."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.newsroom.context_processors import forget_site_chrome
from nashra.newsroom.share_cards import share_card_drawn
from nashra.operations.purges import purge_pages


def _forget(sender: Any, **kwargs: Any) -> None:
    forget_site_chrome()


def _share_card_drawn(sender: Any, story: Page, **kwargs: Any) -> None:
    purge_pages([story])


def connect() -> None:
    share_card_drawn.connect(_share_card_drawn, dispatch_uid="nashra-page-cache-share-cards")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_forget, dispatch_uid=f"nashra-chrome-{id(signal)}")
    post_delete.connect(_forget, sender=Page, dispatch_uid="nashra-chrome-delete")
