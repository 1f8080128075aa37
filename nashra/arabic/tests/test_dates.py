"""Arabic dates, times and time zone names for news copy.

Every expected value here is written from real-world calendars, not taken
from the code under test: 5 January 2025 was a Sunday and 5 Rajab 1446;
1 March 2025 was a Saturday and 1 Ramadan 1446 (Umm al-Qura).
"""

from __future__ import annotations

import doctest
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import nashra.arabic
from nashra.arabic import dates
from nashra.arabic.dates import (
    MonthStyle,
    format_date,
    format_datetime,
    hijri_date,
    iso8601,
    month_name,
    weekday_name,
    zone_label,
)
from nashra.arabic.digits import DigitStyle

AMMAN = ZoneInfo("Asia/Amman")  # UTC+3 all year since October 2022
RIYADH = ZoneInfo("Asia/Riyadh")  # UTC+3, no DST
LONDON = ZoneInfo("Europe/London")  # UTC+0 in winter, UTC+1 in summer

LEVANTINE = [
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
]  # fmt: skip
EGYPTIAN = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
MAGHREBI = [
    "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
    "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
MONTHS_BY_STYLE = {"levantine": LEVANTINE, "egyptian": EGYPTIAN, "maghrebi": MAGHREBI}

EASTERN_DIGITS = "".join(chr(cp) for cp in range(0x0660, 0x066A))

NEWSROOM_ZONES = {
    "UTC": "غرينتش",
    "Etc/UTC": "غرينتش",
    "GMT": "غرينتش",
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
}

any_zone: st.SearchStrategy[tzinfo] = st.one_of(
    st.sampled_from([ZoneInfo(key) for key in NEWSROOM_ZONES]),
    st.sampled_from([ZoneInfo("America/New_York"), ZoneInfo("Asia/Kathmandu"), UTC]),
    st.builds(
        timezone,
        st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23)),
    ),
)
aware_datetimes = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30), timezones=any_zone
)


# --- month and weekday names -------------------------------------------------


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("style", ["levantine", "egyptian", "maghrebi"])
def test_it_names_each_month_in_the_regional_style(style: str, month: int) -> None:
    assert month_name(month, style) == MONTHS_BY_STYLE[style][month - 1]
    assert month_name(month, MonthStyle(style)) == MONTHS_BY_STYLE[style][month - 1]


@given(st.integers(min_value=1, max_value=12), st.sampled_from(list(MonthStyle)))
def test_every_month_name_belongs_to_its_styles_list(month: int, style: MonthStyle) -> None:
    assert month_name(month, style) in MONTHS_BY_STYLE[style.value]


@pytest.mark.parametrize("month", [0, 13, -1])
def test_it_rejects_a_month_outside_one_to_twelve(month: int) -> None:
    with pytest.raises(ValueError):
        month_name(month, MonthStyle.LEVANTINE)


def test_it_rejects_an_unknown_month_style() -> None:
    with pytest.raises(ValueError):
        month_name(1, "moroccan")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 6), "الاثنين"),
        (date(2025, 1, 7), "الثلاثاء"),
        (date(2025, 1, 8), "الأربعاء"),
        (date(2025, 1, 9), "الخميس"),
        (date(2025, 1, 10), "الجمعة"),
        (date(2025, 1, 11), "السبت"),
        (date(2025, 1, 12), "الأحد"),
    ],
)
def test_it_names_the_weekday(day: date, name: str) -> None:
    assert weekday_name(day) == name


# --- Hijri dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("gregorian", "hijri"),
    [
        (date(2025, 1, 5), "5 رجب 1446 هـ"),
        (date(2025, 3, 1), "1 رمضان 1446 هـ"),
        (date(2024, 3, 11), "1 رمضان 1445 هـ"),
        (date(2024, 7, 7), "1 محرم 1446 هـ"),  # Islamic new year 1446
        (date(2024, 6, 15), "9 ذو الحجة 1445 هـ"),  # Day of Arafah
        (date(1924, 8, 1), "1 محرم 1343 هـ"),  # first day hijridate covers
    ],
)
def test_it_writes_the_umm_al_qura_hijri_date(gregorian: date, hijri: str) -> None:
    assert hijri_date(gregorian) == hijri


