"""Open-ended spans: a time frame that names a start and no end ("từ năm 2026", "Năm 2026 và các
năm tiếp theo", "(2026 trở đi)") is continuous from that start — not a deadline at the end of its
first year, nor continuous from the plan's own period. Cases: the outside plans' readings
("Giai đoạn 2026-2030 và những năm tiếp theo", "(2026 trở đi)", "Từ năm 2025 trở đi") and the
importer's issue ("từ năm 2026")."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.scheduling.timeframe import describe, parse_time_frame


@pytest.mark.parametrize(("text", "start"), [
    ("từ năm 2026", dt.date(2026, 1, 1)),
    ("Từ năm 2026", dt.date(2026, 1, 1)),
    ("kể từ năm 2027", dt.date(2027, 1, 1)),
    ("Năm 2026 và các năm tiếp theo", dt.date(2026, 1, 1)),
    ("Giai đoạn 2026-2030 và những năm tiếp theo", dt.date(2026, 1, 1)),
    ("(2026 trở đi)", dt.date(2026, 1, 1)),
    ("Triển khai từ năm 2026 và các năm tiếp theo", dt.date(2026, 1, 1)),
])
def test_an_open_ended_span_is_continuous_from_its_start(text: str, start: dt.date) -> None:
    # the plan runs 2025-2030: its period is not the task's start
    tf = parse_time_frame(text, 2025, 2030)
    assert tf.understood and tf.kind == "continuous" and not tf.due
    assert tf.start == start
    assert describe(tf) == f"Thường xuyên từ {start:%d/%m/%Y}, không có hạn cụ thể"


@pytest.mark.parametrize("text", ["Từ năm 2026 đến năm 2030", "từ năm 2026 đến hết năm 2027", "Thường xuyên"])
def test_a_closed_span_or_no_start_is_not_open_ended(text: str) -> None:
    tf = parse_time_frame(text, 2025, 2030)
    if text == "Thường xuyên":
        assert tf.kind == "continuous" and tf.start is None and describe(tf) == "Thường xuyên, không có hạn cụ thể"
    else:
        assert tf.kind != "continuous" and tf.due


@pytest.mark.parametrize(("text", "due"), [
    # 646f0a00d4174382 (Phụ lục I and II, four rows): done within its period, reviewed later only if needed
    ("Hoàn thành trong năm 2026 và có rà soát, sửa đổi, bổ sung trong các năm tiếp theo (nếu có)", dt.date(2026, 12, 31)),
    ("Thực hiện trong năm 2026 và có rà soát, bổ sung, hoàn thiện trong các năm tiếp theo (nếu có)", dt.date(2026, 12, 31)),
    ("Hoàn thành trong quý I năm 2026 và có rà soát, sửa đổi, bổ sung trong các năm tiếp theo (nếu có)", dt.date(2026, 3, 31)),
    # the same shape in a plan of our own: a month, and an update without "(nếu có)"
    ("Hoàn thành trong tháng 6 năm 2026 và cập nhật, điều chỉnh trong các năm tiếp theo", dt.date(2026, 6, 30)),
])
def test_a_deadline_with_a_later_review_is_no_open_ended_span(text: str, due: dt.date) -> None:
    tf = parse_time_frame(text, 2025, 2030)
    assert tf.understood and tf.kind != "continuous"
    assert tf.due == (due,)


@pytest.mark.parametrize("text", ["Năm 2026 và các năm tiếp theo", "Trong năm 2026 và các năm tiếp theo",
                                  "Thực hiện từ năm 2026 và rà soát trong các năm tiếp theo"])
def test_the_years_after_without_a_review_of_a_finished_task_stay_open_ended(text: str) -> None:
    tf = parse_time_frame(text, 2025, 2030)
    assert tf.kind == "continuous" and tf.start == dt.date(2026, 1, 1)
