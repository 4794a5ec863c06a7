"""The Vietnamese lunar calendar (âm lịch), computed astronomically for UTC+7.

This is Hồ Ngọc Đức's well-known algorithm (new moons and solar terms after Jean Meeus,
"Astronomical Algorithms"), with the time zone as a parameter: Vietnam reckons the new
moon at UTC+7, which is why Tết falls on another day than the Chinese New Year in some
years (1985, 2007, 2030, 2053).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

VIETNAM_TZ = 7.0  # hours east of UTC
_SYNODIC_MONTH = 29.530588853
_JD_1900_NEW_MOON = 2415021.076998695  # Julian day of the new moon of 1900-01-01


@dataclass(frozen=True)
class LunarDate:
    day: int
    month: int
    year: int
    leap: bool = False  # a leap month (tháng nhuận) repeats the number of the month before it

    @property
    def label(self) -> str:
        return lunar_label(self)


def _jd_from_date(day: int, month: int, year: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    if jd < 2299161:  # Julian calendar before the Gregorian reform
        jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jd


def _date_from_jd(jd: int) -> dt.date:
    if jd > 2299160:
        a = jd + 32044
        b = (4 * a + 3) // 146097
        c = a - (b * 146097) // 4
    else:
        b = 0
        c = jd + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = b * 100 + d - 4800 + m // 10
    return dt.date(year, month, day)


def _new_moon(k: int) -> float:
    """Julian day (UTC, fractional) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


@lru_cache(maxsize=4096)
def _new_moon_day(k: int, tz: float) -> int:
    """Local day number on which the k-th new moon falls."""
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """Sun's apparent longitude in radians, 0 .. 2π, at Julian day `jdn` (UTC)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def _sun_sector(day_number: int, tz: float) -> int:
    """Which of the 12 major solar terms (0..11) the sun is in at the start of a local day."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@lru_cache(maxsize=512)
def _lunar_month_11(year: int, tz: float) -> int:
    """Day number of the start of lunar month 11 (the one containing the winter solstice)."""
    off = _jd_from_date(31, 12, year) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:
        nm = _new_moon_day(k - 1, tz)
    return nm


@lru_cache(maxsize=512)
def _leap_month_offset(a11: int, tz: float) -> int:
    """Offset from month 11 of the first month without a major solar term (the leap month)."""
    k = math.floor((a11 - _JD_1900_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def solar_to_lunar(day: dt.date, tz: float = VIETNAM_TZ) -> LunarDate:
    """The lunar date of a solar (Gregorian) date, for the given time zone (Vietnam: 7)."""
    day_number = _jd_from_date(day.day, day.month, day.year)
    k = math.floor((day_number - _JD_1900_NEW_MOON) / _SYNODIC_MONTH)
    # The mean-motion estimate of k can be one month off near a new moon: step until it fits.
    month_start = _new_moon_day(k + 1, tz)
    while month_start > day_number:
        k -= 1
        month_start = _new_moon_day(k + 1, tz)
    while _new_moon_day(k + 2, tz) <= day_number:
        k += 1
        month_start = _new_moon_day(k + 1, tz)
    a11 = _lunar_month_11(day.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = day.year
        a11 = _lunar_month_11(day.year - 1, tz)
    else:
        lunar_year = day.year + 1
        b11 = _lunar_month_11(day.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:  # thirteen months between two winter solstices: one is a leap month
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_day, lunar_month, lunar_year, leap)


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = VIETNAM_TZ) -> dt.date | None:
    """The solar date of a lunar date; None when it does not exist (a leap month that year has not)."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    if month < 11:
        a11 = _lunar_month_11(year - 1, tz)
        b11 = _lunar_month_11(year, tz)
    else:
        a11 = _lunar_month_11(year, tz)
        b11 = _lunar_month_11(year + 1, tz)
    k = math.floor(0.5 + (a11 - _JD_1900_NEW_MOON) / _SYNODIC_MONTH)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap and month != leap_month:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    month_start = _new_moon_day(k + off, tz)
    result = _date_from_jd(month_start + day - 1)
    # Day 30 of a 29-day month would spill into the next month.
    back = solar_to_lunar(result, tz)
    if (back.day, back.month, back.leap) != (day, month, leap):
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
    assert result is not None  # month 1 always exists
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
