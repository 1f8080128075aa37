"""Where stories come from (sources) and what was taken from each (items)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from nashra.core.web_addresses import WebAddressField


class SourceKind(models.TextChoices):
    FEED = "feed", _("موجز RSS أو Atom")
    PAGE = "page", _("صفحة تُتبع روابطها")


class Policy(models.TextChoices):
    INBOX = "inbox", _("مسودات إلى صندوق المحررين")
    PUBLISH = "publish", _("نشر مباشر (وكالة موثوقة)")


class SourceQuerySet(models.QuerySet["Source"]):
    def enabled(self) -> SourceQuerySet:
        return self.filter(enabled=True)

    def due(self, now: datetime | None = None) -> list[Source]:
        """Enabled sources whose poll interval has passed since their last poll."""
        now = now or timezone.now()
        return [source for source in self.enabled().order_by("pk") if source.is_due(now)]


MAX_BACKOFF = timedelta(hours=6)


class Source(models.Model):
    name = models.CharField(
        _("الاسم"), max_length=200, help_text=_("يظهر في سطر «المصدر» تحت الخبر.")
    )
    kind = models.CharField(_("النوع"), max_length=10, choices=SourceKind.choices,
                            default=SourceKind.FEED)
    address = WebAddressField(_("العنوان"), max_length=1000)
    poll_minutes = models.PositiveIntegerField(_("الفاصل بين الجلبات (دقائق)"), default=15)
    section = models.ForeignKey(
        "newsroom.SectionPage", verbose_name=_("القسم"), on_delete=models.PROTECT,
        related_name="+",
    )
    policy = models.CharField(_("السياسة"), max_length=10, choices=Policy.choices,
                              default=Policy.INBOX)
    wire_credit = models.CharField(
        _("وكالة الأنباء"), max_length=80, blank=True, help_text=_("مثل: رويترز")
    )
    enabled = models.BooleanField(_("مفعّل"), default=True)

    # Health, shown to editors in the sources list.
    last_polled_at = models.DateTimeField(_("آخر جلب"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("آخر نجاح"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("آخر خطأ"), blank=True, editable=False)
    last_error_at = models.DateTimeField(_("وقت آخر خطأ"), null=True, blank=True,
                                         editable=False)
    items_taken = models.PositiveIntegerField(_("الأخبار المأخوذة"), default=0, editable=False)
    # Fetches in a row that failed: each one doubles the wait before the next try, so a
    # dead or stalling source costs one time-out per backoff, not one per run.
    failures_in_a_row = models.PositiveIntegerField(
        _("إخفاقات متتالية"), default=0, editable=False
    )

    # Conditional GET: what the source told us last time.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    # One run per source at a time: a lease taken by a conditional UPDATE, so it works
    # the same on SQLite and PostgreSQL, and expires by itself if a run dies.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    lease_token = models.CharField(max_length=40, blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("section"), FieldPanel("poll_minutes")]),
        FieldRowPanel([FieldPanel("policy"), FieldPanel("wire_credit")]),
        MultiFieldPanel([FieldPanel("enabled")], heading=_("الحالة")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("مصدر وارد")
        verbose_name_plural = _("المصادر الواردة")

    def __str__(self) -> str:
        return self.name

    def is_due(self, now: datetime) -> bool:
        return self.last_polled_at is None or self.last_polled_at + self.wait() <= now

    def wait(self) -> timedelta:
        """Time between fetches: the poll interval, doubled for each failure in a row."""
        regular = timedelta(minutes=self.poll_minutes)
        if not self.failures_in_a_row:
            return regular
        return min(regular * 2 ** min(self.failures_in_a_row, 10), MAX_BACKOFF)

    def take_lease(self, token: str, seconds: int) -> bool:
        """Claim the source for one run; False if another run holds a live lease."""
        now = timezone.now()
        claimed = (
            Source.objects.filter(pk=self.pk)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_token=token))
            .update(lease_until=now + timedelta(seconds=seconds), lease_token=token)
        )
        return claimed == 1

    def release_lease(self, token: str) -> None:
        Source.objects.filter(pk=self.pk, lease_token=token).update(
            lease_until=None, lease_token=""
        )

    def record_success(self, etag: str, last_modified: str, errors: list[str]) -> None:
        now = timezone.now()
        fields: dict[str, object] = {
            "last_polled_at": now, "last_success_at": now,
            "etag": etag[:300], "last_modified": last_modified[:100],
        }
        if errors:
            fields.update(last_error="\n".join(errors)[:4000], last_error_at=now)
        else:
            fields["last_error"] = ""
        Source.objects.filter(pk=self.pk).update(**fields, failures_in_a_row=0)
        self.refresh_from_db()

    def record_failure(self, message: str) -> None:
        now = timezone.now()
        Source.objects.filter(pk=self.pk).update(
            last_polled_at=now, last_error=message[:4000], last_error_at=now,
            failures_in_a_row=F("failures_in_a_row") + 1,
        )
        self.refresh_from_db()

    def count_taken(self) -> None:
        Source.objects.filter(pk=self.pk).update(items_taken=F("items_taken") + 1)


class Outcome(models.TextChoices):
    TAKEN = "taken", _("خبر جديد")
    ATTACHED = "attached", _("أُضيف مصدراً لخبر موجود")
    DUPLICATE = "duplicate", _("مكرر")
    FAILED = "failed", _("تعذّر أخذه")


class ItemQuerySet(models.QuerySet["Item"]):
    def inbox(self) -> ItemQuerySet:
        """Stories taken in as drafts that no editor has published yet."""
        return (
            self.filter(outcome=Outcome.TAKEN, article__isnull=False, article__live=False)
            .select_related("source", "article")
            .order_by("-created_at", "-pk")
        )

    def awaiting_approval(self) -> ItemQuerySet:
        """Sources the wire added to live stories, in revisions no editor has published.

        Added since the story was last published: an editor's later draft of the same
        story does not bring back sources already approved. A publication time in the
        future (a feed's date taken as the story's) proves nothing, so it does not count.
        """
        return (
            self.filter(
                Q(created_at__gt=F("article__last_published_at"))
                | Q(article__last_published_at__gt=Now()),
                outcome=Outcome.ATTACHED,
                article__live=True,
                article__has_unpublished_changes=True,
            )
            .select_related("source", "article")
            .order_by("-created_at", "-pk")
        )

    def with_signature_since(self, since: datetime) -> ItemQuerySet:
        return self.filter(
            created_at__gte=since, signature__isnull=False, article__isnull=False
        ).only("pk", "signature", "article_id", "source_id")


class Item(models.Model):
    """One story a source offered, and what became of it; never taken twice."""

    source = models.ForeignKey(Source, verbose_name=_("المصدر"), on_delete=models.CASCADE,
                               related_name="items")
    # The source's own identity for the story: its GUID, else its canonical address.
    key = models.CharField(max_length=500)
    url = WebAddressField(_("العنوان الأصلي"), max_length=1000, blank=True)
    canonical_url = models.CharField(max_length=1000, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    signature = models.BinaryField(null=True, editable=False)
    headline = models.CharField(_("العنوان"), max_length=255, blank=True)
    # What the original page said of itself; shown to editors, not copied into the story
    # (the byline is another outlet's writer, the image is theirs to license).
    author = models.CharField(_("الكاتب في المصدر"), max_length=200, blank=True)
    image_url = WebAddressField(_("صورة المصدر"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("وقت النشر في المصدر"), null=True, blank=True)
    outcome = models.CharField(_("النتيجة"), max_length=10, choices=Outcome.choices)
    error = models.TextField(_("الخطأ"), blank=True)
    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("الخبر"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="wire_items",
    )
    created_at = models.DateTimeField(_("وقت الأخذ"), default=timezone.now, db_index=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="wire_item_once_per_source")
        ]
        verbose_name = _("خبر وارد")
        verbose_name_plural = _("الأخبار الواردة")

    def __str__(self) -> str:
        return self.headline or self.url
