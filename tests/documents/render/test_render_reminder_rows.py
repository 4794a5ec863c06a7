"""The printed reminder list: recurring stacks collapsed, weeks named by their dates, each state once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pdfplumber

from cchc_desktop.documents.render.reminder_list import render_reminder_list
from cchc_desktop.scheduling.schedule import occurrence_label
from cchc_desktop.store.domain import Appendix, Plan, Task


def _weekly_plan(store, year: int = 2024) -> int:
    plan = store.plans.create(Plan(number="05/KH-SNV", issuer="Sở Nội vụ", parent_body="UBND tỉnh Vĩnh Long",
                                   place="Vĩnh Long", period_start=year, period_end=year,
                                   title="Tuyên truyền cải cách hành chính", appendices=[Appendix(title="Nhiệm vụ")]))
    store.tasks.create(Task(plan_id=plan.id, content="Bản tin cải cách hành chính hằng tuần",
                            time_frame="01 bản tin/tuần"))
    return int(plan.id)


def _text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)


def test_a_weekly_duty_missed_for_months_is_one_row(store, tmp_path):
    _weekly_plan(store)
    pdf = tmp_path / "nhac.pdf"
    data = render_reminder_list(store, pdf, start=dt.date(2024, 6, 24), days=7, today=dt.date(2024, 6, 26))
    overdue = data.groups[0]
    assert overdue.overdue and len(overdue.occurrences) >= 20
    assert len(overdue.rows) == 1 and overdue.rows[0].count == len(overdue.occurrences)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1
    text = _text(pdf)
    first, last = overdue.occurrences[0].due, overdue.occurrences[-1].due
    assert f"{len(overdue.occurrences)} lần, từ" in text
    assert first.strftime("%d/%m/%Y") in text and last.strftime("%d/%m/%Y") in text
    # the state once, not "QUÁ HẠN / Quá hạn chưa hoàn thành"
    assert "QUÁ HẠN" not in text
    assert text.count("Quá") == 1  # the state cell (the group title reads "Việc quá hạn ...")


def test_weeks_are_named_by_their_dates():
    assert occurrence_label(dt.date(2016, 1, 1), ["week"]) == "Tuần từ 28/12/2015 đến 03/01/2016"


def test_a_week_across_new_year_in_the_printed_list(store, tmp_path):
    _weekly_plan(store, 2016)
    pdf = tmp_path / "nhac.pdf"
    render_reminder_list(store, pdf, start=dt.date(2015, 12, 28), days=7, today=dt.date(2015, 12, 28))
    text = _text(pdf)
    assert "(Tuần từ 28/12/2015 đến" in text and "03/01/2016; KH 05/KH-SNV)" in text
    assert "Tuần 53" not in text


def test_the_cli_prints_the_same_window_as_the_digest(store, tmp_path, db_path):
    _weekly_plan(store)
    store.close()
    for days in ("366", "3660"):
        pdf = tmp_path / f"nhac{days}.pdf"
        run = subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db_path), "reminders",
                              "--from", "2024-01-01", "--days", days, "--pdf", str(pdf)],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        assert pdf.stat().st_size > 0
    text = _text(tmp_path / "nhac366.pdf")
    assert "Từ Thứ Hai, 01/01/2024 đến Thứ Tư, 01/01/2025" in text
