"""The Vietnamese lunar calendar (âm lịch), for UTC+7.

The conversion is the `lunar-vn` package (Hồ Ngọc Đức's astronomical algorithm with the
time zone as a parameter): Vietnam reckons the new moon at UTC+7, which is why Tết falls
on another day than the Chinese New Year in some years (1985, 2007, 2030, 2053). This
module adds only what the calendar shows: cell labels and the names of lunar years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import lunar_vn

from cchc_desktop.text.vnformat import date_table

VIETNAM_TZ = 7.0  # hours east of UTC
FIRST_YEAR, LAST_YEAR = 1901, 2099  # what lunar-vn supports, with a year of margin for lunar years


@dataclass(frozen=True)
class LunarDate:
    """A date of the Vietnamese lunar calendar (âm lịch)."""
    day: int
    month: int
    year: int
    leap: bool = False  # a leap month (tháng nhuận) repeats the number of the month before it

    @property
    def label(self) -> str:
        return lunar_label(self)


def supported(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


@lru_cache(maxsize=4096)
def solar_to_lunar(day: dt.date, tz: float = VIETNAM_TZ) -> LunarDate:
    """The lunar date of a solar date (raises ValueError outside 1901-2099)."""
    if not supported(day):
        raise ValueError(f"âm lịch chỉ tính cho các năm {FIRST_YEAR}-{LAST_YEAR}")
    got = lunar_vn.solar_to_lunar(day, time_zone=tz)
    return LunarDate(got.day, got.month, got.year, bool(got.leap))


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = VIETNAM_TZ) -> dt.date | None:
    """The solar date of a lunar date; None when it does not exist (no such leap month, day 30
    of a 29-day month) or is outside the supported years."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and FIRST_YEAR <= year <= LAST_YEAR - 1):
        return None
    try:
        result = lunar_vn.lunar_to_solar(lunar_vn.LunarDate(day, month, year, leap), time_zone=tz)
    except (ValueError, KeyError):
        return None
    if result is None or solar_to_lunar(result, tz) != LunarDate(day, month, year, leap):
        return None
    return result


def leap_month(year: int, tz: float = VIETNAM_TZ) -> int | None:
    """The number of the month repeated as a leap month in a lunar year, or None."""
    for month in range(1, 13):
        if lunar_to_solar(1, month, year, True, tz) is not None:
            return month
    return None


def tet(year: int, tz: float = VIETNAM_TZ) -> dt.date:
    """The solar date of Tết Nguyên Đán (1/1 of the lunar year that starts in `year`)."""
    result = lunar_to_solar(1, 1, year, False, tz)
    if result is None:
        raise ValueError(f"âm lịch chỉ tính cho các năm {FIRST_YEAR}-{LAST_YEAR - 1}")
    return result


def lunar_label(lunar: LunarDate, *, with_month: bool | None = None) -> str:
    """Short label for a calendar cell: "1/1", "15/8", "1/4n" for a leap month; the day alone
    ("16") when `with_month` is False. By default the month is shown on day 1 only."""
    show_month = lunar.day == 1 if with_month is None else with_month
    if not show_month:
        return str(lunar.day)
    return f"{lunar.day}/{lunar.month}{'n' if lunar.leap else ''}"


_CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def year_name(lunar_year: int) -> str:
    """The sexagenary name of a lunar year: 2024 -> "Giáp Thìn"."""
    return f"{_CAN[(lunar_year + 6) % 10]} {_CHI[(lunar_year + 8) % 12]}"


def month_year_names(year: int, month: int, tz: float = VIETNAM_TZ) -> str:
    """The lunar year of each day of a solar month, by name: "năm Giáp Thìn", or, in a month
    Tết cuts in two, "năm Bính Ngọ (đến 05/02/2027), năm Đinh Mùi (từ 06/02/2027)"."""
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    if not (supported(first) and supported(last)):
        return ""
    before, after = solar_to_lunar(first, tz).year, solar_to_lunar(last, tz).year
    if before == after:
        return f"năm {year_name(before)}"
    new_year = tet(after, tz)
    eve = new_year - dt.timedelta(days=1)
    return f"năm {year_name(before)} (đến {date_table(eve)}), năm {year_name(after)} (từ {date_table(new_year)})"
