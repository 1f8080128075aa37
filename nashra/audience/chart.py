"""A bar chart of views per hour as inline SVG: no script, no library, readable in RTL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, AXIS = 720, 180, 20


def hourly_svg(
    points: Sequence[tuple[datetime, int]], label: str, hour_label: str = "%H"
) -> SafeString:
    """Bars oldest to newest, right to left as an Arabic reader reads time."""
    peak = max((views for _, views in points), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    bars = []
    for index, (hour, views) in enumerate(points):
        height = (HEIGHT - AXIS) * views / peak
        x = WIDTH - (index + 1) * slot
        bars.append((
            f"{x + 1:.1f}", f"{HEIGHT - AXIS - height:.1f}", f"{max(slot - 2, 1):.1f}",
            f"{height:.1f}", f"{hour:%Y-%m-%d %H:00}", views,
        ))
    ticks = [
        (f"{WIDTH - (index + 0.5) * slot:.1f}", f"{HEIGHT - 5}", f"{hour:{hour_label}}")
        for index, (hour, _) in enumerate(points) if index % 6 == 0
    ]
    return format_html(
        '<svg class="audience-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" xmlns="http://www.w3.org/2000/svg">{}{}</svg>',
        label, WIDTH, HEIGHT,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#1f6f5c">'
            "<title>{}: {}</title></rect>",
            bars,
        ),
        format_html_join(
            "", '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', ticks
        ),
    )
