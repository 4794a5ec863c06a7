"""Reporting periods: a quarter, six or nine months, a year or a range of days, with the
Vietnamese label a report prints ("Quý I năm 2025"). `parse_period` reads the CLI's and the
tab's codes ("2025-Q1", "2025-H1", "2025-9M", "2025", "FROM:TO")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cchc_desktop.errors import ValidationError
from cchc_desktop.text import vnformat


@dataclass(frozen=True)
class Period:
    """The dates a report covers, with its code for the command line and its Vietnamese label."""
    start: dt.date
    end: dt.date
    code: str  # "2025-Q1", "2025-H1", "2025-9M", "2025", "2025-01-15:2025-02-14"
    label: str  # "Quý I năm 2025"

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def phrase(self) -> str:
        """The label inside a sentence: "quý I năm 2025", "6 tháng đầu năm 2025"."""
        return self.label[:1].lower() + self.label[1:]

    @property
    def opening(self) -> str:
        """The period opening a sentence: "Trong quý I năm 2025", "Trong năm 2025",
        "Từ ngày 01/01/2024 đến ngày 31/12/2025" (a range already says when)."""
        if self.label.startswith("từ ngày"):
            return self.label[:1].upper() + self.label[1:]
        return f"Trong {self.phrase}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*-\s*(Q[1-4]|H[12]|9M))?\s*$", re.IGNORECASE)


def quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = month_end(year, 3 * q)
    return Period(start, end, f"{year}-Q{q}", f"{vnformat.quarter_label(q)} năm {year}")


def half_year(year: int, h: int = 1) -> Period:
    if h == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}-H1", f"6 tháng đầu năm {year}")
    return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}-H2", f"6 tháng cuối năm {year}")


def nine_months(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 9, 30), f"{year}-9M", f"9 tháng năm {year}")


def whole_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), f"năm {year}")


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    if not (1900 <= start.year <= 2200 and 1900 <= end.year <= 2200):
        raise ValidationError("Kỳ báo cáo phải trong khoảng năm 1900-2200.")
    label = f"từ ngày {vnformat.date_table(start)} đến ngày {vnformat.date_table(end)}"
    return Period(start, end, f"{start.isoformat()}:{end.isoformat()}", label)


def parse_period(text: str) -> Period:
    """"2025-Q1", "2025-H1", "2025-9M", "2025", or "FROM:TO" (2025-01-15:2025-02-14, 15/01/2025:14/02/2025)."""
    raw = (text or "").strip()
    if ":" in raw:
        left, _, right = raw.partition(":")
        return custom(vnformat.parse_date(left.strip()), vnformat.parse_date(right.strip()))
    m = _PERIOD_RE.match(raw)
    if not m:
        raise ValidationError(
            f"Kỳ báo cáo không hợp lệ: «{raw}». Ghi 2025-Q1 (quý), 2025-H1 (6 tháng đầu năm), "
            "2025-9M (9 tháng), 2025 (cả năm) hoặc TỪ:ĐẾN (01/01/2025:31/03/2025)."
        )
    year = int(m.group(1))
    if not 1900 <= year <= 2200:
        raise ValidationError("Năm của kỳ báo cáo phải trong khoảng 1900-2200.")
    part = (m.group(2) or "").upper()
    if not part:
        return whole_year(year)
    if part.startswith("Q"):
        return quarter(year, int(part[1]))
    if part.startswith("H"):
        return half_year(year, int(part[1]))
    return nine_months(year)


def standard_periods(year: int) -> list[Period]:
    """The periods offered in the tab: four quarters, 6 months, 9 months, the year."""
    return [quarter(year, q) for q in range(1, 5)] + [half_year(year), nine_months(year), whole_year(year)]


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)