def test_it_covers_the_last_supported_day() -> None:
    assert hijri_date(date(2077, 11, 16)).endswith(" ذو الحجة 1500 هـ")


@pytest.mark.parametrize(
    "outside", [date(1924, 7, 31), date(2077, 11, 17), date(1, 1, 1), date(9999, 12, 31)]
)
def test_it_returns_an_empty_string_outside_the_supported_range(outside: date) -> None:
    assert hijri_date(outside) == ""


# --- time zone names ---------------------------------------------------------


@pytest.mark.parametrize(("key", "name"), NEWSROOM_ZONES.items())
def test_it_names_newsroom_zones_in_arabic(key: str, name: str) -> None:
    assert zone_label(ZoneInfo(key), datetime(2025, 1, 5, 12, tzinfo=UTC)) == name


def test_it_calls_the_standard_utc_object_greenwich() -> None:
    assert zone_label(UTC, datetime(2025, 1, 5, tzinfo=UTC)) == "غرينتش"


def test_a_named_zone_keeps_its_name_across_daylight_saving() -> None:
    summer = datetime(2025, 7, 1, 12, tzinfo=UTC)
    winter = datetime(2025, 1, 15, 12, tzinfo=UTC)
    assert zone_label(LONDON, summer) == "لندن"
    assert zone_label(LONDON, winter) == "لندن"


@pytest.mark.parametrize(
    ("offset", "label"),
    [
        (timedelta(hours=5, minutes=30), "غرينتش+5:30"),
        (-timedelta(hours=4, minutes=30), "غرينتش-4:30"),
        (timedelta(hours=3), "غرينتش+3"),
        (timedelta(hours=-10), "غرينتش-10"),
        (timedelta(minutes=45), "غرينتش+0:45"),
        (timedelta(0), "غرينتش"),
    ],
)
def test_an_unnamed_fixed_offset_is_written_as_greenwich_plus_offset(
    offset: timedelta, label: str
) -> None:
    assert zone_label(timezone(offset), datetime(2025, 1, 5, tzinfo=UTC)) == label


def test_an_unnamed_zone_shows_its_offset_at_that_instant() -> None:
    new_york = ZoneInfo("America/New_York")  # EST is UTC-5, EDT is UTC-4
    assert zone_label(new_york, datetime(2025, 1, 15, 12, tzinfo=UTC)) == "غرينتش-5"
    assert zone_label(new_york, datetime(2025, 7, 1, 12, tzinfo=UTC)) == "غرينتش-4"
    assert zone_label(ZoneInfo("Asia/Kolkata"), datetime(2025, 7, 1, tzinfo=UTC)) == "غرينتش+5:30"


def test_zone_label_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError):
        zone_label(LONDON, datetime(2025, 7, 1, 12))


# --- format_datetime ---------------------------------------------------------


def test_it_renders_day_month_year_and_12_hour_time_in_the_target_zone() -> None:
    dt = datetime(2025, 1, 5, 20, 51, tzinfo=UTC)
    assert format_datetime(dt, tz=AMMAN) == "5 كانون الثاني 2025، 11:51 م بتوقيت عمّان"


def test_it_renders_the_date_as_it_is_in_the_target_zone() -> None:
    late_evening_utc = datetime(2025, 1, 5, 22, 30, tzinfo=UTC)
    assert (
        format_datetime(late_evening_utc, tz=RIYADH) == "6 كانون الثاني 2025، 1:30 ص بتوقيت الرياض"
    )


@pytest.mark.parametrize(
    ("hour", "minute", "clock"),
    [
        (0, 0, "12:00 ص"),
        (0, 5, "12:05 ص"),
        (9, 5, "9:05 ص"),
        (11, 59, "11:59 ص"),
        (12, 0, "12:00 م"),
        (12, 1, "12:01 م"),
        (23, 59, "11:59 م"),
    ],
)
def test_it_uses_a_12_hour_clock_with_morning_and_evening_marks(
    hour: int, minute: int, clock: str
) -> None:
    dt = datetime(2025, 1, 5, hour, minute, tzinfo=UTC)
    assert format_datetime(dt, tz=UTC) == f"5 كانون الثاني 2025، {clock} بتوقيت غرينتش"


