"""The breaking ticker at its own address, purged alone when an alert goes out."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from nashra.newsroom.context_processors import BREAKING_TICKER_SIZE, forget_site_chrome
from nashra.newsroom.models import ArticlePage
from nashra.operations.purges import purge_paths


def current() -> list[Any]:
    """Read from the database, not the frame's 30-second cache: this is rendered only when
    the ticker's cached copy was purged, and each worker keeps its own frame cache."""
    return list(ArticlePage.objects.breaking().for_cards()[:BREAKING_TICKER_SIZE])


def changed() -> None:
    """A story became breaking without a publication: drop the ticker's copies, and the
    frame's cached list so pages drawn from now on show it too."""
    forget_site_chrome()
    purge_paths([reverse("alerts:ticker")])
