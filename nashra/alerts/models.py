"""Breaking alerts and their outbox: one row per alert and recipient, sent exactly once.

An `Alert` is what an editor sent about a story; its `Delivery` rows are the outbox, one
per channel target (a reader's push subscription, the newsroom's Telegram channel). The
unique constraint on (alert, channel, target) means a recipient can never be queued
twice, however often a click or a fan-out is repeated. The sender (`outbox.py`) leases
rows before sending and marks each one as soon as its answer arrives.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashra.alerts import ticker
from nashra.newsroom.models import ArticlePage, SectionPage


class Channel(models.TextChoices):
    PUSH = "push", _("إشعارات المتصفح")
    TELEGRAM = "telegram", _("تيليغرام")


class Status(models.TextChoices):
    PENDING = "pending", _("في الانتظار")
    SENDING = "sending", _("قيد الإرسال")
    SENT = "sent", _("أُرسل")
    FAILED = "failed", _("فشل")
    DROPPED = "dropped", _("أُسقط الاشتراك")


class PushSubscriptionQuerySet(models.QuerySet["PushSubscription"]):
    def for_section(self, section_id: int | None) -> PushSubscriptionQuerySet:
        """Readers who asked for every section, or for this one."""
        everything = Q(all_sections=True)
        if section_id is None:
            return self.filter(everything)
        return self.filter(everything | Q(sections=section_id)).distinct()


class PushSubscription(models.Model):
    """A browser's Web Push subscription (RFC 8030), as `pushManager.subscribe` gave it."""

    endpoint = models.URLField(_("عنوان خدمة الدفع"), max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    all_sections = models.BooleanField(_("كل الأقسام"), default=True)
    sections = models.ManyToManyField(SectionPage, blank=True, verbose_name=_("الأقسام"))
    created_at = models.DateTimeField(_("تاريخ الاشتراك"), auto_now_add=True)

    objects = PushSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("اشتراك في التنبيهات")
        verbose_name_plural = _("الاشتراكات في التنبيهات")

    def __str__(self) -> str:
        return f"#{self.pk}"

    def as_webpush(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class AlertQuerySet(models.QuerySet["Alert"]):
    @transaction.atomic
    def announce(self, story: ArticlePage, *, by: Any, line: str = "") -> Alert:
        """Mark ``story`` breaking and queue its alert to every channel, in one transaction.

        The story's `breaking` flag is set with an update, not a revision: the editor
        sends an alert, not a new version of the story.
        """
        ArticlePage.objects.filter(pk=story.pk).update(breaking=True)
        alert = self.create(
            story=story,
            headline=story.title,
            line=line or story.standfirst or "",
            url=story.get_full_url() or "",
            created_by=by if getattr(by, "pk", None) else None,
        )
        alert.queue_deliveries()
        # After the commit, so the ticker drawn anew finds the story breaking.
        transaction.on_commit(ticker.changed)
        return alert


class Alert(models.Model):
    story = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("الخبر")
    )
    # Copied when sent: the log shows what readers received, whatever the story becomes.
    headline = models.CharField(_("العنوان"), max_length=255)
    line = models.TextField(_("سطر قصير"), blank=True)
    url = models.URLField(_("الرابط"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("أرسله"),
    )
    created_at = models.DateTimeField(_("وقت الإرسال"), default=timezone.now)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_alert", _("يرسل تنبيهاً عاجلاً"))]
        verbose_name = _("تنبيه عاجل")
        verbose_name_plural = _("التنبيهات العاجلة")

    def __str__(self) -> str:
        return self.headline

    def share_text(self) -> str:
        """Headline, short line and link: the Telegram post and the WhatsApp text alike."""
        parts = [f"{_('عاجل')} | {self.headline}", self.line.strip(), self.url]
        return "\n".join(part for part in parts if part)

    def push_payload(self) -> dict[str, str]:
        # The tag makes the browser replace, not stack, a repeat of the same alert.
        return {
            "title": str(_("عاجل")),
            "body": self.headline,
            "url": self.url,
            "tag": f"nashra-alert-{self.pk}",
        }

    def queue_deliveries(self) -> int:
        """One pending delivery per target; running it again adds nothing. The rows it
        added."""
        section_id = self.story.get_parent().pk if self.story_id else None
        readers, params = (
            PushSubscription.objects.for_section(section_id).values("pk").query.sql_with_params()
        )
        # Written by the database from the subscriptions, in one statement: 100,000 rows
        # built as objects in Python first would keep the editor waiting for seconds.
        deliveries, subscriptions = Delivery._meta.db_table, PushSubscription._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {deliveries} (alert_id, channel, target, subscription_id, status,"
                " attempts, next_attempt_at, claim, last_error)"
                f" SELECT %s, %s, CAST(id AS VARCHAR(64)), id, %s, 0, %s, '', ''"
                f" FROM {subscriptions} WHERE id IN ({readers}) ON CONFLICT DO NOTHING",
                [self.pk, Channel.PUSH, Status.PENDING,
                 connection.ops.adapt_datetimefield_value(timezone.now()), *params],
            )
            added = cursor.rowcount
        if settings.NASHRA_TELEGRAM_BOT_TOKEN and settings.NASHRA_TELEGRAM_CHAT_ID:
            _, created = Delivery.objects.get_or_create(
                alert=self, channel=Channel.TELEGRAM, target=settings.NASHRA_TELEGRAM_CHAT_ID
            )
            added += created
        return added


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def due(self, now: datetime) -> DeliveryQuerySet:
        """Pending rows whose time has come, and rows whose sender's lease ran out."""
        return self.filter(
            Q(status=Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Status.SENDING, claimed_until__lt=now)
        )


class Delivery(models.Model):
    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("التنبيه")
    )
    channel = models.CharField(_("القناة"), max_length=16, choices=Channel.choices)
    # The subscription's id for push, the chat id for Telegram: what makes a row unique.
    target = models.CharField(_("المستلم"), max_length=64)
    subscription = models.ForeignKey(
        PushSubscription, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    status = models.CharField(
        _("الحالة"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("المحاولات"), default=0)
    next_attempt_at = models.DateTimeField(_("المحاولة التالية"), default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(_("آخر خطأ"), blank=True)
    sent_at = models.DateTimeField(_("وقت الوصول"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("إرسال")
        verbose_name_plural = _("سجل الإرسال")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "channel", "target"], name="alerts_one_delivery_per_target"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="alerts_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.target}"


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s… after each failed attempt, at most an hour."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))
