"""Making a newsroom article out of a story taken in from elsewhere, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from nashra.core.web_addresses import WebAddressField
from nashra.newsroom.models import (
    ArticlePage,
    ArticleSource,
    Author,
    ReadAlsoLink,
    SectionPage,
)
from nashra.wire.blocks import Block

SLUG_LENGTH = 80


@dataclass
class IncomingStory:
    """What an importer or a fetcher found; only the headline and body are required."""

    headline: str
    body: list[Block]
    standfirst: str = ""
    dateline: str = ""
    published_at: datetime | None = None
    sources: list[tuple[str, str]] = field(default_factory=list)  # (name, address)
    wire_credit: str = ""
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    authors: list[str] = field(default_factory=list)  # names; made when new
    read_also: list[ArticlePage] = field(default_factory=list)  # the editor's picks, in order
    lead_image: Any = None  # a Wagtail image already in the library
    lead_image_caption: str = ""


def source_line(name: str, address: str, order: int) -> ArticleSource:
    """A "المصدر" line. An address that is not a web page, or too long for the column,
    is left off and the name alone credited: one bad link must not lose the story."""
    url = cast(WebAddressField, ArticleSource._meta.get_field("url"))
    return ArticleSource(name=name[:200], url=url.fits(address), sort_order=order)


def unique_slug(parent: SectionPage, wanted: str) -> str:
    base = (slugify(wanted, allow_unicode=True) or "story")[:SLUG_LENGTH].strip("-") or "story"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_article(section: SectionPage, story: IncomingStory, publish: bool) -> ArticlePage:
    """A new article under ``section``: a draft for the editors, or published.

    All or nothing: the page, its sources and its first revision are written in one
    transaction, so a crash leaves no half-made article.
    """
    with transaction.atomic():
        page = ArticlePage(
            title=story.headline[:255],
            slug=unique_slug(section, story.slug or story.headline),
            standfirst=story.standfirst[:400],
            dateline=story.dateline[:80],
            body=story.body,
            wire_credit=story.wire_credit[:80],
            lead_image=story.lead_image,
            lead_image_caption=story.lead_image_caption[:250],
            live=False,
        )
        for order, (name, address) in enumerate(story.sources):
            page.sources.add(source_line(name, address, order))
        if story.tags:
            page.tags.add(*story.tags)
        for order, target in enumerate(story.read_also):
            page.read_also_links.add(ReadAlsoLink(target=target, sort_order=order))
        if story.authors:
            page.authors = [Author.objects.get_or_create(name=name)[0] for name in story.authors]
        section.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            if story.published_at is not None:
                # The story's own time, not the moment we took it in.
                ArticlePage.objects.filter(pk=page.pk).update(
                    first_published_at=story.published_at,
                    last_published_at=max(story.published_at, timezone.now()),
                )
                page.refresh_from_db()
    return page


def add_source(article: ArticlePage, name: str, address: str) -> bool:
    """Credit one more source on a story we hold (the same story arrived again).

    The line is added to a new revision after the latest one, so an editor's unpublished
    changes are kept, and it is never published by the wire: what readers see of a story
    changes only when an editor publishes. A live story's added source waits in the
    inbox's list of sources to approve (`Item.objects.awaiting_approval`).
    """
    with transaction.atomic():
        page = ArticlePage.objects.select_for_update().get(pk=article.pk)
        current = page.get_latest_revision_as_object() if page.latest_revision_id else page
        if any(line.name == name for line in current.sources.all()):
            return False
        order = len(current.sources.all())
        current.sources.add(source_line(name, address, order))
        current.save_revision(changed=True, clean=False, log_action=True)
    return True