def test_it_can_add_the_hijri_date_before_the_time() -> None:
    dt = datetime(2025, 1, 5, 23, 51, tzinfo=AMMAN)
    assert (
        format_datetime(dt, tz=AMMAN, hijri=True)
        == "5 كانون الثاني 2025 الموافق 5 رجب 1446 هـ، 11:51 م بتوقيت عمّان"
    )


def test_it_can_prefix_the_weekday() -> None:
    dt = datetime(2025, 1, 5, 23, 51, tzinfo=AMMAN)
    assert (
        format_datetime(dt, tz=AMMAN, with_weekday=True)
        == "الأحد 5 كانون الثاني 2025، 11:51 م بتوقيت عمّان"
    )


def test_without_time_it_drops_both_the_time_and_the_zone() -> None:
    dt = datetime(2025, 1, 5, 23, 51, tzinfo=AMMAN)
    assert format_datetime(dt, tz=AMMAN, with_time=False) == "5 كانون الثاني 2025"


def test_it_combines_every_option() -> None:
    dt = datetime(2025, 3, 1, 9, 0, tzinfo=ZoneInfo("Africa/Cairo"))
    assert (
        format_datetime(
            dt,
            tz=ZoneInfo("Africa/Cairo"),
            month_style=MonthStyle.EGYPTIAN,
            digits=DigitStyle.EASTERN,
            hijri=True,
            with_weekday=True,
        )
        == "السبت ١ مارس ٢٠٢٥ الموافق ١ رمضان ١٤٤٦ هـ، ٩:٠٠ ص بتوقيت القاهرة"
    )


def test_it_writes_eastern_digits_on_request() -> None:
    dt = datetime(2025, 1, 5, 23, 51, tzinfo=AMMAN)
    assert (
        format_datetime(dt, tz=AMMAN, digits="eastern")
        == "٥ كانون الثاني ٢٠٢٥، ١١:٥١ م بتوقيت عمّان"
    )


def test_it_uses_the_maghrebi_month_names_on_request() -> None:
    dt = datetime(2025, 7, 14, 8, 30, tzinfo=ZoneInfo("Africa/Algiers"))  # UTC+1, no DST
    assert (
        format_datetime(dt, tz=ZoneInfo("Africa/Algiers"), month_style="maghrebi")
        == "14 جويلية 2025، 8:30 ص بتوقيت الجزائر"
    )


def test_it_follows_london_daylight_saving_but_keeps_the_name() -> None:
    assert (
        format_datetime(datetime(2025, 7, 1, 12, tzinfo=UTC), tz=LONDON)
        == "1 تموز 2025، 1:00 م بتوقيت لندن"
    )
    assert (
        format_datetime(datetime(2025, 1, 15, 12, tzinfo=UTC), tz=LONDON)
        == "15 كانون الثاني 2025، 12:00 م بتوقيت لندن"
    )


def test_it_falls_back_to_the_offset_for_an_unnamed_zone() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    dt = datetime(2025, 1, 5, 12, tzinfo=UTC)
    assert format_datetime(dt, tz=india) == "5 كانون الثاني 2025، 5:30 م بتوقيت غرينتش+5:30"


def test_it_leaves_out_the_hijri_date_outside_the_supported_range() -> None:
    dt = datetime(2090, 1, 5, 12, tzinfo=UTC)
    assert format_datetime(dt, tz=UTC, hijri=True) == "5 كانون الثاني 2090، 12:00 م بتوقيت غرينتش"


def test_it_rejects_a_naive_datetime() -> None:
    with pytest.raises(ValueError):
        format_datetime(datetime(2025, 1, 5, 23, 51), tz=AMMAN)


