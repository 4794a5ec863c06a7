"""Reading "Thời gian thực hiện": the one place where a time frame's text becomes a schedule.

`parse_time_frame(text, period_start, period_end)` returns a `TimeFrame`: the text exactly
as written, what it was understood as (continuous, a deadline, the end of a period, a
recurrence as an RFC 5545 RRULE) and its due dates within the plan's period. It never
raises: text it does not understand comes back with `understood=False`, for the officer
to set the schedule by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from dateutil.rrule import rrulestr

from cchc_desktop.text import vnformat

KINDS = ("continuous", "deadline", "period_end", "recurring", "unknown")
KIND_LABELS = {
    "continuous": "Thường xuyên",
    "deadline": "Hạn cụ thể",
    "period_end": "Hết thời kỳ",
    "recurring": "Định kỳ",
    "unknown": "Chưa xác định lịch",
}
# Units of a recurrence, also used to name each occurrence ("Quý I/2024", "Tháng 3/2024").
CYCLES = ("week", "month", "quarter", "half", "year")
CYCLE_LABELS = {"week": "hàng tuần", "month": "hàng tháng", "quarter": "hàng quý", "half": "6 tháng", "year": "hàng năm"}
QUOTA_PER_LABELS = {"week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm"}


@dataclass(frozen=True)
class Quota:
    """An output target written in the time frame: "01 bản tin/tuần" = 1 bản tin per week."""

    count: int
    unit: str  # as written: "bản tin", "tin (bài)", "tin, bài", "lần"
    per: str | None = None  # 'week' | 'month' | 'quarter' | 'year' | None (for the whole period)
    text: str = ""  # the words of the time frame that state it
    at_least: bool = False  # "ít nhất", "tối thiểu"

    def describe(self) -> str:
        head = f"{'ít nhất ' if self.at_least else ''}{self.count} {self.unit}"
        return f"{head}/{QUOTA_PER_LABELS[self.per]}" if self.per else head


@dataclass(frozen=True)
class TimeFrame:
    """What a time frame as written ("Quý II/2025", "hàng tháng") was read as: its kind, due dates or
    recurrence rule, quota and start."""
    text: str  # exactly as given
    understood: bool = False
    kind: str = "unknown"
    due: tuple[dt.date, ...] = ()  # due dates within the period (explicit dates even outside it), sorted
    rrule: str | None = None  # RFC 5545 RRULE value ("FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=-1")
    dtstart: dt.date | None = None
    until: dt.date | None = None
    quota: Quota | None = None
    already_done: bool = False  # "(đã thực hiện)"
    before: bool = False  # "Trước ngày D": the due date is D-1
    start: dt.date | None = None  # when the work may begin ("từ tháng 4 ..."), when written
    cycle: tuple[str, ...] = ()  # units naming the occurrences, from CYCLES
    summary: str = field(default="", compare=False)  # Vietnamese: what the text was read as

    @property
    def recurring(self) -> bool:
        return self.kind == "recurring"


# --------------------------------------------------------------------------- text preparation

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def _fold(text: str) -> str:
    """Lower case without diacritics, đ as d, one character per character of `text` (so
    that a match's span points at the same words in the original)."""
    out = []
    for ch in text.translate(_DASHES):
        if ch in "đĐ":
            out.append("d")
        elif ch.isspace():
            out.append(" ")
        else:
            base = unicodedata.normalize("NFD", ch)[:1].lower()[:1]
            out.append(base if base else ch)
    return "".join(out)


def _blank(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1]:]


_WORD_NUMBERS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WEEKDAYS = {"hai": "MO", "2": "MO", "ba": "TU", "3": "TU", "tu": "WE", "4": "WE", "nam": "TH", "5": "TH",
             "sau": "FR", "6": "FR", "bay": "SA", "7": "SA"}
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _num(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return _WORD_NUMBERS.get(token)


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not (1900 <= year <= 2200):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, vnformat.days_in_month(year, month))


def _valid_year(year: int) -> bool:
    return 1900 <= year <= 2200


# --------------------------------------------------------------------------- patterns (on folded text)

