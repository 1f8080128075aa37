"""Corrections, clarifications and updates: dated notes a story carries in the open.

An entry is saved on its own, not in the story's revisions, so it is public the moment
it is saved and publishing an older draft can never take it back. Nothing about an entry
is lost: before an entry is changed or removed, what it said is copied into its history,
which editors can read in the admin and nobody can edit.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

# The editor whose admin request is removing entries, for their history: the admin's bulk
# delete removes rows through a query, not the instances its hooks are handed. Set by
# wagtail_hooks.py, cleared when the request ends (signals.py).
editor_at_work: ContextVar[Any] = ContextVar("editor_at_work", default=None)


class Kind(models.TextChoices):
    CORRECTION = "correction", _("تصحيح")
    CLARIFICATION = "clarification", _("توضيح")
    UPDATE = "update", _("تحديث")


# Entries that admit an error or an ambiguity: what schema.org calls a CorrectionComment.
ADMITTED = (Kind.CORRECTION, Kind.CLARIFICATION)


class CorrectionQuerySet(models.QuerySet["Correction"]):
    def shown(self) -> CorrectionQuerySet:
        """Entries of published stories, newest first: what the archive lists."""
        return (
            self.filter(article__live=True)
            .select_related("article")
            .defer("article__body")
            .order_by("-published_at", "-pk")
        )


class Correction(models.Model):
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("الخبر"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("النوع"), max_length=16, choices=Kind.choices,
                            default=Kind.CORRECTION)
    text = models.TextField(
        _("النص"),
        max_length=2000,
        help_text=_("ما الذي تغيّر ولماذا، بجملة أو جملتين يفهمهما القارئ."),
    )
    published_at = models.DateTimeField(_("التاريخ"), default=timezone.now, db_index=True)
    # When the entry last changed: feeds and caches use it to tell a reader's copy is old.
    changed_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("أضافه"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    # Who is saving or removing it in the admin (wagtail_hooks.py), for its history; and
    # the stories it was shown on before a save (newsroom/signals.py), for their purge.
    acting_editor: Any = None
    stories_shown_on: set[int] | None = None

    panels = [
        PageChooserPanel("article", page_type="newsroom.ArticlePage"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("published_at")]),
        FieldPanel("text"),
    ]

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = _("تصحيح أو تحديث")
        verbose_name_plural = _("التصحيحات والتحديثات")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article.title}"

    @property
    def admitted(self) -> bool:
        return self.kind in ADMITTED


class CorrectionHistory(models.Model):
    """What an entry said before it was edited or removed; written here, never edited."""

    class Action(models.TextChoices):
        EDITED = "edited", _("عُدّل")
        REMOVED = "removed", _("حُذف")

    correction_id = models.PositiveBigIntegerField(_("رقم المدخل"), db_index=True)
    action = models.CharField(_("ما جرى"), max_length=8, choices=Action.choices)
    # Not a foreign key: the story may be deleted with its entries, and what they said
    # must stay here, with the story's title and address.
    story_id = models.PositiveBigIntegerField(_("رقم الخبر"), db_index=True)
    article_title = models.CharField(_("عنوان الخبر"), max_length=255)
    article_url = models.CharField(_("رابط الخبر"), max_length=1000, blank=True)
    kind = models.CharField(_("النوع"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("النص كما كان"))
    published_at = models.DateTimeField(_("تاريخ المدخل"))
    recorded_at = models.DateTimeField(_("وقت التسجيل"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بواسطة"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("سجل التصحيحات")
        verbose_name_plural = _("سجل التصحيحات")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.article_title}"

    @classmethod
    def record(cls, entry: Correction, action: str) -> CorrectionHistory:
        by = entry.acting_editor or editor_at_work.get()
        article = entry.article
        return cls.objects.create(
            correction_id=entry.pk,
            action=action,
            story_id=article.pk,
            article_title=article.title,
            article_url=article.url or "",
            kind=entry.kind,
            text=entry.text,
            published_at=entry.published_at,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
