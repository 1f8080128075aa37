"""Readers' comments, what moderators do to them, and the site's comment policy."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from nashra.arabic import normalize
from nashra.comments.signals import comments_changed
from nashra.core.client import address_group


def fingerprint_of(body: str) -> str:
    """The same comment however it is spaced, voweled or spelled (hamza, taa marbuta)."""
    return hashlib.sha256(normalize(body).encode()).hexdigest()


class Status(models.TextChoices):
    PENDING = "pending", _("بانتظار المراجعة")
    APPROVED = "approved", _("منشور")
    REJECTED = "rejected", _("مرفوض")
    SPAM = "spam", _("مزعج")


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> CommentQuerySet:
        return self.filter(status=Status.APPROVED)

    def on(self, article: Any) -> CommentQuerySet:
        return self.filter(article=article)

    def reported(self) -> CommentQuerySet:
        return self.published().filter(report_count__gt=0)

    def in_queue(self, queue: str) -> CommentQuerySet:
        """One tab of the moderation queue: a status, or "reported"."""
        if queue == "reported":
            return self.reported()
        return self.filter(status=queue)

    def queue_counts(self) -> dict[str, int]:
        counts = self.aggregate(
            **{status: Count("pk", filter=Q(status=status)) for status in Status.values},
            reported=Count("pk", filter=Q(status=Status.APPROVED, report_count__gt=0)),
        )
        return {name: int(value or 0) for name, value in counts.items()}

    def thread(self, article: Any) -> list[Comment]:
        """The article's published comments as shown: numbered top-level comments, each
        with its replies in order. One query."""
        comments = list(self.published().on(article).order_by("created_at", "pk"))
        top = [comment for comment in comments if comment.parent_id is None]
        by_id = {comment.pk: comment for comment in top}
        for number, comment in enumerate(top, start=1):
            comment.number = number
            comment.shown_replies = []
        for comment in comments:
            if comment.parent_id is not None and comment.parent_id in by_id:
                by_id[comment.parent_id].shown_replies.append(comment)
        return top


class Comment(models.Model):
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("الخبر"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    # Always a top-level comment: a reply to a reply attaches to the thread's first comment.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("رداً على"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("الاسم"), max_length=60)
    email = models.EmailField(_("البريد الإلكتروني"), blank=True)
    body = models.TextField(_("التعليق"))
    # What the reader wrote, kept when a moderator first edits the comment.
    original_body = models.TextField(_("النص الأصلي"), blank=True)
    status = models.CharField(
        _("الحالة"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    report_count = models.PositiveIntegerField(_("البلاغات"), default=0)
    address = models.GenericIPAddressField(_("العنوان"), null=True, blank=True)
    # Set once the address has been cut to its network for privacy (see retention.py).
    address_truncated = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(_("الوقت"), default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    # Filled in by CommentQuerySet.thread() for display.
    number: int
    shown_replies: list[Comment]

    class Meta:
        verbose_name = _("تعليق")
        verbose_name_plural = _("التعليقات")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]
        permissions = [("moderate_comment", _("يستطيع الإشراف على التعليقات"))]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"

    @classmethod
    def receive(
        cls,
        *,
        article: Any,
        parent: Comment | None,
        author_name: str,
        email: str,
        body: str,
        address: str | None,
        publish: bool,
    ) -> Comment:
        """Store a reader's comment; committed when this returns."""
        with transaction.atomic():
            comment = cls.objects.create(
                article=article,
                parent=parent,
                author_name=author_name,
                email=email,
                body=body,
                address=address,
                fingerprint=fingerprint_of(body),
                status=Status.APPROVED if publish else Status.PENDING,
            )
            if publish:
                comment._announce()
        return comment

    @property
    def was_edited(self) -> bool:
        return bool(self.original_body)

    def approve(self, by: Any) -> None:
        self._moderate(Status.APPROVED, by, Action.APPROVE, clear_reports=True)

    def reject(self, by: Any) -> None:
        self._moderate(Status.REJECTED, by, Action.REJECT)

    def mark_spam(self, by: Any) -> None:
        self._moderate(Status.SPAM, by, Action.SPAM)

    def edit(self, by: Any, author_name: str, body: str) -> None:
        """Change what is shown; the reader's own text is kept the first time."""
        with transaction.atomic():
            if body != self.body and not self.original_body:
                self.original_body = self.body
            self.author_name, self.body = author_name, body
            self.save(update_fields=["author_name", "body", "original_body"])
            ModerationAction.objects.create(comment=self, moderator=by, action=Action.EDIT)
            if self.status == Status.APPROVED:
                self._announce()

    def report(self) -> None:
        Comment.objects.filter(pk=self.pk).update(report_count=models.F("report_count") + 1)

    def _moderate(self, status: str, by: Any, action: str, clear_reports: bool = False) -> None:
        with transaction.atomic():
            was_visible = self.status == Status.APPROVED
            self.status = status
            if clear_reports:
                self.report_count = 0
            self.save(update_fields=["status", "report_count"])
            ModerationAction.objects.create(comment=self, moderator=by, action=action)
            if was_visible or status == Status.APPROVED:
                self._announce()

    def _announce(self) -> None:
        article = self.article
        count = Comment.objects.published().on(article).count()
        type(article).objects.filter(pk=article.pk).update(comment_count=count)
        transaction.on_commit(lambda: comments_changed.send(sender=Comment, article=article))