@pytest.mark.parametrize("option", [{"month_style": "persian"}, {"digits": "roman"}])
def test_it_rejects_unknown_styles(option: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        format_datetime(datetime(2025, 1, 5, tzinfo=UTC), tz=UTC, **option)  # type: ignore[arg-type]


@given(st.datetimes())
def test_any_naive_datetime_is_rejected(naive: datetime) -> None:
    with pytest.raises(ValueError):
        format_datetime(naive, tz=UTC)
    with pytest.raises(ValueError):
        iso8601(naive)


@given(aware_datetimes, any_zone, st.booleans(), st.booleans(), st.booleans())
def test_eastern_style_never_contains_ascii_digits(
    dt: datetime, tz: tzinfo, hijri: bool, with_time: bool, with_weekday: bool
) -> None:
    text = format_datetime(
        dt, tz=tz, digits="eastern", hijri=hijri, with_time=with_time, with_weekday=with_weekday
    )
    assert re.search("[0-9]", text) is None


@given(aware_datetimes, any_zone, st.sampled_from(list(MonthStyle)))
def test_western_style_never_contains_eastern_digits(
    dt: datetime, tz: tzinfo, style: MonthStyle
) -> None:
    text = format_datetime(dt, tz=tz, month_style=style, hijri=True, with_weekday=True)
    assert not set(text) & set(EASTERN_DIGITS)


@given(aware_datetimes, any_zone, st.sampled_from(list(MonthStyle)))
def test_it_always_shows_the_local_day_month_and_year(
    dt: datetime, tz: tzinfo, style: MonthStyle
) -> None:
    local = dt.astimezone(tz)
    expected = f"{local.day} {MONTHS_BY_STYLE[style.value][local.month - 1]} {local.year}"
    assert format_datetime(dt, tz=tz, month_style=style, with_time=False) == expected


# --- format_date -------------------------------------------------------------


def test_format_date_renders_a_calendar_date() -> None:
    assert format_date(date(2025, 1, 5)) == "5 كانون الثاني 2025"


def test_format_date_takes_the_same_options() -> None:
    assert (
        format_date(
            date(2025, 3, 1),
            month_style="egyptian",
            digits="eastern",
            hijri=True,
            with_weekday=True,
        )
        == "السبت ١ مارس ٢٠٢٥ الموافق ١ رمضان ١٤٤٦ هـ"
    )


# --- iso8601 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dt", "text"),
    [
        (datetime(2025, 1, 5, 23, 51, tzinfo=AMMAN), "2025-01-05T23:51:00+03:00"),
        (datetime(2025, 1, 5, 20, 51, 7, 999_999, tzinfo=UTC), "2025-01-05T20:51:07+00:00"),
        (datetime(2025, 7, 1, 13, tzinfo=LONDON), "2025-07-01T13:00:00+01:00"),
        (
            datetime(2025, 1, 5, 8, tzinfo=timezone(-timedelta(hours=4, minutes=30))),
            "2025-01-05T08:00:00-04:30",
        ),
    ],
)
def test_iso8601_writes_seconds_and_the_utc_offset(dt: datetime, text: str) -> None:
    assert iso8601(dt) == text


def test_iso8601_rejects_a_naive_datetime() -> None:
    with pytest.raises(ValueError):
        iso8601(datetime(2025, 1, 5, 23, 51))


def test_iso8601_writes_an_offset_with_seconds_in_utc() -> None:
    # Before 1931 Amman kept local mean time, UTC+2:23:44, which ISO 8601 cannot express.
    assert iso8601(datetime(1920, 1, 1, tzinfo=AMMAN)) == "1919-12-31T21:36:16+00:00"
    odd = timezone(timedelta(hours=1, seconds=30))
    assert iso8601(datetime(2025, 1, 5, 12, 0, 0, tzinfo=odd)) == "2025-01-05T10:59:30+00:00"


@given(aware_datetimes)
def test_iso8601_is_always_seconds_with_an_hours_and_minutes_offset(dt: datetime) -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", iso8601(dt))


@given(aware_datetimes)
def test_iso8601_names_the_same_instant_to_within_a_second(dt: datetime) -> None:
    # Subtraction, not ==: Python treats a time in a DST gap or fold as
    # unequal to every time in another zone, even the same instant.
    parsed = datetime.fromisoformat(iso8601(dt))
    assert timedelta(0) <= dt - parsed < timedelta(seconds=1)


@given(aware_datetimes)
def test_iso8601_keeps_a_whole_minute_offset_and_the_wall_time(dt: datetime) -> None:
    offset = dt.utcoffset()
    assume(offset is not None and not offset % timedelta(minutes=1))
    parsed = datetime.fromisoformat(iso8601(dt))
    assert parsed.replace(tzinfo=None) == dt.replace(microsecond=0, tzinfo=None)
    assert parsed.utcoffset() == offset


# --- documentation -----------------------------------------------------------


@pytest.mark.parametrize("module", [dates, nashra.arabic])
def test_the_docstring_examples_hold(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0
