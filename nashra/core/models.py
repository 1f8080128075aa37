"""Per-site settings editors change in the admin, and the site's plain pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from nashra.arabic import DigitStyle, MonthStyle, iso8601, zone_label
from nashra.core.blocks import BodyBlock
from nashra.operations.site_lookup import RememberedRestrictions

# The zones an Arab newsroom is likely to show, each labelled with the Arabic name the
# dates use after "بتوقيت" (nashra.arabic.dates).
DISPLAY_TIME_ZONES = [
    (key, zone_label(ZoneInfo(key), datetime(2025, 1, 1, tzinfo=ZoneInfo("UTC"))))
    for key in [
        "Asia/Amman", "Asia/Damascus", "Asia/Beirut", "Asia/Jerusalem", "Asia/Baghdad",
        "Asia/Riyadh", "Asia/Kuwait", "Asia/Qatar", "Asia/Dubai", "Africa/Cairo",
        "Africa/Khartoum", "Africa/Tripoli", "Africa/Tunis", "Africa/Algiers",
        "Africa/Casablanca", "UTC",
    ]
]


class MonthStyleChoice(models.TextChoices):
    LEVANTINE = MonthStyle.LEVANTINE.value, _("مشرقية (كانون الثاني، شباط…)")
    EGYPTIAN = MonthStyle.EGYPTIAN.value, _("مصرية وخليجية (يناير، فبراير…)")
    MAGHREBI = MonthStyle.MAGHREBI.value, _("مغاربية (جانفي، فيفري…)")


class DigitStyleChoice(models.TextChoices):
    WESTERN = DigitStyle.WESTERN.value, _("أرقام غربية (0-9)")
    EASTERN = DigitStyle.EASTERN.value, _("أرقام مشرقية (٠-٩)")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    select_related = ["privacy_page", "about_page"]

    site_name = models.CharField(_("اسم الموقع"), max_length=120, default="نشرة")
    tagline = models.CharField(_("الشعار"), max_length=200, blank=True)
    copyright_holder = models.CharField(
        _("صاحب حقوق النشر"),
        max_length=200,
        blank=True,
        help_text=_("يظهر بعد «جميع حقوق النشر محفوظة لدى»؛ اسم الموقع إن ترك فارغاً."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("صفحة سياسة الخصوصية"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("صفحة من نحن"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hosting_credit = models.CharField(_("نص الاستضافة"), max_length=200, blank=True)
    hosting_url = models.URLField(_("رابط الاستضافة"), blank=True)

    youtube_url = models.URLField(_("قناة يوتيوب"), blank=True)
    facebook_url = models.URLField(_("صفحة فيسبوك"), blank=True)
    x_url = models.URLField(_("حساب إكس"), blank=True)
    telegram_url = models.URLField(_("قناة تلغرام"), blank=True)
    whatsapp_url = models.URLField(_("قناة واتساب"), blank=True)
    platform_name = models.CharField(_("اسم منصة الموقع"), max_length=120, blank=True)
    platform_url = models.URLField(_("رابط منصة الموقع"), blank=True)

    month_style = models.CharField(
        _("أسماء الأشهر"),
        max_length=16,
        choices=MonthStyleChoice.choices,
        default=MonthStyleChoice.LEVANTINE,
    )
    digit_style = models.CharField(
        _("شكل الأرقام"),
        max_length=16,
        choices=DigitStyleChoice.choices,
        default=DigitStyleChoice.WESTERN,
    )
    show_hijri = models.BooleanField(_("إظهار التاريخ الهجري"), default=False)
    display_time_zone = models.CharField(
        _("المنطقة الزمنية للعرض"),
        max_length=64,
        choices=DISPLAY_TIME_ZONES,
        blank=True,
        help_text=_("تُعرض بها أوقات النشر؛ منطقة الخادم إن تركت فارغة."),
    )
    feed_full_text = models.BooleanField(
        _("النص الكامل في الخلاصات"),
        default=True,
        help_text=_("تحمل خلاصات RSS وAtom نص الخبر كاملاً؛ الموجز وحده إن أُلغي التحديد."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("tagline"),
                FieldPanel("copyright_holder"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("about_page"),
                FieldPanel("hosting_credit"),
                FieldPanel("hosting_url"),
            ],
            heading=_("الهوية"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("youtube_url"),
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("telegram_url"),
                FieldPanel("whatsapp_url"),
                FieldPanel("platform_name"),
                FieldPanel("platform_url"),
            ],
            heading=_("روابط المتابعة"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("month_style"),
                FieldPanel("digit_style"),
                FieldPanel("show_hijri"),
                FieldPanel("display_time_zone"),
            ],
            heading=_("التاريخ والأرقام"),
        ),
        MultiFieldPanel([FieldPanel("feed_full_text")], heading=_("الخلاصات")),
    ]

    class Meta:
        verbose_name = _("إعدادات الموقع")

    def __str__(self) -> str:
        return self.site_name

    @property
    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(self.display_time_zone or settings.TIME_ZONE)

    def local_iso8601(self, value: datetime | None) -> str:
        """`value` in ISO 8601 with the display zone's offset, as readers' dates show it."""
        return iso8601(value.astimezone(self.time_zone)) if value else ""

    @property
    def follow_links(self) -> list[tuple[str, str, str]]:
        """(network, label, address) for each channel the site has, in display order."""
        channels = [
            ("youtube", _("تابع قناتنا على يوتيوب"), self.youtube_url),
            ("facebook", _("تابع صفحتنا على فيسبوك"), self.facebook_url),
            ("x", _("تابعنا على إكس"), self.x_url),
            ("telegram", _("تابع قناتنا على تلغرام"), self.telegram_url),
            ("whatsapp", _("تابع قناتنا على واتساب"), self.whatsapp_url),
            (
                "site",
                _("تابع %(name)s") % {"name": self.platform_name or self.site_name},
                self.platform_url,
            ),
        ]
        return [(network, str(label), url) for network, label, url in channels if url]


class StaticPage(RememberedRestrictions, Page):
    """A plain page editors keep: privacy policy, about us, terms."""

    body = StreamField(BodyBlock(), verbose_name=_("المتن"))

    parent_page_types = ["newsroom.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("صفحة ثابتة")
        verbose_name_plural = _("صفحات ثابتة")
