"""Two readings of time frames the importer met in received documents:

- a span that runs to the end of a later year ("từ năm 2025 đến hết năm 2026", "Từ tháng 3/2025
  đến hết năm 2026") is due at the end of that year, not at the end of the year it starts in;
- work done every day, as a telegram or an emergency plan asks of a report ("trước 19h00’ hằng
  ngày", "02 lần/ngày (trước 9h00’ và 16h00’)": corpus 62f25a030c183151; "báo cáo hằng ngày":
  corpus a49ef8a0da1f62dd), is read as daily: it goes on, with no due date of its own, and
  "02 lần" is how often in a day, not a target of two for the whole plan."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.scheduling.timeframe import describe, parse_time_frame

D = dt.date


@pytest.mark.parametrize(("text", "start", "due"), [
    ("từ năm 2025 đến hết năm 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("Từ năm 2025 đến cuối năm 2027", D(2025, 1, 1), D(2027, 12, 31)),
    ("Năm 2025 tới hết năm 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("từ năm 2026 đến hết năm 2027", D(2026, 1, 1), D(2027, 12, 31)),
    ("Từ năm 2025 đến năm 2026", D(2025, 1, 1), D(2026, 12, 31)),  # as before
    ("Từ tháng 3/2025 đến hết năm 2026", D(2025, 3, 1), D(2026, 12, 31)),
    ("Từ Quý II/2025 đến hết năm 2026", D(2025, 4, 1), D(2026, 12, 31)),
    ("Từ tháng 3 đến hết năm 2026", D(2026, 3, 1), D(2026, 12, 31)),
])
def test_a_span_to_the_end_of_a_later_year_is_due_then(text: str, start: dt.date, due: dt.date) -> None:
    tf = parse_time_frame(text, 2025)  # a plan of 2025: the span runs past it
    assert tf.understood and tf.kind == "period_end"
    assert list(tf.due) == [due] and tf.start == start
    assert describe(tf) == f"Hạn {due:%d/%m/%Y}"


def test_a_span_in_one_year_and_a_recurrence_over_a_span_keep_their_reading() -> None:
    tf = parse_time_frame("Từ nay đến hết năm 2025", 2025)  # outside/06: the plan-wide time frame
    assert list(tf.due) == [D(2025, 12, 31)]
    tf = parse_time_frame("Quý IV/2025 (tầm nhìn đến năm 2030)", 2025)  # a vision is no end of the task
    assert list(tf.due) == [D(2025, 12, 31)]
    tf = parse_time_frame("Hằng quý, từ năm 2025 đến hết năm 2026", 2025)
    assert tf.kind == "recurring"
    assert list(tf.due) == [D(y, m, d) for y in (2025, 2026) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]


@pytest.mark.parametrize(("text", "summary"), [
    ("trước 19h00’ hằng ngày", "Hằng ngày, không có hạn cụ thể"),
    ("02 lần/ngày (trước 9h00’ và 16h00’)", "Hằng ngày (02 lần/ngày), không có hạn cụ thể"),
    ("hằng ngày", "Hằng ngày, không có hạn cụ thể"),
    ("Báo cáo nhanh hàng ngày trong thời gian lũ lụt", "Hằng ngày, không có hạn cụ thể"),
    ("Mỗi ngày 02 lần (trước 8 giờ và 15 giờ)", "Hằng ngày (mỗi ngày 02 lần), không có hạn cụ thể"),
    ("hằng ngày từ năm 2026", "Hằng ngày từ 01/01/2026, không có hạn cụ thể"),
])
def test_work_done_every_day_is_read_as_daily(text: str, summary: str) -> None:
    tf = parse_time_frame(text, 2025)
    assert tf.understood and tf.kind == "continuous" and not tf.due
    assert tf.quota is None  # "02 lần" a day is not a target of two for the plan
    assert describe(tf) == summary


def test_a_daily_task_reported_on_a_cycle_recurs_on_that_cycle() -> None:
    tf = parse_time_frame("Cập nhật hằng ngày, định kỳ hằng quý báo cáo", 2025)
    assert tf.kind == "recurring" and tf.cycle == ("quarter",)
    assert parse_time_frame("01 bản tin/tuần", 2025).quota.per == "week"  # a count per week stays a target
