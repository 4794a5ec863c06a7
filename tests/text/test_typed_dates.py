"""Dates as officers type them into a date field: the date typed, or a Vietnamese reason why not."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.text.vnformat import parse_date, read_date

SHOWN = dt.date(2026, 5, 7)  # the date the field showed before typing


@pytest.mark.parametrize(("typed", "day"), [
    ("15", dt.date(2026, 5, 15)),  # the day over the date shown
    ("5", dt.date(2026, 5, 5)),
    ("15/01", dt.date(2026, 1, 15)),  # day and month: the year shown
    ("15/01/2026", dt.date(2026, 1, 15)),
    ("15/1/2026", dt.date(2026, 1, 15)),
    ("15/1/26", dt.date(2026, 1, 15)),
    ("15-01-2026", dt.date(2026, 1, 15)),
    ("15.01.2026", dt.date(2026, 1, 15)),
    (" 15 / 01 / 2026 ", dt.date(2026, 1, 15)),
    ("15012026", dt.date(2026, 1, 15)),
    ("150126", dt.date(2026, 1, 15)),
    ("2026-01-15", dt.date(2026, 1, 15)),
    ("29/02/2024", dt.date(2024, 2, 29)),
    ("31/12/2025", dt.date(2025, 12, 31)),
])
def test_a_date_typed_as_people_type_it_is_that_date(typed: str, day: dt.date) -> None:
    assert read_date(typed, SHOWN) == day


@pytest.mark.parametrize(("typed", "reason"), [
    ("31/02/2025", "Không có ngày 31/02/2025: tháng 2 năm 2025 chỉ có 28 ngày."),
    ("29/02/2025", "Không có ngày 29/02/2025: tháng 2 năm 2025 chỉ có 28 ngày."),
    ("30/02/2024", "Không có ngày 30/02/2024: tháng 2 năm 2024 chỉ có 29 ngày."),
    ("31/04/2026", "Không có ngày 31/04/2026: tháng 4 chỉ có 30 ngày."),
    ("31/6", "Không có ngày 31/06/2026: tháng 6 chỉ có 30 ngày."),
    ("15/13/2026", "Không có tháng 13: tháng chỉ từ 1 đến 12."),
    ("00/01/2026", "Không có ngày 00/01/2026: ngày bắt đầu từ 1."),
    ("15/01/202", "Năm «202» chưa đủ"),
    ("abc", "«abc» không phải là một ngày. Hãy gõ ngày/tháng/năm, ví dụ 15/01/2026."),
    ("15/01/2026/3", "không phải là một ngày"),
    ("", "Chưa ghi ngày."),
])
def test_a_date_that_does_not_exist_is_refused_saying_why(typed: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        read_date(typed, SHOWN)
    assert reason in refused.value.message


def test_a_lone_day_missing_from_the_month_shown_is_refused_not_moved() -> None:
    with pytest.raises(ValidationError, match="tháng 2 năm 2026 chỉ có 28 ngày"):
        read_date("31", dt.date(2026, 2, 10))


def test_the_command_line_reader_gives_the_same_reason() -> None:
    with pytest.raises(ValidationError, match="tháng 2 năm 2025 chỉ có 28 ngày"):
        parse_date("31/02/2025")
