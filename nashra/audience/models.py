"""Where views end up: hourly buckets, daily roll-ups and a running total per article.

The request path writes none of these. In Redis mode the beacon increments Redis; in
database mode it writes one `PendingView` row. `nashra flush_views` turns either into
buckets and totals (see `flush.py`), exactly once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField(_("الساعة"), help_text=_("بداية الساعة بتوقيت غرينتش"))
    views = models.PositiveIntegerField(_("المشاهدات"), default=0)

    class Meta:
        verbose_name = _("مشاهدات ساعة")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="audience_hourly_once")
        ]
        indexes = [models.Index(fields=["hour"], name="audience_hourly_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H:00}: {self.views}"


class DailyViews(models.Model):
    """Hourly buckets older than the pruning horizon, rolled up into one row a day."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("اليوم"), help_text=_("اليوم بتوقيت غرينتش"))
    views = models.PositiveBigIntegerField(_("المشاهدات"), default=0)

    class Meta:
        verbose_name = _("مشاهدات يوم")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="audience_daily_once")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.day}: {self.views}"


class ViewTotal(models.Model):
    """The authoritative running total; `ArticlePage.view_count` is its displayed copy.

    `base` is the count the article had before this app counted it (an imported story's
    old figure), so rebuilding from buckets keeps it.
    """

    article = models.OneToOneField(
        "newsroom.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    base = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.article_id}: {self.total}"


class PendingView(models.Model):
    """One accepted view waiting for the flush (database mode only)."""

    article_id = models.BigIntegerField()
    at = models.DateTimeField()
    # Empty until a flush claims the row for its batch.
    batch = models.CharField(max_length=32, blank=True, default="", db_index=True)

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.at:%Y-%m-%d %H:%M:%S}"


class SeenVisitor(models.Model):
    """A visitor's keyed hash for one article, until its 30-minute window ends.

    Database mode only; Redis keeps these as expiring keys.
    """

    key = models.CharField(max_length=64, primary_key=True)
    until = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class AppliedBatch(models.Model):
    """A Redis batch whose counts are in the database: the flush's exactly-once marker."""

    key = models.CharField(max_length=64, unique=True)
    views = models.PositiveBigIntegerField()
    applied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key


class DailySalt(models.Model):
    """The secret mixed into visitor hashes, one per UTC day, deleted after two days.

    Random rather than derived from SECRET_KEY, so once a salt is gone nobody (us
    included) can tell whether two old hashes were the same reader.
    """

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)