_DONE_RE = re.compile(r"\(?\s*da (?:duoc )?(?:thuc hien|hoan thanh|trien khai)(?: xong)?\s*\)?")
_CONTINUOUS_RE = re.compile(
    r"\bthuong xuyen\b|\blien tuc\b|\b(?:hang|moi) ngay\b|\bcac nam tiep theo\b|\bnhung nam tiep theo\b"
    r"|\btro ve sau\b|\btro di\b|\bhang nam tiep theo\b|\bxuyen suot\b"
)
# A schedule set by something else: "Theo kế hoạch công tác tư pháp hàng năm", "Theo tiến độ xây
# dựng dự thảo ...", "Triển khai đảm bảo theo lộ trình ...", "Khi có phát sinh", "Sau khi ... ban
# hành": kept as written, not understood (its "hàng năm" is the other plan's, not a cycle).
_FOLLOWS_RE = re.compile(
    r"^\s*(?:trien khai\s+(?:dam bao\s+)?)?theo\s+(?:ke hoach|tien do|lo trinh|huong dan|yeu cau|chi dao|quy dinh|chuong trinh)\b"
)
# "hằng năm (trước ngày 15 tháng 11)": the yearly day written after the cycle.
_YEAR_DAY_AFTER_RE = re.compile(
    r"\b(?:hang|moi)\s+nam\W{0,3}(truoc|cham nhat|vao|den)?\s*ngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})(?!\s*(?:/|-|\.)\s*\d)(?!\d)(?!\s*(?:,\s*)?nam\s+\d)"
)
_Q = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
_QUARTER_RE = re.compile(
    rf"\bquy\s+({_Q}(?:\s*(?:,|;|&|\+|-|va|den|toi|den het)\s*(?:quy\s+)?{_Q})*)"
    r"(?:\s*(?:/|-|nam|cua nam)\s*(\d{4})(?!\d))?"
)
_DATE_NUM_RE = re.compile(r"(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_DATE_WORDS_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})(?!\d)")
_QUALIFIER_RE = re.compile(
    r"(truoc|cham nhat|muon nhat|han chot|han|den het|den|toi|tu|bat dau|trong|vao|ngay)\W*(?:la\s+)?(?:ngay\s*)?$"
)
_DAY_MONTH_RE = re.compile(
    r"\bngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})(?!\s*(?:/|-|\.)\s*\d)(?!\d)(?!\s*(?:,\s*)?nam\s+\d)"
)
_QUOTA_PER_RE = re.compile(
    r"(?:\b(it nhat|toi thieu|khong it hon)\s+)?(?<![\d/])\b(\d{1,4}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+"
    r"((?!thang\b|quy\b|tuan\b|nam\b)[a-z]+(?:\s+(?!tren\b|ve\b|cho\b|trong\b|tai\b|cua\b|moi\b|va\b)[a-z]+)?"
    r"(?:\s*\(\s*[a-z]+\s*\))?(?:\s*,\s*bai)?)"
    r"\s*/\s*(tuan|thang|quy|nam)\b(?!\s*\d)"
)
_QUOTA_EACH_RE = re.compile(
    r"\bmoi\s+(tuan|thang|quy|nam)\s+(?:(it nhat|toi thieu)\s+)?(\d{1,4}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+"
    r"(lan|so|bai|tin|ban tin|chuyen trang|chuyen muc|phong su|chuong trinh|ky|buoi|cuoc)\b"
)
_QUOTA_BARE_RE = re.compile(
    r"\b(it nhat|toi thieu|khong it hon)\s+(\d{1,4}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+"
    r"([a-z]+(?:\s+(?!tren\b|ve\b|cho\b|trong\b|tai\b|cua\b|moi\b|va\b)[a-z]+)?(?:\s*\(\s*[a-z]+\s*\))?(?:\s*,\s*bai)?)"
)
_QUOTA_UNIT_RE = re.compile(
    r"(?<![\d/.,])\b(\d{1,4})\s+(tin\s*,\s*bai|tin\s*\(\s*bai\s*\)|tin bai|ban tin|bai viet|chuyen trang|chuyen muc|phong su"
    r"|chuong trinh|tin|bai|so bao|so|lan|buoi|cuoc|lop|hoi nghi|pa no|an pham|tai lieu)\b"
)
# Day rules of recurrences.
_QUARTER_MONTH_RULE_RE = re.compile(
    r"(?:\b(truoc|cham nhat|vao|den)\s+)?\bngay\s+(cuoi cung|cuoi|\d{1,2})\s+(?:cua\s+)?thang\s+(?:thu\s+)?"
    r"(dau|giua|cuoi|mot|nhat|hai|ba|1|2|3)\s+(?:cua\s+|trong\s+|moi\s+)*quy"
)
_MONTH_DAY_RULE_RE = re.compile(
    r"(?:\b(truoc|cham nhat|vao|den)\s+)?\bngay\s+(cuoi cung|cuoi|\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang\b"
)
_YEAR_DAY_RULE_RE = re.compile(
    r"(?:\b(truoc|cham nhat|vao|den)\s+)?\bngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+nam\b"
)
_WEEK_DAY_RULE_RE = re.compile(
    r"(?:\b(truoc|vao)\s+)?\b(?:thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat))\s+(?:cua\s+)?(?:hang|moi)\s+tuan\b"
)
_CYCLE_RES = {
    "week": re.compile(r"\b(?:hang|moi)\s+tuan\b|\blan\s*/\s*tuan\b|\bdinh ky\s+(?:hang\s+)?tuan\b"),
    "month": re.compile(
        r"\b(?:hang|moi)\s+thang\b|\blan\s*/\s*thang\b|\bdinh ky\s+(?:hang\s+)?thang\b"
        r"|\b(?:1|01|mot)\s+thang\s*(?:/|mot|1)\s*lan\b"
    ),
    "quarter": re.compile(
        r"\b(?:hang|moi)\s+quy\b|\blan\s*/\s*quy\b|\bdinh ky\s+(?:hang\s+)?quy\b|\btheo quy\b"
        r"|\b(?:3|03|ba)\s+thang\s*(?:/|mot|1)\s*lan\b"
    ),
    "half": re.compile(
        r"\b(?:6|06|sau)\s+thang\s*(?:/|mot|1)\s*lan\b|\bdinh ky\s+(?:hang\s+)?(?:6|06|sau)\s+thang\b(?!\s*(?:dau|cuoi))"
        r"|\b(?:hang|moi)\s+nua\s+nam\b"
    ),
    "year": re.compile(
        r"\b(?:hang|moi)\s+nam\b(?!\s*\d)|\blan\s*/\s*nam\b|\bdinh ky\s+(?:hang\s+)?nam\b(?!\s*\d)"
        r"|\b(?:1|01|mot)\s+nam\s*(?:/|mot|1)\s*lan\b"
    ),
}
_DINH_KY_LIST_RE = re.compile(r"\bdinh ky\b([^();:]*)")
_HALF_RE = re.compile(r"\b(?:(?:6|06|sau)\s+thang|nua)\s+(dau|cuoi)\s+(?:cua\s+)?nam(?:\s*(?:/|-)?\s*(\d{4})(?!\d))?")
_NINE_MONTHS_RE = re.compile(r"\b(?:9|09|chin)\s+thang\s+(?:dau\s+)?nam(?:\s*(?:/|-)?\s*(\d{4})(?!\d))?")
_MONTH_RANGE_RE = re.compile(
    r"\b(?:tu\s+)?thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\s*(?:-|den het|den|toi)\s*(?:thang\s+)?(\d{1,2})"
    r"(?:\s*(?:/|-|nam|cua nam)\s*(\d{4}))?(?!\d)"
)
_MONTH_RE = re.compile(r"\bthang\s+(\d{1,2})(?!\d)(?:\s*(?:/|-|nam|cua nam)\s*(\d{4})(?!\d))?")
# "2025-2026", "năm 2025 đến năm 2026", "từ năm 2025 đến hết năm 2026", "2025 tới cuối năm 2027"
_YEAR_RANGE_RE = re.compile(
    r"(?<![\d/.])((?:19|20|21)\d\d)\s*(?:-|(?:den|toi)(?:\s+(?:het|cuoi))?)\s*(?:nam\s+)?((?:19|20|21)\d\d)(?![\d/])"
)
# a span from a month or a quarter to the end of a year: "Từ tháng 3/2025 đến hết năm 2026"
_UNTIL_YEAR_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+((?:19|20|21)\d\d)(?![\d/])")
# work done every day: "hằng ngày", "02 lần/ngày", "mỗi ngày 2 lần" (a report before a set hour)
_DAILY_RE = re.compile(
    r"\b(?:hang|moi)\s+ngay\b(?:\s+(?:\d{1,2}|mot|hai|ba)\s+lan\b)?|\b(?:(?:\d{1,2}|mot|hai|ba)\s+)?lan\s*/\s*ngay\b"
)
_YEAR_RE = re.compile(r"(?:\bnam\s+|^\s*)((?:19|20|21)\d\d)(?![\d/])")
_ANY_YEAR_RE = re.compile(r"(?<![\d/.])((?:19|20|21)\d\d)(?![\d/])")
# "từ năm 2026", "kể từ năm 2026", "bắt đầu từ năm 2026" (folded)
_OPEN_START_RE = re.compile(r"\b(?:ke |bat dau )?tu\s+nam\s+((?:19|20|21)\d\d)(?![\d/])")
# "Hoàn thành trong năm 2026 và có rà soát, sửa đổi, bổ sung trong các năm tiếp theo (nếu có)",
# "Thực hiện trong quý I năm 2026 và có rà soát ... trong các năm tiếp theo (nếu có)" (646f0a00d4174382,
# Phụ lục I and II): the work is due within its period; the later years' review, only if needed, is no
# open-ended span (folded)
_REVIEW_LATER_RE = re.compile(
    r"\btrong\s+(?:quy\s+[ivx1-4]+\s+|thang\s+\d{1,2}\s+)?(?:nam\s+)?(?:19|20|21)\d\d\b[^;.]*?\s(?P<tail>va\s+(?:co\s+)?"
    r"(?:ra soat|sua doi|bo sung|cap nhat|hoan thien|dieu chinh)\b[^;.]*?(?:cac|nhung)\s+nam\s+tiep\s+theo\s*(?:\(\s*neu co\s*\))?)"
)
_PLAN_YEAR_RE = re.compile(r"\b(?:trong|ca|het|cuoi)\s+nam\b(?!\s*\d)|\bnam ke hoach\b")


