"""Plain-Python Arabic text library for Nashra.

Digits and dates for Arabic news copy. This package deliberately imports
nothing from Django, Wagtail or the rest of ``nashra`` (only the standard
library and ``hijridate``), so it can be used and tested on its own.

>>> to_eastern("2025")
'٢٠٢٥'
"""

from __future__ import annotations

from .dates import (
    HIJRI_MONTH_NAMES,
    WEEKDAY_NAMES,
    MonthStyle,
    format_date,
    format_datetime,
    hijri_date,
    iso8601,
    month_name,
    weekday_name,
    zone_label,
)
from .digits import DigitStyle, apply_digit_style, to_eastern, to_western

__all__ = [
    "HIJRI_MONTH_NAMES",
    "WEEKDAY_NAMES",
    "DigitStyle",
    "MonthStyle",
    "apply_digit_style",
    "format_date",
    "format_datetime",
    "hijri_date",
    "iso8601",
    "month_name",
    "to_eastern",
    "to_western",
    "weekday_name",
    "zone_label",
]
