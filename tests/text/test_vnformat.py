"""Vietnamese dates, numbers, Roman numerals and sub-item letters."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.text.vnformat import (
    LOCALE,
    date_line,
    date_table,
    from_roman,
    money,
    month_title,
    number,
    parse_date,
    percent,
    quarter_label,
    roman,
    sub_item_letter,
    weekday_date,
)


@pytest.mark.parametrize(
    "day, text",
    [
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (dt.date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (dt.date(2023, 12, 29), "ngày 29 tháng 12 năm 2023"),
        (dt.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (dt.date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
        (dt.date(2020, 11, 10), "ngày 10 tháng 11 năm 2020"),
    ],
)
def test_date_line_leading_zeros(day: dt.date, text: str) -> None:
    assert date_line(day) == text
    assert date_line(day, "Vĩnh Long") == f"Vĩnh Long, {text}"


def test_date_line_of_a_draft_leaves_blanks() -> None:
    line = date_line(None, "Vĩnh Long")
    assert line.startswith("Vĩnh Long, ngày ")
    assert "tháng" in line and "năm" in line
    assert not any(ch.isdigit() for ch in line)


def test_table_and_weekday_dates() -> None:
    assert date_table(dt.date(2024, 1, 16)) == "16/01/2024"
    assert date_table(None) == ""
    assert weekday_date(dt.date(2025, 1, 6)) == "Thứ Hai, 06/01/2025"
    assert weekday_date(dt.date(2025, 1, 12)) == "Chủ nhật, 12/01/2025"
    assert month_title(2025, 1) == "Tháng 1 năm 2025"
    assert month_title(2024, 12) == "Tháng 12 năm 2024"


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (1234567, None, "1.234.567"),
        (12.5, None, "12,5"),
        (0.5, None, "0,5"),
        (999, None, "999"),
        (12.5, 2, "12,50"),
        (1234.567, 1, "1.234,6"),
        (7, 0, "7"),
    ],
)
def test_numbers(value: float, decimals: int | None, text: str) -> None:
    assert number(value, decimals) == text


def test_whole_numbers_are_written_as_babel_writes_them() -> None:
    # a whole number is grouped without babel's locale data (a count in the window, every keystroke)
    from babel.numbers import format_decimal

    values = [0, 7, -7, 999, 1000, -1000, 2_100, 50_000, 1_234_567, -1_234_567, 10**15 + 1]
    values += [sign * (10**k + d) for k in range(1, 13) for d in (-1, 0, 1) for sign in (1, -1)]
    for value in values:
        assert number(value) == number(value, 0) == format_decimal(value, locale=LOCALE), value


def test_percent_and_money() -> None:
    assert percent(1, 3) == "33,3%"
    assert percent(1, 2) == "50%"
    assert percent(3, 0) == "0%"
    assert money(1_500_000) == "1.500.000 đồng"


def test_percent_is_what_number_writes() -> None:
    # percent formats its shares itself; babel's number() is the reference
    cases = [(part, whole) for whole in range(1, 400, 7) for part in range(whole + 1)]
    cases += [(123_456, 1), (10**9, 7), (5, 3), (1, 8), (3, 16)]
    for part, whole in cases:
        assert percent(part, whole) == f"{number(round(100.0 * part / whole, 1), 1)}%".replace(",0%", "%")


@pytest.mark.parametrize("value, text", [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (2024, "MMXXIV")])
def test_roman(value: int, text: str) -> None:
    assert roman(value) == text
    assert from_roman(text) == value
    assert from_roman(text.lower() + " ") == value


@pytest.mark.parametrize("text", ["", "IIII", "VX", "ABC", "1", "I.", "Sở"])
def test_not_roman(text: str) -> None:
    assert from_roman(text) is None


def test_roman_starts_at_one() -> None:
    with pytest.raises(ValueError):
        roman(0)


def test_quarter_label() -> None:
    assert [quarter_label(q) for q in (1, 2, 3, 4)] == ["Quý I", "Quý II", "Quý III", "Quý IV"]


def test_sub_item_letters_put_d_stroke_after_d_and_skip_f() -> None:
    assert [sub_item_letter(i) for i in range(8)] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    letters = [sub_item_letter(i) for i in range(23)]
    assert not {"f", "j", "w", "z"} & set(letters)
    assert letters[-1] == "y"


@pytest.mark.parametrize(
    "text, day",
    [
        ("31/01/2025", dt.date(2025, 1, 31)),
        ("2025-01-31", dt.date(2025, 1, 31)),
        (" 1/2/2025 ", dt.date(2025, 2, 1)),
        ("16.01.2024", dt.date(2024, 1, 16)),
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2025", "29/02/2025", "00/01/2025", "32/01/2025", "2025-13-01"])
def test_impossible_dates_are_refused_in_vietnamese(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(text)
    assert "Ngày không tồn tại" in info.value.message
    assert text in info.value.message


@pytest.mark.parametrize("text", ["", "hôm qua", "31/01", "2025/01/31 10:00", "31-01-25"])
def test_unreadable_dates_are_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(text)
    assert "31/01/2025" in info.value.message


def test_days_in_month_over_three_centuries_of_leap_years() -> None:
    import calendar

    from cchc_desktop.text.vnformat import days_in_month

    assert [days_in_month(2024, m) for m in range(1, 13)] == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert days_in_month(1900, 2) == 28 and days_in_month(2000, 2) == 29 and days_in_month(2100, 2) == 28
    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1900, 2201) for m in range(1, 13))