# --------------------------------------------------------------------------- results


@dataclass
class _Found:
    """What the recognisers read, before it is turned into a TimeFrame."""

    years: list[int]
    quota: Quota | None = None
    already_done: bool = False


def _years(period_start: int, period_end: int | None) -> list[int]:
    end = period_end or period_start
    if not (_valid_year(period_start) and _valid_year(end)) or end < period_start or end - period_start > 50:
        return []
    return list(range(period_start, end + 1))


def expand_rrule(rule: str, dtstart: dt.date, until: dt.date) -> tuple[dt.date, ...]:
    """The dates of an RRULE from `dtstart` to `until` (both included), via dateutil."""
    return _expand(rule, dtstart, until)


@lru_cache(maxsize=4096)
def _expand(rule: str, dtstart: dt.date, until: dt.date) -> tuple[dt.date, ...]:
    start = dt.datetime.combine(dtstart, dt.time())
    end = dt.datetime.combine(until, dt.time())
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    r = rrulestr(body, dtstart=start, ignoretz=True)
    return tuple(d.date() for d in r.between(start, end, inc=True))


def check_rrule(rule: str) -> str | None:
    """A Vietnamese message when an RRULE cannot be read, else None."""
    try:
        body = rule.strip()
        if body.upper().startswith("RRULE:"):
            body = body[6:]
        if not body or "\n" in body:
            return "Quy tắc lặp trống hoặc có nhiều dòng."
        rrulestr(body, dtstart=dt.datetime(2000, 1, 1), ignoretz=True)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return f"Quy tắc lặp (RRULE) không hợp lệ: {exc}"
    return None


