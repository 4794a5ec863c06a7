"""Own reminders, the start-up digest, alerts at reminder time, .ics export, carry-forward, agent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from cchc_desktop.cli import main as cli
from cchc_desktop.documents.ics import export_ics
from cchc_desktop.errors import ValidationError
from cchc_desktop.reporting import carry_forward
from cchc_desktop.scheduling import reminders, schedule
from cchc_desktop.scheduling.reminders import Reminder, ReminderService
from cchc_desktop.store.domain import Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store
from cchc_desktop.system import autostart

D = dt.date
T = dt.datetime


def _plan(store: Store, year: int = 2025) -> Plan:
    return store.plans.create(Plan(title=f"Kế hoạch tuyên truyền CCHC năm {year}", period_start=year))


def _task(store: Store, plan: Plan, time_frame: str, content: str | None = None) -> Task:
    return store.tasks.create(Task(plan_id=plan.id, content=content or f"Việc {time_frame}", time_frame=time_frame))


# --------------------------------------------------------------------------- own reminders


def test_own_reminders_add_edit_delete_and_recur(store: Store) -> None:
    svc = ReminderService(store)
    rem = svc.add(Reminder(title="Nộp báo cáo tháng cho Sở Nội vụ", at=T(2025, 1, 20, 9, 30), rrule="FREQ=MONTHLY"))
    assert rem.id and rem.recurring and rem.describe_recurrence() == "Hằng tháng"
    times = [w for _, w in svc.expand(D(2025, 1, 1), D(2025, 4, 30))]
    assert times == [T(2025, m, 20, 9, 30) for m in (1, 2, 3, 4)]
    rem.title = "Nộp báo cáo tháng"
    rem.rrule = None
    svc.update(rem)
    assert [w for _, w in svc.expand(D(2025, 1, 1), D(2025, 4, 30))] == [T(2025, 1, 20, 9, 30)]
    gone = svc.delete(rem.id)
    assert svc.list() == []
    svc.add(gone)  # undo
    assert [r.title for r in svc.list()] == ["Nộp báo cáo tháng"]


def test_a_reminder_edited_after_it_was_shown_comes_again_only_if_its_time_changed(store: Store) -> None:
    svc = ReminderService(store)
    rem = svc.add(Reminder(title="Họp giao ban", at=T(2025, 3, 9, 8, 0), rrule="FREQ=DAILY"))
    shown = reminders.pending_alerts(store, T(2025, 3, 10, 9, 0))
    assert [a.when for a in shown] == [T(2025, 3, 9, 8, 0), T(2025, 3, 10, 8, 0)]
    reminders.mark_shown(store, shown)
    svc.update(Reminder(id=rem.id, title="Họp giao ban (phòng họp số 2)", at=rem.at, rrule=rem.rrule,
                        notes="Mang theo báo cáo tuần", created_at=rem.created_at))
    assert reminders.pending_alerts(store, T(2025, 3, 10, 9, 5)) == []  # the words fixed: no second popup
    svc.update(Reminder(id=rem.id, title="Họp giao ban (phòng họp số 2)", at=T(2025, 3, 9, 8, 0),
                        rrule="FREQ=DAILY;INTERVAL=2", created_at=rem.created_at))
    again = reminders.pending_alerts(store, T(2025, 3, 10, 9, 5))
    assert [(a.when, a.title) for a in again] == [(T(2025, 3, 9, 8, 0), "Họp giao ban (phòng họp số 2)")]


@pytest.mark.parametrize(
    ("title", "rule"), [("", None), ("x" * 600, None), ("Họp", "FREQ=SOMETIMES")]
)
def test_bad_reminders_are_refused_and_change_nothing(store: Store, title: str, rule: str | None) -> None:
    with pytest.raises(ValidationError):
        ReminderService(store).add(Reminder(title=title, at=T(2025, 1, 1, 8), rrule=rule))
    assert ReminderService(store).list() == []


# --------------------------------------------------------------------------- digest


def test_digest_sorts_overdue_today_upcoming_and_collapses_recurring_stacks(store: Store) -> None:
    plan = _plan(store)
    weekly = _task(store, plan, "01 bản tin/tuần", "Phát hành bản tin CCHC")
    _task(store, plan, "Trước ngày 21/03/2025", "Gửi kế hoạch kiểm tra")  # due 20/03
    _task(store, plan, "ngày 25/03/2025", "Tổ chức hội nghị")
    _task(store, plan, "Quý IV/2025", "Tổng kết")
    _task(store, plan, "theo chỉ đạo", "Việc chưa rõ hạn")
    ProgressService(store).record(ProgressEntry(task_id=weekly.id, occurrence_due=D(2025, 1, 3),
                                                state=TaskStatus.DONE, done_on=D(2025, 1, 3)))
    ReminderService(store).add(Reminder(title="Gọi Đài PT-TH", at=T(2025, 3, 24, 14, 0)))
    digest = reminders.build_digest(store, D(2025, 3, 20), 7, last_seen=D(2025, 3, 10))
    overdue = {i.title: i for i in digest.overdue}
    # Fridays 10/01 .. 07/03 not done: one line with a count, not nine popups; 14/03 fell due
    # while the program was closed and is listed there, once
    assert list(overdue) == ["Phát hành bản tin CCHC"]
    assert overdue["Phát hành bản tin CCHC"].count == 9
    assert overdue["Phát hành bản tin CCHC"].last_due == D(2025, 3, 7)
    assert [i.title for i in digest.due_today] == ["Gửi kế hoạch kiểm tra"]
    assert [(i.title, i.due) for i in digest.upcoming] == [
        ("Phát hành bản tin CCHC", D(2025, 3, 21)), ("Tổ chức hội nghị", D(2025, 3, 25)),
    ]
    assert [(i.title, i.count) for i in digest.missed] == [("Phát hành bản tin CCHC", 1)]  # 14/03
    assert [(i.title, i.at) for i in digest.notes] == [("Gọi Đài PT-TH", T(2025, 3, 24, 14, 0))]
    assert digest.unscheduled == 1
    data = digest.to_json()
    assert set(data) >= {"overdue", "due_today", "upcoming", "missed", "notes", "from", "to"}


def test_digest_leaves_out_expired_and_long_past_plans(store: Store) -> None:
    from cchc_desktop.store.domain import PlanStatus

    current = _plan(store, 2025)
    _task(store, current, "Trước ngày 16/01/2025", "Việc năm nay")
    old = _plan(store, 2019)
    _task(store, old, "Quý I/2019", "Việc của kế hoạch năm 2019")
    expired = store.plans.create(Plan(title="Kế hoạch đã hết hiệu lực", period_start=2025,
                                      status=PlanStatus.EXPIRED))
    _task(store, expired, "Quý I/2025", "Việc của kế hoạch hết hiệu lực")
    digest = reminders.build_digest(store, D(2025, 6, 1), 14)
    assert [i.title for i in digest.overdue] == ["Việc năm nay"]
    assert schedule.active_plan_ids(store, D(2025, 6, 1)) == [current.id]
    # asked for by plan, an old plan's overdue work is still listed
    assert [i.title for i in reminders.build_digest(store, D(2025, 6, 1), 14, plan_ids=[old.id]).overdue] == [
        "Việc của kế hoạch năm 2019"]
    assert reminders.pending_alerts(store, T(2019, 3, 24, 8, 0), since=T(2019, 3, 20)) != []  # active in 2019


# --------------------------------------------------------------------------- alerts


def test_alert_fires_at_lead_time_once_and_snooze_brings_it_back(store: Store) -> None:
    plan = _plan(store)
    task = _task(store, plan, "ngày 17/03/2025", "Nộp báo cáo quý I")
    # default leads 7 and 1 day: 10/03 08:00 and 16/03 08:00
    assert reminders.pending_alerts(store, T(2025, 3, 10, 7, 59)) == []
    first = reminders.pending_alerts(store, T(2025, 3, 10, 8, 0))
    assert [(a.task_id, a.when) for a in first] == [(task.id, T(2025, 3, 10, 8, 0))]
    assert "Còn 7 ngày" in first[0].text
    reminders.mark_shown(store, first)
    assert reminders.pending_alerts(store, T(2025, 3, 10, 9, 0)) == []
    reminders.snooze(store, first[0], T(2025, 3, 10, 10, 0))
    assert reminders.pending_alerts(store, T(2025, 3, 10, 9, 59)) == []
    assert [a.key for a in reminders.pending_alerts(store, T(2025, 3, 10, 10, 0))] == [first[0].key]
    # window closed for days: only the latest reminder of the occurrence shows, not a stack
    later = reminders.pending_alerts(store, T(2025, 3, 17, 9, 0), since=T(2025, 3, 9))
    assert len(later) == 1 and later[0].when == T(2025, 3, 17, 8, 0)
    reminders.mark_done(store, later[0], D(2025, 3, 17))
    assert reminders.pending_alerts(store, T(2025, 3, 17, 10, 0), since=T(2025, 3, 9)) == []
    assert schedule.OccurrenceIndex.load(store, today=D(2025, 3, 20)).task_state(task.id) == schedule.DONE_ON_TIME


def test_done_from_an_alert_is_recorded_with_the_alert_dismissed_or_not_at_all(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    plan = _plan(store)
    task = _task(store, plan, "ngày 17/03/2025", "Nộp báo cáo quý I")
    (alert,) = reminders.pending_alerts(store, T(2025, 3, 10, 8, 0))

    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch, pytest.raises(sqlite3.OperationalError):
        patch.setattr(reminders, "_upsert", full)  # the alert's log cannot be written
        reminders.mark_done(store, alert, D(2025, 3, 10))
    assert ProgressService(store).entries([task.id]) == []  # "Đã xong" can be pressed again
    assert store.tasks.get(task.id).status is TaskStatus.TODO
    reminders.mark_done(store, alert, D(2025, 3, 10))
    assert [e.state for e in ProgressService(store).entries([task.id])] == [TaskStatus.DONE]
    assert reminders.pending_alerts(store, T(2025, 3, 10, 9, 0)) == []


def test_per_task_lead_days_replace_the_global_ones(store: Store) -> None:
    plan = _plan(store)
    task = _task(store, plan, "ngày 17/03/2025")
    schedule.save_schedule(store, task.id, {"kind": "auto", "lead_days": [3]})
    alerts = reminders.pending_alerts(store, T(2025, 3, 14, 8, 0), since=T(2025, 3, 1))
    assert [a.when for a in alerts] == [T(2025, 3, 14, 8, 0)]


# --------------------------------------------------------------------------- ics


def test_ics_has_deadlines_with_alarms_and_own_reminders(store: Store, tmp_path: Path) -> None:
    plan = _plan(store)
    _task(store, plan, "Định kỳ hàng quý (trước ngày cuối của tháng thứ 2 trong quý)", "Báo cáo quý")
    ReminderService(store).add(Reminder(title="Họp giao ban", at=T(2025, 1, 6, 8, 0), rrule="FREQ=WEEKLY;BYDAY=MO"))
    out = tmp_path / "lich.ics"
    assert export_ics(store, out) == 5
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    tasks = [e for e in events if str(e["uid"]).startswith("task-")]
    assert [e.decoded("dtstart") for e in tasks] == [D(2025, 2, 28), D(2025, 5, 31), D(2025, 8, 31), D(2025, 11, 30)]
    assert "Báo cáo quý" in str(tasks[0]["summary"])
    triggers = sorted(a.decoded("trigger") for a in tasks[0].walk("VALARM"))
    assert triggers == [dt.timedelta(days=-7, hours=8), dt.timedelta(days=-1, hours=8)]
    note = next(e for e in events if str(e["uid"]).startswith("note-"))
    assert note["rrule"]["FREQ"] == ["WEEKLY"]
    # 31/05/2025 is a Saturday: the description gives the legal deadline
    assert "02/06/2025" in str(tasks[1]["description"])


# --------------------------------------------------------------------------- carry forward


def test_carry_forward_shifts_years_and_recomputes_schedules(demo_store: Store) -> None:
    plan = demo_store.plans.list()[0]
    carry = carry_forward.prepare(demo_store, plan.id)
    assert carry.plan.period_start == 2025 and "2025" in carry.plan.title
    texts = {c.old_text: c.new_text for c in carry.changes}
    assert texts["Quý I và II/2024"] == "Quý I và II/2025"
    assert texts["Trước ngày 16/01/2024"] == "Trước ngày 16/01/2025"
    change = next(c for c in carry.changes if c.old_text == "Trước ngày 16/01/2024")
    assert change.new_dates == [D(2025, 1, 15)]
    before = len(demo_store.plans.list())
    assert len(demo_store.plans.list()) == before  # the preview wrote nothing
    new = carry_forward.apply(demo_store, carry)
    tasks = demo_store.tasks.tasks_of_plan(new.id)
    assert len(tasks) == 14 and all(t.status == TaskStatus.TODO for t in tasks)
    assert demo_store.plans.get(plan.id).period_start == 2024  # source untouched
    assert [t.time_frame for t in demo_store.tasks.tasks_of_plan(plan.id)][1] == "Quý I và II/2024"


def test_carry_forward_shifts_the_plan_year_in_content_and_lists_only_real_changes(demo_store: Store) -> None:
    plan = demo_store.plans.list()[0]
    demo_store.tasks.create(Task(plan_id=plan.id, content="Báo cáo kết quả thực hiện", time_frame="trước ngày 05/11 hàng năm",
                                 output="Báo cáo năm 2024"))
    carry = carry_forward.prepare(demo_store, plan.id)
    by_old = {c.old_content: c for c in carry.changes if c.content_changed}
    change = by_old["Định hướng nội dung trọng tâm tuyên truyền CCHC năm 2024."]
    assert change.content == "Định hướng nội dung trọng tâm tuyên truyền CCHC năm 2025."
    assert change.old_text == change.new_text == "Thường xuyên"
    # A yearly duty reads the same next year: not listed, though its dates move with the plan.
    assert all(c.old_text != "trước ngày 05/11 hàng năm" for c in carry.changes)
    assert carry.unchanged + len(carry.changes) == len(carry.snapshot.tasks) == 15
    copied = {t.content: t for t in carry.snapshot.tasks}
    assert copied["Báo cáo kết quả thực hiện"].output == "Báo cáo năm 2025"
    assert "Ban hành và triển khai thực hiện Kế hoạch tuyên truyền CCHC năm 2025 tại các cơ quan, đơn vị." in copied
    data = carry.to_json()["changes"]
    assert any(c["old_content"] == "Định hướng nội dung trọng tâm tuyên truyền CCHC năm 2024." for c in data)


def test_a_span_of_years_moves_only_with_a_plan_of_that_span() -> None:
    text = "giai đoạn 2021-2025; năm 2025; 2025 – 2030"
    assert carry_forward.shift_years(text, range(2025, 2026), 1) == "giai đoạn 2021-2025; năm 2026; 2025 – 2030"
    assert carry_forward.shift_years("giai đoạn 2021-2025", range(2021, 2026), 5) == "giai đoạn 2026-2030"


def test_shift_years_keeps_other_numbers_and_fixes_feb_29() -> None:
    text = "Trước ngày 29/02/2024; Quyết định số 2024/QĐ-UBND năm 2023; Quý I/2024"
    assert carry_forward.shift_years(text, range(2024, 2025), 1) == (
        "Trước ngày 28/02/2025; Quyết định số 2024/QĐ-UBND năm 2023; Quý I/2025"
    )


# --------------------------------------------------------------------------- CLI and agent


def test_cli_timeframe_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["timeframe", "trước ngày 05/11 hàng năm", "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == "trước ngày 05/11 hàng năm"
    assert data["understood"] is True and data["kind"] == "recurring"
    assert data["due"] == ["2025-11-04"] and data["quota"] is None
    assert cli(["timeframe", "01 bản tin/tuần", "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quota"]["count"] == 1 and data["quota"]["per"] == "week" and len(data["due"]) >= 52
    assert cli(["timeframe", "khi có chỉ đạo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["understood"] is False


def test_cli_reminders_and_ics(demo_store: Store, db_path: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    demo_store.close()
    assert cli(["--db", str(db_path), "reminders", "--from", "25/03/2024", "--days", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from"] == "2024-03-25" and data["to"] == "2024-04-04"
    assert [i["due"] for i in data["upcoming"]] == ["2024-03-31"]
    assert [i["due"] for i in data["overdue"]] == ["2024-01-15"]
    with pytest.raises(SystemExit) as bad:
        cli(["--db", str(db_path), "reminders", "--from", "2024-13-01"])
    assert bad.value.code == 2 and "ngày không hợp lệ" in capsys.readouterr().err
    out = tmp_path / "x.ics"
    assert cli(["--db", str(db_path), "ics", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_agent_install_and_remove(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert autostart.installed_path() is None
    path = autostart.install(db=tmp_path / "a.sqlite3")
    assert autostart.installed_path() == path
    text = path.read_text(encoding="utf-8")
    assert "ui.shell.agent" in text and "a.sqlite3" in text
    assert autostart.remove() is True
    assert autostart.installed_path() is None and autostart.remove() is False


def test_printed_reminder_list_covers_the_same_days_as_the_digest(store: Store, db_path: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber

    plan = _plan(store, 2024)
    _task(store, plan, "đến ngày 03/11/2024", "Nộp báo cáo tháng 10")  # the last day of the window
    store.close()
    pdf = tmp_path / "nhac.pdf"
    assert cli(["--db", str(db_path), "reminders", "--from", "2024-10-20", "--json", "--pdf", str(pdf)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["title"] for i in data["upcoming"]] == ["Nộp báo cáo tháng 10"]
    with pdfplumber.open(pdf) as doc:
        text = " ".join(page.extract_text() or "" for page in doc.pages)
    assert "Nộp báo cáo tháng 10" in text and "03/11/2024" in text