class Action(models.TextChoices):
    APPROVE = "approve", _("موافقة")
    REJECT = "reject", _("رفض")
    SPAM = "spam", _("تصنيف كمزعج")
    EDIT = "edit", _("تعديل")


class ModerationAction(models.Model):
    """Who did what to which comment, and when: the moderation log."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="actions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("الإجراء"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("الوقت"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("إجراء إشراف")
        verbose_name_plural = _("سجل الإشراف")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_id}"


class CommentReport(models.Model):
    """One reader's report of one comment; the visitor is kept only as a keyed hash."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_each")
        ]

    def __str__(self) -> str:
        return f"report #{self.comment_id}"


class BannedPhrase(models.Model):
    phrase = models.CharField(
        _("الكلمة أو العبارة"),
        max_length=200,
        unique=True,
        help_text=_("تُطابق بعد توحيد الهمزات والتاء المربوطة وإزالة التشكيل والتطويل."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("كلمة محظورة")
        verbose_name_plural = _("الكلمات المحظورة")

    def __str__(self) -> str:
        return self.phrase


class BanKind(models.TextChoices):
    EMAIL = "email", _("بريد إلكتروني")
    ADDRESS = "address", _("عنوان IP")


class Ban(models.Model):
    kind = models.CharField(_("النوع"), max_length=10, choices=BanKind.choices)
    value = models.CharField(_("القيمة"), max_length=254)
    reason = models.CharField(_("السبب"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_ban_each")]
        verbose_name = _("حظر")
        verbose_name_plural = _("المحظورون")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.value = self.normalized(self.kind, self.value)
        super().save(*args, **kwargs)

    @staticmethod
    def normalized(kind: str, value: str) -> str:
        """How a ban is kept: an email in lower case, an address as its group (an IPv6 /64)."""
        value = value.strip().lower()
        return address_group(value) if kind == BanKind.ADDRESS else value

    @classmethod
    def applies_to(cls, email: str, address: str | None) -> bool:
        wanted = Q(kind=BanKind.EMAIL, value=email.strip().lower()) if email else Q(pk=None)
        if address:
            wanted |= Q(kind=BanKind.ADDRESS, value=address_group(address))
        return cls.objects.filter(wanted).exists()


class Moderation(models.TextChoices):
    BEFORE = "pre", _("مراجعة قبل النشر")
    AFTER = "post", _("نشر فوري ومراجعة لاحقة")


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    moderation = models.CharField(
        _("الإشراف"), max_length=4, choices=Moderation.choices, default=Moderation.BEFORE
    )
    close_after_days = models.PositiveIntegerField(
        _("إغلاق التعليقات بعد (أيام)"),
        default=30,
        help_text=_("بعد هذا العدد من الأيام من نشر الخبر تُغلق تعليقاته. صفر: لا تُغلق."),
    )
    max_body_length = models.PositiveIntegerField(_("أقصى طول للتعليق (حرفاً)"), default=2000)
    max_links = models.PositiveIntegerField(_("أقصى عدد للروابط في التعليق"), default=2)
    min_fill_seconds = models.PositiveIntegerField(
        _("أقل مدة لكتابة التعليق (ثوانٍ)"),
        default=3,
        help_text=_("النماذج التي تُرسل أسرع من ذلك تأتي من برامج آلية."),
    )

    class Meta:
        verbose_name = _("إعدادات التعليقات")

    def closes_at(self, article: Any) -> datetime | None:
        if not self.close_after_days or article.first_published_at is None:
            return None
        return article.first_published_at + timedelta(days=self.close_after_days)

    def accepts_comments_on(self, article: Any) -> bool:
        if not article.comments_open or not article.live:
            return False
        closes = self.closes_at(article)
        return closes is None or timezone.now() < closes
