"""Live coverage in reader pages: entry times, day headings, and key events on the home."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from nashra.arabic import format_clock, format_date
from nashra.core.templatetags.nashra import site_settings
from nashra.live.models import LiveEntry
from nashra.newsroom.models import ArticlePage

register = template.Library()

# Stories covered live at once that the home page shows, and key events of each.
HOME_STORIES = 2
HOME_KEY_EVENTS = 3


@register.simple_tag(takes_context=True)
def live_clock(context: template.Context, value: datetime) -> SafeString:
    """An entry's time: the hour for readers (its day heads the group), ISO for machines."""
    chosen = site_settings(context)
    return format_html(
        '<time class="live-entry-time" datetime="{}">{}</time>',
        chosen.local_iso8601(value),
        format_clock(value, tz=chosen.time_zone, digits=chosen.digit_style),
    )


@register.simple_tag(takes_context=True)
def live_day(context: template.Context, day: date) -> str:
    """The day, in the Gregorian calendar and the Hijri one, whatever the site's dates show:
    a live page is read while the day is happening, and both calendars name it."""
    chosen = site_settings(context)
    return format_date(
        day,
        month_style=chosen.month_style,
        digits=chosen.digit_style,
        hijri=True,
        with_weekday=True,
    )


@register.inclusion_tag("live/_home.html", takes_context=True)
def live_on_home(context: template.Context) -> dict[str, Any]:
    """The stories covered live right now, each with its newest key events."""
    stories = list(
        ArticlePage.objects.published()
        .filter(coverage_started_at__isnull=False, coverage_ended_at__isnull=True)
        .order_by("-coverage_started_at")
        .only("id", "title", "slug", "url_path", "path", "depth", "coverage_started_at",
              "coverage_ended_at")[:HOME_STORIES]
    )
    covered = [
        (story, list(LiveEntry.objects.of(story).key_events().newest_first()[:HOME_KEY_EVENTS]))
        for story in stories
    ]
    return {"request": context.get("request"), "covered": covered}
