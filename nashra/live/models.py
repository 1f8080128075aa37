"""Live coverage: a story followed as it happens, in timestamped entries.

An entry is a row of its own, never part of the story's revisions: several editors add,
change and remove entries at once while the story stays published, and saving one costs
one short write, not a revision of the whole page. Two editors changing one entry cannot
overwrite each other: a change names the version it was made from, and a change made from
an older version is refused (`StaleEntry`) with nothing written. Once the coverage ends it
is frozen: nothing is added, changed or removed.

Coverage itself (when it started, when it ended) is kept on the story's own row
(`ArticlePage.coverage_started_at` / `coverage_ended_at`), outside its revisions, so story
cards can show the live badge without a query per card.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashra.core.web_addresses import WebAddressField
from nashra.live.purges import coverage_changed, entries_changed
from nashra.newsroom.models import ArticlePage
from nashra.pictures.models import Picture


class CoverageClosed(Exception):
    """The story is not covered live, or its coverage has ended: entries are frozen."""


class StaleEntry(Exception):
    """Another editor changed or removed the entry since this editor opened it."""


class Kind(models.TextChoices):
    TEXT = "text", _("نص")
    IMAGE = "image", _("صورة")
    QUOTE = "quote", _("اقتباس")
    LINK = "link", _("رابط")


class EntryQuerySet(models.QuerySet["LiveEntry"]):
    def of(self, article: ArticlePage | int) -> EntryQuerySet:
        article_id = article if isinstance(article, int) else article.pk
        return self.filter(article_id=article_id)

    def newest_first(self) -> EntryQuerySet:
        return self.order_by("-published_at", "-pk")

    def key_events(self) -> EntryQuerySet:
        return self.filter(key_event=True)

    def for_readers(self) -> EntryQuerySet:
        """With their pictures, in one query: what a page or a poll shows."""
        return self.select_related("picture").newest_first()


class LiveEntry(models.Model):
    article = models.ForeignKey(
        ArticlePage,
        verbose_name=_("الخبر"),
        on_delete=models.CASCADE,
        related_name="live_entries",
    )
    kind = models.CharField(_("النوع"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    text = models.TextField(_("النص"), max_length=3000, blank=True)
    picture = models.ForeignKey(
        Picture,
        verbose_name=_("الصورة"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quote_by = models.CharField(_("قائل الاقتباس"), max_length=120, blank=True)
    link_url = WebAddressField(_("الرابط"), max_length=1000, blank=True)
    link_title = models.CharField(_("عنوان الرابط"), max_length=200, blank=True)
    key_event = models.BooleanField(
        _("من أبرز التطورات"),
        default=False,
        help_text=_("يظهر في قائمة «أبرز التطورات» أعلى التغطية وعلى الصفحة الرئيسية."),
    )
    key_event_title = models.CharField(
        _("عنوان التطور"),
        max_length=160,
        blank=True,
        help_text=_("سطر قصير لقائمة أبرز التطورات؛ إن تُرك فارغاً أُخذ من أول النص."),
    )
    published_at = models.DateTimeField(_("الوقت"), default=timezone.now, db_index=True)
    changed_at = models.DateTimeField(auto_now=True)
    # Moves on every change: a change made from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("أضافه"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("آخر من عدّله"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EntryQuerySet.as_manager()

    # Set by `change` and `remove`: what the entry was before, for the purge it needs.
    was_key_event = False

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("مدخل تغطية مباشرة")
        verbose_name_plural = _("مدخلات التغطية المباشرة")
        indexes = [models.Index(fields=["article", "-published_at"], name="live_entry_newest")]
        permissions = [("run_coverage", _("بدء التغطية المباشرة وإنهاؤها"))]

    def __str__(self) -> str:
        return self.headline

    # The fields an editor writes; everything else is kept by the verbs below.
    WRITTEN = (
        "kind", "text", "picture", "quote_by", "link_url", "link_title", "key_event",
        "key_event_title",
    )

    @property
    def headline(self) -> str:
        """The line «أبرز التطورات» shows: the editor's own, else the text's first line."""
        if self.key_event_title:
            return self.key_event_title
        first = (self.text or self.link_title or self.quote_by).strip().split("\n", 1)[0]
        return first if len(first) <= 160 else first[:159].rstrip() + "…"

    @classmethod
    def add(cls, article: ArticlePage, by: Any, **written: Any) -> LiveEntry:
        with transaction.atomic():
            _require_open(article.pk)
            entry = cls(article=article, created_by=_user(by), changed_by=_user(by), **written)
            entry.full_clean()
            entry.save()
        entries_changed(article.pk, key_events=entry.key_event)
        return entry

    def change(self, by: Any, version: int, **written: Any) -> None:
        """Write the editor's fields, if nobody changed the entry since ``version``."""
        with transaction.atomic():
            _require_open(self.article_id)
            if not self._still_there():
                raise StaleEntry
            for name, value in written.items():
                setattr(self, name, value)
            self.full_clean()
            values = {name: getattr(self, name) for name in self.WRITTEN}
            picture = values.pop("picture")
            values["picture_id"] = picture.pk if picture else None
            changed = LiveEntry.objects.filter(pk=self.pk, version=version).update(
                **values,
                changed_by=_user(by),
                changed_at=timezone.now(),
                version=F("version") + 1,
            )
            if not changed:
                raise StaleEntry
            self.version = version + 1
        entries_changed(self.article_id, key_events=self.key_event or self.was_key_event)

    def remove(self, by: Any, version: int) -> None:
        with transaction.atomic():
            _require_open(self.article_id)
            if not self._still_there():
                return  # already removed by another editor: what was asked is done
            if not LiveEntry.objects.filter(pk=self.pk, version=version).exists():
                raise StaleEntry
            models.Model.delete(self)
        entries_changed(self.article_id, key_events=self.was_key_event)

    def _still_there(self) -> bool:
        """Whether the entry is still stored; notes whether it was a key event."""
        current = LiveEntry.objects.filter(pk=self.pk).values("key_event").first()
        if current is not None:
            self.was_key_event = current["key_event"]
        return current is not None

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == Kind.IMAGE and self.picture_id is None:
            errors["picture"] = _("اختر صورة لمدخل من نوع «صورة».")
        if self.kind == Kind.LINK and not self.link_url:
            errors["link_url"] = _("اكتب الرابط لمدخل من نوع «رابط».")
        if self.kind == Kind.QUOTE and not self.quote_by.strip():
            errors["quote_by"] = _("اذكر قائل الاقتباس.")
        if self.kind in (Kind.TEXT, Kind.QUOTE) and not self.text.strip():
            errors["text"] = _("اكتب نص المدخل.")
        if self.key_event and not self.headline.strip():
            errors["key_event_title"] = _("اكتب سطراً قصيراً لقائمة أبرز التطورات.")
        if errors:
            raise ValidationError(errors)


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _require_open(article_id: int) -> None:
    """Inside the writing transaction, so an end of coverage and an entry cannot cross."""
    state = (
        ArticlePage.objects.select_for_update()
        .filter(pk=article_id)
        .values_list("coverage_started_at", "coverage_ended_at")
        .first()
    )
    if state is None or state[0] is None or state[1] is not None:
        raise CoverageClosed


def start_coverage(article: ArticlePage) -> None:
    """Cover the story live from now; a coverage that has ended stays ended."""
    if article.coverage_started_at is not None:
        return
    now = timezone.now()
    ArticlePage.objects.filter(pk=article.pk, coverage_started_at__isnull=True).update(
        coverage_started_at=now
    )
    article.coverage_started_at = now
    coverage_changed(article)


def end_coverage(article: ArticlePage) -> None:
    """Freeze the coverage: its entries stay as they are, and readers are told it ended."""
    if article.coverage_started_at is None:
        raise CoverageClosed
    now = timezone.now()
    ArticlePage.objects.filter(pk=article.pk, coverage_ended_at__isnull=True).update(
        coverage_ended_at=now
    )
    article.coverage_ended_at = article.coverage_ended_at or now
    coverage_changed(article)
