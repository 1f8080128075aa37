"""Arabic dates and times for news copy.

Everything here is a pure function of its arguments: no settings, no
locale, no "now". A datetime is always rendered in an explicit time zone,
and every datetime argument must be aware (a naive one raises
``ValueError``), because a newsroom time without a zone is ambiguous.

>>> from zoneinfo import ZoneInfo
>>> dt = datetime(2025, 1, 5, 20, 51, tzinfo=UTC)
>>> format_datetime(dt, tz=ZoneInfo("Asia/Amman"))
'5 كانون الثاني 2025، 11:51 م بتوقيت عمّان'
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

from hijridate import Gregorian

from .digits import DigitStyle, apply_digit_style

__all__ = [
    "HIJRI_MONTH_NAMES",
    "WEEKDAY_NAMES",
    "MonthStyle",
    "format_date",
    "format_datetime",
    "hijri_date",
    "iso8601",
    "month_name",
    "weekday_name",
    "zone_label",
]


class MonthStyle(StrEnum):
    """Regional naming of the Gregorian months.

    >>> MonthStyle("egyptian") is MonthStyle.EGYPTIAN
    True
    """

    LEVANTINE = "levantine"  # Syria, Lebanon, Jordan, Palestine, Iraq
    EGYPTIAN = "egyptian"  # Egypt and the Gulf
    MAGHREBI = "maghrebi"  # Algeria and Tunisia (French-derived)


_GREGORIAN_MONTH_NAMES: Final = MappingProxyType(
    {
        MonthStyle.LEVANTINE: (
            "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
            "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
        ),
        MonthStyle.EGYPTIAN: (
            "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
            "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
        ),
        MonthStyle.MAGHREBI: (
            "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
            "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
        ),
    }
)  # fmt: skip

HIJRI_MONTH_NAMES: Final[tuple[str, ...]] = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)  # fmt: skip
"""Hijri month names; index 0 is Muharram (month 1)."""

WEEKDAY_NAMES: Final[tuple[str, ...]] = (
    "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
)  # fmt: skip
"""Weekday names indexed by ``date.weekday()`` (0 is Monday)."""

_GMT: Final = "غرينتش"

# Keyed on the IANA name exactly as ZoneInfo.key reports it; ZoneInfo does
# not canonicalise links, so a link such as Asia/Istanbul needs its own entry.
_ZONE_NAMES: Final = MappingProxyType(
    {
        "UTC": _GMT,
        "Etc/UTC": _GMT,
        "GMT": _GMT,
        "Etc/GMT": _GMT,
        "Asia/Amman": "عمّان",
        "Asia/Damascus": "دمشق",
        "Asia/Beirut": "بيروت",
        "Asia/Jerusalem": "القدس",
        "Asia/Gaza": "القدس",
        "Asia/Hebron": "القدس",
        "Asia/Baghdad": "بغداد",
        "Asia/Riyadh": "الرياض",
        "Asia/Kuwait": "الكويت",
        "Asia/Qatar": "الدوحة",
        "Asia/Bahrain": "المنامة",
        "Asia/Dubai": "أبوظبي",
        "Asia/Muscat": "مسقط",
        "Asia/Aden": "عدن",
        "Africa/Cairo": "القاهرة",
        "Africa/Khartoum": "الخرطوم",
        "Africa/Tripoli": "طرابلس",
        "Africa/Tunis": "تونس",
        "Africa/Algiers": "الجزائر",
        "Africa/Casablanca": "الدار البيضاء",
        "Africa/Nouakchott": "نواكشوط",
        "Europe/London": "لندن",
        "Europe/Istanbul": "إسطنبول",
        "Asia/Istanbul": "إسطنبول",
    }
)


def month_name(month: int, style: MonthStyle | str) -> str:
    """Name Gregorian ``month`` (1-12) in the given regional style.

    Raises ``ValueError`` for a month outside 1..12 or an unknown style.

    >>> month_name(1, "levantine"), month_name(1, "egyptian"), month_name(1, "maghrebi")
    ('كانون الثاني', 'يناير', 'جانفي')
    """
    names = _GREGORIAN_MONTH_NAMES[MonthStyle(style)]
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month}")
    return names[month - 1]


def weekday_name(d: date) -> str:
    """Name the weekday of ``d``.

    >>> weekday_name(date(2025, 1, 5))
    'الأحد'
    """
    return WEEKDAY_NAMES[d.weekday()]


def hijri_date(d: date) -> str:
    """Write the Hijri (Umm al-Qura) date of ``d`` with Western digits.

    The Umm al-Qura table (via ``hijridate``) only covers 1343-1500 AH,
    i.e. 1 August 1924 to 16 November 2077; for any other date this returns
    ``""`` instead of raising, so callers can simply omit the Hijri part.
    Umm al-Qura is the Saudi civil calendar: countries that start months by
    local moon sighting may be a day apart around month boundaries.

    A ``datetime`` is read as its own wall-clock date, with no zone change.

    >>> hijri_date(date(2025, 1, 5))
    '5 رجب 1446 هـ'
    >>> hijri_date(date(1900, 1, 1))
    ''
    """
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except OverflowError:
        return ""
    return f"{h.day} {HIJRI_MONTH_NAMES[h.month - 1]} {h.year} هـ"


def zone_label(tz: tzinfo, at: datetime) -> str:
    """Name ``tz`` in Arabic as it applies at the instant ``at``.

    Meant to follow "بتوقيت". Known newsroom zones (a ``ZoneInfo`` with a
    known key, or ``datetime.UTC``) get a city name, which stays the same
    across DST. Any other zone is written as its UTC offset at ``at``.
    ``at`` must be aware; a naive one raises ``ValueError``.

    >>> at = datetime(2025, 7, 1, tzinfo=UTC)
    >>> zone_label(ZoneInfo("Africa/Cairo"), at)
    'القاهرة'
    >>> from datetime import timezone
    >>> zone_label(timezone(-timedelta(hours=4, minutes=30)), at)
    'غرينتش-4:30'
    """
    _require_aware(at, "at")
    if isinstance(tz, ZoneInfo) and tz.key in _ZONE_NAMES:
        return _ZONE_NAMES[tz.key]
    if tz == UTC:
        return _GMT
    offset = at.astimezone(tz).utcoffset()
    if offset is None:
        raise ValueError(f"time zone {tz!r} has no UTC offset at {at.isoformat()}")
    return _offset_label(offset)


def format_datetime(
    dt: datetime,
    *,
    tz: tzinfo,
    month_style: MonthStyle | str = MonthStyle.LEVANTINE,
    digits: DigitStyle | str = DigitStyle.WESTERN,
    hijri: bool = False,
    with_time: bool = True,
    with_weekday: bool = False,
) -> str:
    """Render the instant ``dt`` as Arabic news copy, as seen in zone ``tz``.

    ``dt`` must be aware: a naive datetime raises ``ValueError``. The date
    shown is the date in ``tz``, which may differ from ``dt``'s own date.
    Shape: ``[weekday ]day month year[ الموافق hijri]، h:mm ص|م بتوقيت zone``.
    The clock is 12-hour: "ص" before noon, "م" from noon on (00:05 is
    "12:05 ص", 12:00 is "12:00 م"). ``with_time=False`` drops the time and
    the zone. The Hijri part is left out when the date is outside the
    supported range (see :func:`hijri_date`). Digits are converted last,
    so every digit in the result follows ``digits``. Unknown style strings
    raise ``ValueError``.

    >>> from zoneinfo import ZoneInfo
    >>> dt = datetime(2025, 1, 5, 23, 51, tzinfo=ZoneInfo("Asia/Riyadh"))
    >>> format_datetime(dt, tz=ZoneInfo("Asia/Riyadh"), with_weekday=True, hijri=True)
    'الأحد 5 كانون الثاني 2025 الموافق 5 رجب 1446 هـ، 11:51 م بتوقيت الرياض'
    >>> format_datetime(dt, tz=UTC, month_style="egyptian", digits="eastern")
    '٥ يناير ٢٠٢٥، ٨:٥١ م بتوقيت غرينتش'
    """
    _require_aware(dt, "dt")
    local = dt.astimezone(tz)
    text = _date_text(local.date(), MonthStyle(month_style), hijri, with_weekday)
    if with_time:
        text += f"، {_clock(local)} بتوقيت {zone_label(tz, local)}"
    return apply_digit_style(text, digits)


def format_clock(
    dt: datetime, *, tz: tzinfo, digits: DigitStyle | str = DigitStyle.WESTERN
) -> str:
    """The time of day of the instant ``dt`` in zone ``tz``, as an entry of a live page
    shows it under a heading that names the day.

    >>> from zoneinfo import ZoneInfo
    >>> dt = datetime(2025, 1, 5, 20, 51, tzinfo=UTC)
    >>> format_clock(dt, tz=ZoneInfo("Asia/Riyadh")), format_clock(dt, tz=UTC, digits="eastern")
    ('11:51 م', '٨:٥١ م')
    """
    _require_aware(dt, "dt")
    return apply_digit_style(_clock(dt.astimezone(tz)), digits)


def format_date(
    d: date,
    *,
    month_style: MonthStyle | str = MonthStyle.LEVANTINE,
    digits: DigitStyle | str = DigitStyle.WESTERN,
    hijri: bool = False,
    with_weekday: bool = False,
) -> str:
    """Render the calendar date ``d`` like :func:`format_datetime`, without time.

    No zone conversion happens: a ``datetime`` is read as its own
    wall-clock date. Use :func:`format_datetime` with ``with_time=False``
    to render an instant's date in a particular zone.

    >>> format_date(date(2025, 3, 1), month_style="maghrebi", hijri=True)
    '1 مارس 2025 الموافق 1 رمضان 1446 هـ'
    """
    text = _date_text(d, MonthStyle(month_style), hijri, with_weekday)
    return apply_digit_style(text, digits)


def iso8601(dt: datetime) -> str:
    """Write aware ``dt`` as ISO 8601 with its UTC offset, to the second.

    Sub-second precision is dropped, not rounded. A naive datetime raises
    ``ValueError``: without an offset the string would not name an instant.
    The offset is always ``±HH:MM``; a datetime whose offset is not a whole
    number of minutes (historical local mean time, e.g. Amman before 1931
    was +02:23:44) is written in UTC instead, since ISO 8601 has no seconds
    in offsets and many parsers reject them.

    >>> iso8601(datetime(2025, 1, 5, 23, 51, 0, 999, tzinfo=ZoneInfo("Asia/Amman")))
    '2025-01-05T23:51:00+03:00'
    >>> iso8601(datetime(1920, 1, 1, tzinfo=ZoneInfo("Asia/Amman")))
    '1919-12-31T21:36:16+00:00'
    """
    _require_aware(dt, "dt")
    offset = dt.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        dt = dt.astimezone(UTC)
    return dt.isoformat(timespec="seconds")


def _require_aware(dt: datetime, name: str) -> None:
    # Python's own definition of "aware": a tzinfo that yields an offset.
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got naive {dt.isoformat()}")


def _date_text(d: date, month_style: MonthStyle, hijri: bool, with_weekday: bool) -> str:
    text = f"{d.day} {month_name(d.month, month_style)} {d.year}"
    if with_weekday:
        text = f"{weekday_name(d)} {text}"
    hijri_text = hijri_date(d) if hijri else ""
    if hijri_text:
        text += f" الموافق {hijri_text}"
    return text


def _clock(local: datetime) -> str:
    hour = local.hour % 12 or 12
    suffix = "ص" if local.hour < 12 else "م"
    return f"{hour}:{local.minute:02d} {suffix}"


def _offset_label(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    # Historical local-mean-time offsets carry seconds; a label only needs
    # minutes, so the magnitude is truncated toward zero.
    hours, minutes = divmod(abs(seconds) // 60, 60)
    if hours == minutes == 0:
        return _GMT
    return f"{_GMT}{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
