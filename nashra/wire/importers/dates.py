"""Dates as other sites print them, made into aware datetimes.

A page says "5th, January 2025 GMT", "05-01-2025 11:51 PM", "5 كانون الثاني 2025" or
"٥ يناير ٢٠٢٥ - ١٤:٣٠". A zone written on the page wins; otherwise the zone given (the
site's, by default) is assumed, because a newsroom time without a zone is ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from nashra.arabic import normalize
from nashra.arabic.dates import MonthStyle, month_name
from nashra.arabic.digits import to_western

_ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTHS: dict[str, int] = {name: number for number, name in enumerate(_ENGLISH_MONTHS, 1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
for _style in MonthStyle:
    _MONTHS.update({normalize(month_name(number, _style)): number for number in range(1, 13)})
_MONTH_WORDS = "|".join(sorted((re.escape(name) for name in _MONTHS), key=len, reverse=True))

_ZONE = r"(?P<zone>gmt|utc|غرينتش|[+-]\d{2}:?\d{2})"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<half>am|pm|ص|م)?"
_PATTERNS = [
    # 5th, January 2025 / 5 كانون الثاني 2025 / 5 يناير، 2025
    re.compile(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[,،]?\s+(?P<month>{_MONTH_WORDS})[,،]?\s+(?P<year>\d{{4}})"
    ),
    # January 5, 2025
    re.compile(
        rf"(?P<month>{_MONTH_WORDS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[,،]?\s+(?P<year>\d{{4}})"
    ),
    # 2025-01-05 or 2025/01/05
    re.compile(r"(?P<year>\d{4})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})"),
    # 05-01-2025 or 05/01/2025: day first, as Arabic sites write it
    re.compile(r"(?P<day>\d{1,2})[-/.](?P<mon>\d{1,2})[-/.](?P<year>\d{4})"),
]
_CLOCK_PATTERN = re.compile(_CLOCK)
_ZONE_PATTERN = re.compile(rf"(?<![a-z]){_ZONE}(?![a-z])")


@dataclass(frozen=True)
class FoundDate:
    """A date read from text; ``has_time`` says whether the text gave a time of day."""

    at: datetime
    has_time: bool


def find_date(text: str, default_zone: tzinfo) -> FoundDate | None:
    """The first date written in ``text``, aware; None when there is none.

    >>> from zoneinfo import ZoneInfo
    >>> find_date("تاريخ النشر: 5th, January 2025 GMT", ZoneInfo("Asia/Amman")).at.isoformat()
    '2025-01-05T00:00:00+00:00'
    >>> find_date("05-01-2025 11:51 PM", ZoneInfo("Asia/Amman")).at.isoformat()
    '2025-01-05T23:51:00+03:00'
    """
    folded = normalize(to_western(text))
    for pattern in _PATTERNS:
        match = pattern.search(folded)
        if match is None:
            continue
        fields = match.groupdict()
        month = _MONTHS[fields["month"]] if fields.get("month") else int(fields["mon"])
        try:
            day = date(int(fields["year"]), month, int(fields["day"]))
        except ValueError:
            continue
        rest = folded[match.end() :]
        clock = _CLOCK_PATTERN.match(rest.lstrip(" ,،-–—|"))
        at_time, has_time = time(0, 0), False
        if clock is not None:
            hour, minute = int(clock["hour"]), int(clock["minute"])
            if clock["half"] in {"pm", "م"} and hour < 12:
                hour += 12
            elif clock["half"] in {"am", "ص"} and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                at_time, has_time = time(hour, minute), True
        zone = _zone_in(rest[:40]) or default_zone
        return FoundDate(datetime.combine(day, at_time, tzinfo=zone), has_time)
    return None


def _zone_in(text: str) -> tzinfo | None:
    match = _ZONE_PATTERN.search(text)
    if match is None:
        return None
    name = match["zone"]
    if name in {"gmt", "utc", "غرينتش"}:
        return UTC
    sign = -1 if name[0] == "-" else 1
    digits = name[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
