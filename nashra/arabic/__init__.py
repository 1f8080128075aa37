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
    format_clock,
    format_date,
    format_datetime,
    hijri_date,
    iso8601,
    month_name,
    weekday_name,
    zone_label,
)
from .digits import DigitStyle, apply_digit_style, to_eastern, to_western
from .keys import SearchKeys, search_keys
from .normalize import fold_repeats, normalize
from .stem import light_stem
from .stopwords import STOP_WORDS, is_stop_word
from .tokenize import Token, tokenize, tokenize_with_spans

__all__ = [
    "HIJRI_MONTH_NAMES",
    "STOP_WORDS",
    "WEEKDAY_NAMES",
    "DigitStyle",
    "MonthStyle",
    "SearchKeys",
    "Token",
    "apply_digit_style",
    "fold_repeats",
    "format_date",
    "format_clock",
    "format_datetime",
    "hijri_date",
    "is_stop_word",
    "iso8601",
    "light_stem",
    "month_name",
    "normalize",
    "search_keys",
    "to_eastern",
    "to_western",
    "tokenize",
    "tokenize_with_spans",
    "weekday_name",
    "zone_label",
]