def _unknown(text: str, found: _Found | None = None) -> TimeFrame:
    return TimeFrame(
        text=text,
        quota=found.quota if found else None,
        already_done=found.already_done if found else False,
        summary=KIND_LABELS["unknown"],
    )


# --------------------------------------------------------------------------- recognisers


def _find_quota(s: str, f: str) -> tuple[Quota | None, tuple[int, int] | None]:
    m = _QUOTA_PER_RE.search(f)
    if m:
        count = _num(m.group(2))
        if count is not None:
            per = {"tuan": "week", "thang": "month", "quy": "quarter", "nam": "year"}[m.group(4)]
            unit = " ".join(s[m.start(3):m.end(3)].split())
            return Quota(count, unit, per, s[m.start():m.end()].strip(), bool(m.group(1))), m.span()
    m = _QUOTA_EACH_RE.search(f)
    if m:
        count = _num(m.group(3))
        if count is not None:
            per = {"tuan": "week", "thang": "month", "quy": "quarter", "nam": "year"}[m.group(1)]
            unit = " ".join(s[m.start(4):m.end(4)].split())
            return Quota(count, unit, per, s[m.start():m.end()].strip(), bool(m.group(2))), m.span()
    m = _QUOTA_BARE_RE.search(f)
    if m:
        count = _num(m.group(2))
        if count is not None:
            unit = " ".join(s[m.start(3):m.end(3)].split())
            return Quota(count, unit, None, s[m.start():m.end()].strip(), True), m.span()
    m = _QUOTA_UNIT_RE.search(f)
    if m:
        unit = " ".join(s[m.start(2):m.end(2)].split())
        return Quota(int(m.group(1)), unit, None, s[m.start():m.end()].strip(), False), m.span()
    return None, None


def find_quota(text: str) -> Quota | None:
    """The output target written in any text of a task: the time frame ("01 bản tin/tuần") or
    "Sản phẩm / chỉ tiêu" ("03 tin (bài)/tháng", "ít nhất 02 hội nghị"); the same reading for both."""
    if not isinstance(text, str) or not text.strip():
        return None
    s = unicodedata.normalize("NFC", text)
    return _find_quota(s, _fold(s))[0]


def _explicit_dates(f: str) -> tuple[list[dt.date], dt.date | None, bool]:
    """Full dates written in the text: (due dates, start date, whether "trước" applied)."""
    hits: list[tuple[int, int, dt.date]] = []
    for m in _DATE_NUM_RE.finditer(f):
        d = _date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d:
            hits.append((m.start(), m.end(), d))
    for m in _DATE_WORDS_RE.finditer(f):
        d = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            hits.append((m.start(), m.end(), d))
    hits.sort()
    due: list[dt.date] = []
    start: dt.date | None = None
    any_before = False
    previous_end = 0
    previous_before = False
    for i, (a, b, d) in enumerate(hits):
        between = f[previous_end:a]
        q = _QUALIFIER_RE.search(between)
        word = q.group(1) if q else ""
        if word in ("tu", "bat dau") and (i + 1 < len(hits) or not due):
            start = d
            previous_before = False
        else:
            before = word == "truoc" or (not word and previous_before and re.fullmatch(r"\s*(?:,|va|;)\s*", between))
            if before:
                d = d - dt.timedelta(days=1)
                any_before = True
            due.append(d)
            previous_before = bool(before)
        previous_end = b
    return sorted(set(due)), start, any_before


