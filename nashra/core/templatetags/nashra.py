"""Template tags that show dates and numbers the way the site's settings ask."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from nashra.arabic import apply_digit_style, format_datetime
from nashra.core.models import SiteSettings
from nashra.core.web_addresses import web_address as _web_address

register = template.Library()


@register.filter
def web_address(value: Any) -> str:
    """A stored address fit for an ``href`` (http or https), else empty: never a script."""
    return _web_address(value)


def site_settings(context: template.Context) -> SiteSettings:
    request: HttpRequest | None = context.get("request")
    if request is None:
        return SiteSettings()
    return SiteSettings.for_request(request)


@register.simple_tag(takes_context=True)
def arabic_datetime(context: template.Context, value: datetime | None, **options: Any) -> str:
    """The date (and, unless with_time=False, the time) in the site's style."""
    if value is None:
        return ""
    chosen = site_settings(context)
    return format_datetime(
        value,
        tz=chosen.time_zone,
        month_style=chosen.month_style,
        digits=chosen.digit_style,
        hijri=options.get("hijri", chosen.show_hijri),
        with_time=options.get("with_time", True),
    )


@register.simple_tag(takes_context=True)
def time_tag(
    context: template.Context, value: datetime | None, css_class: str = "", **options: Any
) -> SafeString | str:
    """A <time> element: ISO 8601 for machines, the Arabic date for readers."""
    if value is None:
        return ""
    return format_html(
        '<time class="{}" datetime="{}">{}</time>',
        css_class,
        site_settings(context).local_iso8601(value),
        arabic_datetime(context, value, **options),
    )


@register.simple_tag(takes_context=True)
def number(context: template.Context, value: Any) -> str:
    """A number written in the site's digits."""
    return apply_digit_style(str(value), site_settings(context).digit_style)
