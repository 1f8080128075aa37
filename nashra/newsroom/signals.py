"""Keep what is cached in step with the stories: the page frame (navigation, breaking
ticker), the pages that show a story whose share card was drawn again, a story's
corrections (each saved or removed entry purges once, and leaves its history), and the
authors' and columns' pages."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_finished
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.newsroom.authors import Author, Column, author_paths
from nashra.newsroom.context_processors import forget_site_chrome
from nashra.newsroom.corrections import Correction, CorrectionHistory, editor_at_work
from nashra.newsroom.models import ArticlePage
from nashra.newsroom.share_cards import share_card_drawn
from nashra.operations.purges import purge_pages, purge_paths


def _forget(sender: Any, **kwargs: Any) -> None:
    forget_site_chrome()


def _share_card_drawn(sender: Any, story: Page, **kwargs: Any) -> None:
    purge_pages([story])


def _entry_changing(sender: Any, instance: Correction, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    before = Correction.objects.filter(pk=instance.pk).select_related("article").first()
    if before is None:
        return
    said = (before.article_id, before.kind, before.text, before.published_at)
    if said != (instance.article_id, instance.kind, instance.text, instance.published_at):
        before.acting_editor = instance.acting_editor
        CorrectionHistory.record(before, CorrectionHistory.Action.EDITED)
    # An entry moved to another story leaves the first one's pages to purge too.
    instance.stories_shown_on = {before.article_id, instance.article_id}


def _entry_removing(sender: Any, instance: Correction, **kwargs: Any) -> None:
    CorrectionHistory.record(instance, CorrectionHistory.Action.REMOVED)


def _request_finished(sender: Any, **kwargs: Any) -> None:
    editor_at_work.set(None)


def _entry_changed(sender: Any, instance: Correction, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    story_ids = instance.stories_shown_on or {instance.article_id}

    def purge() -> None:
        # Looked up after the commit: the entry may have gone with its story, whose own
        # deletion purges for it.
        stories = list(ArticlePage.objects.filter(pk__in=story_ids, live=True))
        if stories:
            purge_pages(stories)

    # Once per entry, after the commit, so a reader fetching the page then gets the entry.
    transaction.on_commit(purge)


# An author's page lists their stories newest first; older ones change only their byline.
BYLINE_PURGE_STORIES = 100


def _byline_changed(sender: Any, instance: Author | Column, **kwargs: Any) -> None:
    """A name, photo, bio or column changed: its page and the stories it signs."""
    writer = instance.writer if isinstance(instance, Column) else instance
    if writer.pk is None:
        return
    stories = list(
        ArticlePage.objects.published().by(writer).newest_first()[:BYLINE_PURGE_STORIES]
    )

    def purge() -> None:
        purge_paths([*author_paths(writer.slug), reverse("columnists")])
        if stories:
            purge_pages(stories)

    transaction.on_commit(purge)


def connect() -> None:
    pre_save.connect(_entry_changing, sender=Correction, dispatch_uid="nashra-entry-history")
    pre_delete.connect(_entry_removing, sender=Correction, dispatch_uid="nashra-entry-removed")
    request_finished.connect(_request_finished, dispatch_uid="nashra-editor-at-work")
    for signal in (post_save, post_delete):
        signal.connect(_entry_changed, sender=Correction,
                       dispatch_uid=f"nashra-entry-purge-{id(signal)}")
        for model in (Author, Column):
            signal.connect(_byline_changed, sender=model,
                           dispatch_uid=f"nashra-byline-{model.__name__}-{id(signal)}")
    share_card_drawn.connect(_share_card_drawn, dispatch_uid="nashra-page-cache-share-cards")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_forget, dispatch_uid=f"nashra-chrome-{id(signal)}")
    post_delete.connect(_forget, sender=Page, dispatch_uid="nashra-chrome-delete")
