"""Social cards drawn for stories that have no lead image, in the background.

A story shared without a picture gets a 1200×630 card with its headline, section and the
site's name (pictures/social_card.py). Drawing takes a few hundred milliseconds, so it is
done by the scheduled `prepare_pictures` command, never while a reader waits; a story's
page names the card once it exists, and the site's logo until then.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.dispatch import Signal
from wagtail.models import Site

from nashra.core.models import SiteSettings
from nashra.newsroom.models import ArticlePage
from nashra.pictures.social_card import draw_social_card

log = logging.getLogger(__name__)

SHARE_CARD_FOLDER = "share-cards"

# Sent with `story` once its card is stored: its page now names another picture.
share_card_drawn = Signal()


def stories_waiting() -> list[ArticlePage]:
    """Live stories without a lead image whose card is missing or shows an old headline."""
    return list(
        ArticlePage.objects.live()
        .filter(lead_image__isnull=True)
        .exclude(share_card_title=F("title"))
        .only("id", "title", "path", "depth", "url_path", "share_card", "share_card_title")
        .order_by("-first_published_at")
    )


def draw_waiting(
    limit: int | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    waiting = stories_waiting()[:limit]
    for drawn, story in enumerate(waiting, start=1):
        draw(story)
        if progress is not None:
            progress(drawn, len(waiting))
    return len(waiting)


def draw(story: ArticlePage) -> str:
    """Draw and store `story`'s card; return its stored name."""
    section = story.get_parent()
    site = story.get_site() or Site.objects.filter(is_default_site=True).first()
    site_name = SiteSettings.for_site(site).site_name if site else ""
    try:
        card = draw_social_card(story.title, section=section.title if section else "",
                                site_name=site_name)
    except ValueError as error:
        # A headline the card's fonts cannot write: the page keeps the site's logo, and
        # the story is not tried again until its headline changes.
        log.warning("story %s: no social card: %s", story.pk, error)
        ArticlePage.objects.filter(pk=story.pk).update(share_card_title=story.title)
        return story.share_card
    digest = hashlib.sha256(card.jpeg).hexdigest()[:12]
    name = f"{SHARE_CARD_FOLDER}/{story.pk}.{digest}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(card.jpeg))
    old = story.share_card
    # Only if the headline is still the one drawn: a newer one is drawn at the next turn.
    stored = ArticlePage.objects.filter(pk=story.pk, title=story.title).update(
        share_card=name, share_card_title=story.title
    )
    if not stored:
        default_storage.delete(name)
        return old
    if old and old != name:
        default_storage.delete(old)
    story.share_card, story.share_card_title = name, story.title
    share_card_drawn.send(sender=ArticlePage, story=story)
    return name