def _day_before(day: int) -> int:
    """BYMONTHDAY for "trước ngày N": N-1, or -1 (the previous month's last day) for N = 1."""
    return -1 if day <= 1 else day - 1


_SHORTEST_MONTH = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _monthday(day: int, months: list[int] | None = None) -> str:
    """BYMONTHDAY for day N of the given months (all when None); where some month is too
    short for N (Feb 29, day 31), that month's last day is taken instead."""
    shortest = min(_SHORTEST_MONTH[m] for m in (months or range(1, 13)))
    return f"BYMONTHDAY={day},-1;BYSETPOS=1" if day > shortest else f"BYMONTHDAY={day}"


def _recurrence_rule(f: str) -> tuple[str, tuple[str, ...], bool] | None:
    """An RRULE from an explicit day rule: (rule, cycle, before)."""
    m = _QUARTER_MONTH_RULE_RE.search(f)
    if m:
        position = {"dau": 1, "mot": 1, "nhat": 1, "1": 1, "giua": 2, "hai": 2, "2": 2, "cuoi": 3, "ba": 3, "3": 3}[m.group(3)]
        months = [position + 3 * i for i in range(4)]
        day_word = m.group(2)
        before = m.group(1) == "truoc"
        if day_word.startswith("cuoi"):
            # "trước ngày cuối của tháng thứ 2": the office reads it as that last day itself.
            return f"FREQ=MONTHLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY=-1", ("quarter",), False
        day = int(day_word)
        if not 1 <= day <= 31:
            return None
        mday = _day_before(day) if before else day
        if mday == -1:
            months = sorted((mo - 2) % 12 + 1 for mo in months)
        bymd = "BYMONTHDAY=-1" if mday == -1 else _monthday(mday, months)
        return f"FREQ=MONTHLY;BYMONTH={','.join(map(str, months))};{bymd}", ("quarter",), before
    m = _MONTH_DAY_RULE_RE.search(f)
    if m:
        before = m.group(1) == "truoc"
        if m.group(2).startswith("cuoi"):
            return "FREQ=MONTHLY;BYMONTHDAY=-1", ("month",), False
        day = int(m.group(2))
        if not 1 <= day <= 31:
            return None
        mday = _day_before(day) if before else day
        bymd = "BYMONTHDAY=-1" if mday == -1 else _monthday(mday)
        return f"FREQ=MONTHLY;{bymd}", ("month",), before
    m = _YEAR_DAY_RULE_RE.search(f) or _YEAR_DAY_AFTER_RE.search(f)
    if m:
        before = m.group(1) == "truoc"
        day, month = int(m.group(2)), int(m.group(3))
        if _date(2000, month, day) is None:  # 2000 is a leap year: 29/02 stays valid
            return None
        if before:
            if day == 1:
                month = 12 if month == 1 else month - 1
                return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1", ("year",), True
            day -= 1
        return f"FREQ=YEARLY;BYMONTH={month};{_monthday(day, [month])}", ("year",), before
    m = _WEEK_DAY_RULE_RE.search(f)
    if m:
        code = "SU" if m.group(3) else _WEEKDAYS[m.group(2)]
        before = m.group(1) == "truoc"
        if before:
            code = _RRULE_DAYS[(_RRULE_DAYS.index(code) - 1) % 7]
        return f"FREQ=WEEKLY;BYDAY={code}", ("week",), before
    return None


def _cycles(f: str) -> list[str]:
    found: set[str] = set()
    for name, rx in _CYCLE_RES.items():
        if rx.search(f):
            found.add(name)
    # "Định kỳ quý, 06 tháng, năm": a list of reporting periods after "định kỳ".
    for m in _DINH_KY_LIST_RE.finditer(f):
        segment = m.group(1)
        segment = re.split(r"\b(?:bao cao|gui|tong hop|danh gia|ve|cho|tren|truoc|vao|trong)\b", segment)[0]
        for token in re.split(r",|;|\bva\b|\bhoac\b|/", segment):
            t = token.strip()
            t = re.sub(r"^(?:hang|moi|theo|1|01|mot)\s+", "", t)
            if not t:
                continue
            if re.fullmatch(r"tuan(?:\s+lan)?", t):
                found.add("week")
            elif re.fullmatch(r"quy(?:\s+lan)?|(?:3|03|ba)\s+thang(?:\s+(?:mot\s+)?lan)?", t):
                found.add("quarter")
            elif re.fullmatch(r"(?:6|06|sau)\s+thang(?:\s+(?:mot\s+)?lan)?|nua nam", t):
                found.add("half")
            elif re.fullmatch(r"thang(?:\s+lan)?", t):
                found.add("month")
            elif re.fullmatch(r"nam(?:\s+lan)?", t):
                found.add("year")
    return [c for c in CYCLES if c in found]


