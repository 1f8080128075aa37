"""Clear the cached page frame when what it shows changes."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.core.context_processors import forget_site_chrome


def _forget(sender: Any, **kwargs: Any) -> None:
    forget_site_chrome()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_forget, dispatch_uid=f"nashra-chrome-{id(signal)}")
    post_delete.connect(_forget, sender=Page, dispatch_uid="nashra-chrome-delete")
