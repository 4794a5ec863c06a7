"""Vietnamese formatting of dates, numbers, quarters and list labels, and the reading of dates
as officers type them, in one place."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from cchc_desktop.errors import ValidationError
from cchc_desktop.text.patterns import lazy

LOCALE = "vi_VN"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Sub-item letters of administrative documents: "đ" follows "d", there is no "f".
SUB_ITEM_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n",
                    "o", "p", "q", "r", "s", "t", "u", "v", "x", "y")


def roman(number: int) -> str:
    if number <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    text = text.strip().upper()
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total if roman(total) == text else None


def sub_item_letter(index: int) -> str:
    """0 -> "a", 4 -> "đ"."""
    return SUB_ITEM_LETTERS[index % len(SUB_ITEM_LETTERS)]


def quarter_label(quarter: int) -> str:
    return f"Quý {roman(quarter)}"


def date_table(day: dt.date | None) -> str:
    """Date as printed in tables: 16/01/2024."""
    return _date_table(day) if day else ""


@lru_cache(maxsize=65536)
def _date_table(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")  # a report labels the same few thousand days again and again


def date_line(day: dt.date | None, place: str = "") -> str:
    """The document date line: "Vĩnh Long, ngày 05 tháng 01 năm 2024".

    Day below 10 and months 1 and 2 take a leading zero; other months do not
    (Nghị định 30/2020/NĐ-CP). A missing date leaves blanks for the officer to fill in.
    """
    if day is None:
        text = "ngày     tháng     năm     "
    else:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def date_words(day: dt.date) -> str:
    """"ngày 29 tháng 12 năm 2023" (the form used inside sentences and reference lines)."""
    return date_line(day)


def weekday_date(day: dt.date) -> str:
    """"Thứ Hai, 06/01/2025"."""
    return f"{WEEKDAYS[day.weekday()]}, {date_table(day)}"


def month_title(year: int, month: int) -> str:
    """"Tháng 1 năm 2025" via babel's Vietnamese month names ("tháng 1")."""
    from babel.dates import format_date  # babel's locale data loads slowly: only when needed
    name = format_date(dt.date(year, month, 1), "LLLL", locale=LOCALE)
    return f"{name[:1].upper()}{name[1:]} năm {year}"


def number(value: float | int, decimals: int | None = None) -> str:
    """1.234.567 and 12,5 (Vietnamese separators, via babel)."""
    if isinstance(value, int) and not decimals:
        return f"{value:,}".replace(",", ".")  # what babel gives for a whole number, without its locale data
    from babel.numbers import format_decimal  # babel's locale data loads slowly: only when needed
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(part: int, whole: int) -> str:
    """"12,5%", "100%": one decimal, Vietnamese separators (what `number(value, 1)` writes, made
    here without babel, whose locale data a text report would otherwise load for its shares)."""
    if whole <= 0:
        return "0%"
    text = f"{round(100.0 * part / whole, 1):,.1f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text}%".replace(",0%", "%")


def money(value: int) -> str:
    return f"{number(value)} đồng"


_DATE_FORMS = (
    lazy(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"),  # ISO
    lazy(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$"),  # 31/01/2025
)


def parse_date(text: str) -> dt.date:
    """Read 2025-01-31 or 31/01/2025; impossible dates raise a Vietnamese message."""
    iso = _DATE_FORMS[0].match(text or "")
    vn = _DATE_FORMS[1].match(text or "")
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif vn:
        day, month, year = (int(g) for g in vn.groups())
    else:
        raise ValidationError(f"Ngày không hợp lệ: «{text}». Hãy ghi theo dạng 31/01/2025 hoặc 2025-01-31.")
    reason = missing_date_reason(day, month, year)
    if reason:
        raise ValidationError(f"Ngày không tồn tại: «{text}» ({reason}).")
    return dt.date(year, month, day)


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (without the `calendar` module, whose import loads `locale`: the window's start
    reads dates before anything needs either)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def missing_date_reason(day: int, month: int, year: int) -> str | None:
    """Why day/month/year is no date, as a phrase ("tháng 2 năm 2025 chỉ có 28 ngày"); None
    when it is one. Every reader of dates gives the same reason."""
    if not 1 <= year <= 9999:
        return f"không có năm {year}"
    if not 1 <= month <= 12:
        return f"không có tháng {month}, tháng chỉ từ 1 đến 12"
    if day < 1:
        return "ngày bắt đầu từ 1"
    last = days_in_month(year, month)
    if day > last:
        return f"tháng {month}{f' năm {year}' if month == 2 else ''} chỉ có {last} ngày"
    return None


_TYPED_DATE = lazy(r"^\d+(?:[\s/.\-]+\d+)*$")
_TYPED_HINT = "Hãy gõ ngày/tháng/năm, ví dụ 15/01/2026."


def read_date(text: str, reference: dt.date) -> dt.date:
    """A date as an officer types it into a date field: "15/01/2026", "15/1/26", "15-01-2026",
    "15012026", "2026-01-15"; "15/01" is that day in the year of `reference`, "15" that day in
    its month and year. A date that does not exist ("31/02/2025") or a text that is no date
    raises ValidationError saying why; it never becomes another date."""
    typed = (text or "").strip()
    if not typed:
        raise ValidationError("Chưa ghi ngày.")
    if not _TYPED_DATE.match(typed):
        raise ValidationError(f"«{typed}» không phải là một ngày. {_TYPED_HINT}")
    iso = _DATE_FORMS[0].match(typed)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        parts = re.split(r"[\s/.\-]+", typed)
        if len(parts) == 1 and len(parts[0]) in (4, 6, 8):  # 1501, 150126, 15012026
            digits = parts[0]
            parts = [digits[:2], digits[2:4]] + ([digits[4:]] if len(digits) > 4 else [])
        if len(parts) > 3 or any(len(p) > 2 for p in parts[:2]):
            raise ValidationError(f"«{typed}» không phải là một ngày. {_TYPED_HINT}")
        day = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else reference.month
        year = reference.year
        if len(parts) == 3:
            if len(parts[2]) == 2:
                year = 2000 + int(parts[2])
            elif len(parts[2]) == 4:
                year = int(parts[2])
            else:
                raise ValidationError(f"Năm «{parts[2]}» chưa đủ: hãy gõ năm đủ bốn chữ số, ví dụ 15/01/2026.")
    reason = missing_date_reason(day, month, year)
    if reason:
        if not 1 <= month <= 12:
            raise ValidationError(f"Không có tháng {month}: tháng chỉ từ 1 đến 12.")
        raise ValidationError(f"Không có ngày {day:02d}/{month:02d}/{year}: {reason}.")
    return dt.date(year, month, day)