_CYCLE_MONTHS = {"quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}


def _cycle_rule(cycles: list[str]) -> str:
    if "week" in cycles:
        return "FREQ=WEEKLY;BYDAY=FR"  # the end of the working week
    if "month" in cycles:
        return "FREQ=MONTHLY;BYMONTHDAY=-1"
    months = sorted({m for c in cycles for m in _CYCLE_MONTHS[c]})
    if months == [12]:
        return "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"
    return f"FREQ=MONTHLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY=-1"


def _anchor(f: str) -> tuple[str, int, int | None, int | None] | None:
    """A named period of the year: (cycle, last month, year or None, first month)."""
    m: re.Match[str] | None
    quarters = list(_QUARTER_RE.finditer(f))
    if quarters:
        # The work is due by the end of the last quarter named ("Quý I và II/2024": 30/6).
        m = quarters[-1]
        numbers = [_ROMAN_Q[q] for q in re.findall(_Q, m.group(1))]
        first = [_ROMAN_Q[q] for q in re.findall(_Q, quarters[0].group(1))]
        if numbers and first:
            year = int(m.group(2)) if m.group(2) else None
            if year is None:
                later = _YEAR_RE.search(f, m.end())
                year = int(later.group(1)) if later else None
            return "quarter", 3 * max(numbers), year, 3 * min(first) - 2
    half = _HALF_RE.search(f)
    if half:
        year = int(half.group(2)) if half.group(2) else None
        return ("half", 6, year, 1) if half.group(1) == "dau" else ("half", 12, year, 7)
    nine = _NINE_MONTHS_RE.search(f)
    if nine:
        return "nine", 9, int(nine.group(1)) if nine.group(1) else None, 1
    m = _MONTH_RANGE_RE.search(f)
    if m:
        from_month, to_month = int(m.group(1)), int(m.group(3))
        year = int(m.group(4)) if m.group(4) else (int(m.group(2)) if m.group(2) else None)
        if 1 <= from_month <= 12 and 1 <= to_month <= 12:
            return "month", to_month, year, from_month
    months = [mm for mm in _MONTH_RE.finditer(f) if 1 <= int(mm.group(1)) <= 12]
    if months:
        mm = months[-1]
        year = int(mm.group(2)) if mm.group(2) else None
        if year is None:
            later = _YEAR_RE.search(f, mm.end())
            year = int(later.group(1)) if later else None
        return "month", int(mm.group(1)), year, int(months[0].group(1))
    return None


def _summary(kind: str, due: tuple[dt.date, ...], cycle: tuple[str, ...], quota: Quota | None, done: bool,
             start: dt.date | None = None, daily: str = "") -> str:
    parts: list[str] = []
    if kind == "continuous" and daily:
        how = f" ({daily})" if daily not in ("hằng ngày", "hàng ngày") else ""
        parts.append(f"Hằng ngày{how}{f' từ {vnformat.date_table(start)}' if start else ''}, không có hạn cụ thể")
    elif kind == "continuous":
        parts.append(f"Thường xuyên từ {vnformat.date_table(start)}, không có hạn cụ thể" if start else "Thường xuyên, không có hạn cụ thể")
    elif kind == "recurring":
        name = ", ".join(CYCLE_LABELS[c] for c in cycle) or "định kỳ"
        parts.append(f"Định kỳ {name}: {len(due)} lần trong kỳ kế hoạch")
    elif kind in ("deadline", "period_end"):
        if len(due) == 1:
            parts.append(f"Hạn {vnformat.date_table(due[0])}")
        elif due:
            parts.append(f"{len(due)} hạn: " + ", ".join(vnformat.date_table(d) for d in due[:6]) + (" ..." if len(due) > 6 else ""))
        else:
            parts.append("Hạn theo kỳ kế hoạch (chưa có năm)")
    else:
        parts.append(KIND_LABELS["unknown"])
    if quota:
        parts.append(f"chỉ tiêu {quota.describe()}")
    if done:
        parts.append("đã thực hiện")
    return "; ".join(parts)


def _make(text: str, found: _Found, kind: str, *, due: list[dt.date] | tuple[dt.date, ...] = (),
          rrule: str | None = None, before: bool = False, start: dt.date | None = None,
          cycle: tuple[str, ...] = (), dtstart: dt.date | None = None, until: dt.date | None = None,
          daily: str = "") -> TimeFrame:
    if rrule is not None and found.years and dtstart is None:
        dtstart = dt.date(found.years[0], 1, 1)
        until = dt.date(found.years[-1], 12, 31)
    if rrule is not None and dtstart is not None and until is not None:
        due = _expand(rrule, dtstart, until)
    due_t = tuple(sorted(set(due)))
    return TimeFrame(
        text=text, understood=True, kind=kind, due=due_t, rrule=rrule, dtstart=dtstart, until=until,
        quota=found.quota, already_done=found.already_done, before=before, start=start, cycle=cycle,
        summary=_summary(kind, due_t, cycle, found.quota, found.already_done, start if kind == "continuous" else None, daily),
    )


def _per_year(found: _Found, year: int | None, month: int, day: int | None = None) -> list[dt.date]:
    """The date in `year`, or in every year of the period when the text names none."""
    years = [year] if year is not None else found.years
    out = []
    for y in years:
        if not _valid_year(y):
            continue
        d = _month_end(y, month) if day is None else _date(y, month, day)
        if d:
            out.append(d)
    return out


def _parse(text: str, period_start: int, period_end: int | None) -> TimeFrame:
    s = unicodedata.normalize("NFC", text)
    f = _fold(s)
    found = _Found(years=_years(period_start, period_end))
    if not f.strip():
        return _unknown(text)

    m = _DONE_RE.search(f)
    if m:
        found.already_done = True
        f = _blank(f, m.span())
    daily = _DAILY_RE.search(f)
    daily_text = " ".join(s[daily.start():daily.end()].split()).lower() if daily else ""
    if daily and "lan" in daily.group(0):
        f = _blank(f, daily.span())  # "02 lần/ngày": how often in a day, not a target of the plan
    quota, span = _find_quota(s, f)
    if quota and span:
        found.quota = quota
        f = _blank(f, span)

    review = _REVIEW_LATER_RE.search(f)
    if review:
        f = _blank(f, review.span("tail"))
    if _FOLLOWS_RE.search(f):
        return _unknown(text, found)
    if (_CONTINUOUS_RE.search(f) or daily) and re.search(r"\bdinh ky\b", f) and _cycles(f):
        # "Thường xuyên, định kỳ hằng quý báo cáo ...": the work goes on, the report recurs
        return _make(text, found, "recurring", rrule=_cycle_rule(_cycles(f)), cycle=tuple(_cycles(f)))
    if _CONTINUOUS_RE.search(f) or daily:
        # open-ended: continuous from the first year it names ("Năm 2026 và các năm tiếp theo",
        # "Giai đoạn 2026-2030 và những năm tiếp theo", "(2026 trở đi)"), not from the plan's period
        start = None
        y = _ANY_YEAR_RE.search(f)
        if y:
            start = _date(int(y.group(1)), 1, 1)
        # "trước 19h00’ hằng ngày", "02 lần/ngày (trước 9h00’ và 16h00’)": every day, said so
        return _make(text, found, "continuous", start=start, daily=daily_text)
    open_start = _OPEN_START_RE.search(f)
    if open_start and not _YEAR_RANGE_RE.search(f) and not re.search(r"\b(?:den|toi|truoc)\b", f[open_start.end():]):
        # "từ năm 2026", "kể từ năm 2026": a start and no end, the work goes on from then
        return _make(text, found, "continuous", start=_date(int(open_start.group(1)), 1, 1))

    dates, start, before = _explicit_dates(f)
    if dates:
        return _make(text, found, "deadline", due=dates, before=before, start=start)
    if start is not None:
        # "Từ 01/7/2025": a start and no end, the work goes on from then
        return _make(text, found, "continuous", start=start)

    # Restrict a recurrence to the years written ("hàng năm, giai đoạn 2016-2020").
    dtstart = until = None
    yr = _YEAR_RANGE_RE.search(f)
    if yr and int(yr.group(1)) <= int(yr.group(2)):
        dtstart, until = dt.date(int(yr.group(1)), 1, 1), dt.date(int(yr.group(2)), 12, 31)

    rule = _recurrence_rule(f)
    if rule:
        rrule, cycle, before = rule
        if dtstart is None and not found.years:
            return _make(text, found, "recurring", rrule=rrule, cycle=cycle, before=before)
        return _make(text, found, "recurring", rrule=rrule, cycle=cycle, before=before, dtstart=dtstart, until=until)

    cycles = _cycles(f)
    anchor = _anchor(f)
    if quota and quota.per and quota.per not in cycles:
        cycles = [c for c in CYCLES if c in {*cycles, quota.per}]
    if cycles == ["year"] and anchor and anchor[2] is None:
        # "Quý I hằng năm", "tháng 01 hằng năm": the end of that period, every year.
        kind_cycle, month = anchor[0], anchor[1]
        label_cycle: tuple[str, ...] = (kind_cycle,) if kind_cycle in CYCLES else ("year",)
        return _make(text, found, "recurring", rrule=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1",
                     cycle=label_cycle, dtstart=dtstart, until=until)
    if cycles:
        return _make(text, found, "recurring", rrule=_cycle_rule(cycles), cycle=tuple(cycles),
                     dtstart=dtstart, until=until)

    if anchor:
        kind_cycle, month, year, first = anchor
        until_year = _UNTIL_YEAR_RE.search(f)
        named = re.search(r"\b(?:thang|quy)\b", f)
        if until_year and named and named.start() < until_year.start() and "tam nhin" not in f[named.start():until_year.start()]:
            # "Từ tháng 3/2025 đến hết năm 2026", "Từ Quý II đến hết năm 2026": the span ends with that year
            end = int(until_year.group(1))
            begin_year = year if year is not None and year <= end else end
            return _make(text, found, "period_end", due=[dt.date(end, 12, 31)], start=_date(begin_year, first or 1, 1))
        anchor_due = _per_year(found, year, month)
        begin = _date(year, first, 1) if year and first else None
        label_cycle = (kind_cycle,) if kind_cycle in CYCLES else ()
        if year is not None and not _valid_year(year):
            return _unknown(text, found)
        return _make(text, found, "period_end", due=anchor_due, start=begin, cycle=label_cycle)

    if yr and dtstart and until:
        return _make(text, found, "period_end", due=[until], start=dtstart, cycle=("year",))
    y = _YEAR_RE.search(f)
    if y:
        year = int(y.group(1))
        return _make(text, found, "period_end", due=[dt.date(year, 12, 31)], start=dt.date(year, 1, 1), cycle=("year",))

    day_months = list(_DAY_MONTH_RE.finditer(f))
    if day_months:
        due: list[dt.date] = []
        any_before = False
        day_start: dt.date | None = None
        q = _QUALIFIER_RE.search(f[: day_months[0].start()])
        if len(day_months) >= 2 and q and q.group(1) in ("tu", "bat dau"):
            # "từ ngày 15/11 đến ngày 15/12": the first date is when the work starts
            starts = _per_year(found, None, int(day_months[0].group(2)), int(day_months[0].group(1)))
            day_start = starts[0] if starts else None
            day_months = day_months[1:]
        for dm in day_months:
            q = _QUALIFIER_RE.search(f[: dm.start()])
            is_before = bool(q and q.group(1) == "truoc")
            for d in _per_year(found, None, int(dm.group(2)), int(dm.group(1))):
                due.append(d - dt.timedelta(days=1) if is_before else d)
            any_before = any_before or is_before
        if not due and found.years:
            return _unknown(text, found)
        return _make(text, found, "deadline", due=due, before=any_before, start=day_start,
                     cycle=("year",) if len(found.years) > 1 else ())

    if _PLAN_YEAR_RE.search(f) or (quota and not quota.per):
        # "Trong năm", "ít nhất 10 tin, bài": by the end of each year of the plan.
        return _make(text, found, "period_end", due=[dt.date(y, 12, 31) for y in found.years], cycle=("year",))

    return _unknown(text, found)


@lru_cache(maxsize=16384)
def _parse_cached(text: str, period_start: int, period_end: int | None) -> TimeFrame:
    try:
        return _parse(text, period_start, period_end)
    except Exception:  # noqa: BLE001 - a time frame the rules trip on is "not understood", never a crash
        return _unknown(text)


def parse_time_frame(text: str, period_start: int, period_end: int | None = None) -> TimeFrame:
    """What "Thời gian thực hiện" says, for a plan of the years period_start..period_end.

    Never raises; the returned `text` is always `text` itself.
    """
    if not isinstance(text, str):
        return TimeFrame(text=text, summary=KIND_LABELS["unknown"])
    try:
        ps = int(period_start)
        pe = int(period_end) if period_end else None
    except (TypeError, ValueError):
        ps, pe = 0, None
    tf = _parse_cached(text, ps, pe)
    if not tf.understood:
        hint = _missing_day_hint(text)
        if hint:
            return replace(tf, summary=f"{describe(tf)}: {hint}")
    return tf


_WRITTEN_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")


def _missing_day_hint(text: str) -> str:
    """Why a time frame naming a day that does not exist ("trước ngày 31/02/2025") could not
    be read: "ngày 31/02/2025 không có (tháng 2 năm 2025 chỉ có 28 ngày)"."""
    for match in _WRITTEN_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        reason = vnformat.missing_date_reason(day, month, year)
        if reason:
            return f"ngày {day:02d}/{month:02d}/{year} không có ({reason})"
    return ""


def describe(tf: TimeFrame) -> str:
    """One Vietnamese line: what the time frame was understood as."""
    return tf.summary or KIND_LABELS.get(tf.kind, tf.kind)
