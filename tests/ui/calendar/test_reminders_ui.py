"""Reminders on screen: the start-up digest, alerts with "Đã xong" / "Nhắc lại sau", settings,
the start-at-login agent switch, .ics export and "Tạo kế hoạch năm sau" from the menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from cchc_desktop.scheduling import reminders, schedule
from cchc_desktop.store.domain import Plan, Task
from ui.calendar import reminders_ui
from ui.calendar.reminders_ui import AlertWindow, DigestDialog, ReminderNotifier, ReminderSettingsDialog
from ui.plans import carry_forward_dialog


def _top_texts(dialog: DigestDialog) -> list[str]:
    tree = dialog.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_startup_digest_lists_overdue_and_shows_once_a_day(qtbot, window) -> None:
    store = window.store
    digest = reminders_ui.startup_digest(store, dt.date(2024, 3, 25))
    assert digest is not None
    dialog = DigestDialog(digest, window)
    qtbot.addWidget(dialog)
    tops = _top_texts(dialog)
    assert tops[0] == "Quá hạn (1)" and any(t.startswith("Sắp đến hạn") for t in tops)
    first = dialog.tree.topLevelItem(0).child(0)
    assert first.text(0).startswith("15/01/2024")
    with qtbot.waitSignal(dialog.open_task) as opened:
        dialog.tree.itemDoubleClicked.emit(first, 0)
    assert opened.args[0] == first.data(0, 256)
    assert reminders.last_seen(store) == dt.date(2024, 3, 25)
    store.settings.set(reminders_ui.SHOW_DIGEST_SETTING, False)
    assert reminders_ui.startup_digest(store, dt.date(2024, 3, 26)) is None


def test_alert_done_and_snooze(qtbot, window) -> None:
    store = window.store
    plan = store.plans.create(Plan(title="Kế hoạch 2025", period_start=2025))
    a = store.tasks.create(Task(plan_id=plan.id, content="Gửi báo cáo quý I", time_frame="ngày 17/03/2025"))
    store.tasks.create(Task(plan_id=plan.id, content="Họp tổng kết", time_frame="ngày 18/03/2025"))
    now = dt.datetime(2025, 3, 17, 9, 0)
    notifier = ReminderNotifier(store, window, now=lambda: now)
    fresh = notifier.check()
    assert sorted(x.title for x in fresh) == ["Gửi báo cáo quý I", "Họp tổng kết"]
    assert notifier.check() == []  # shown once
    win: AlertWindow = notifier.window
    qtbot.addWidget(win)
    win.list.setCurrentRow([x.title for x in win.alerts()].index("Gửi báo cáo quý I"))
    win.done_selected()
    index = schedule.OccurrenceIndex.load(store, today=dt.date(2025, 3, 20))
    assert index.task_state(a.id) == schedule.DONE_ON_TIME
    win.list.setCurrentRow(0)
    win.snooze_selected(dt.timedelta(minutes=10))
    assert win.alerts() == []
    assert reminders.pending_alerts(store, now + dt.timedelta(minutes=9), since=now - dt.timedelta(days=1)) == []
    back = reminders.pending_alerts(store, now + dt.timedelta(minutes=10), since=now - dt.timedelta(days=1))
    assert [x.title for x in back] == ["Họp tổng kết"]  # back when the snooze ends


def test_settings_change_lead_days_and_install_remove_the_agent(qtbot, window, monkeypatch, tmp_path,
                                                                errors) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    dialog = ReminderSettingsDialog(window.store, str(window.store.path), window)
    qtbot.addWidget(dialog)
    assert dialog.agent_state.text() == "Chưa cài"
    dialog.install_agent()
    assert dialog.agent_state.text().startswith("Đã cài")
    dialog.remove_agent()
    assert dialog.agent_state.text() == "Chưa cài"
    dialog.leads.setText("10, 3")
    dialog.accept()
    assert schedule.global_lead_days(window.store) == (10, 3)
    dialog2 = ReminderSettingsDialog(window.store, None, window)
    qtbot.addWidget(dialog2)
    dialog2.leads.setText("mười")
    dialog2.accept()
    assert errors and schedule.global_lead_days(window.store) == (10, 3)


def test_ics_export_from_the_menu(qtbot, window, monkeypatch, tmp_path) -> None:
    out = tmp_path / "lich.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_ics()
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "Đã xuất" in window.statusBar().currentMessage()


def test_carry_forward_from_the_menu_previews_then_creates_undoably(qtbot, window, monkeypatch) -> None:
    plan = window.store.plans.list()[0]
    window.plans_tab.select_plan(plan.id)
    seen = {}

    def fake_exec(self) -> bool:
        seen["rows"] = self.table.rowCount()
        seen["first"] = (self.table.item(0, 1).text(), self.table.item(0, 2).text())
        return True

    monkeypatch.setattr(carry_forward_dialog.CarryForwardDialog, "exec", fake_exec)
    window.carry_forward()
    plans = window.store.plans.list()
    # five time frames and one content naming the plan year ("... năm 2024") change
    assert len(plans) == 2 and seen["rows"] == 6
    assert seen["first"][1].endswith("2025")
    new = next(p for p in plans if p.id != plan.id)
    assert new.period_start == 2025 and len(window.store.tasks.tasks_of_plan(new.id)) == 14
    window.controller.undo_stack.undo()
    assert [p.id for p in window.store.plans.list()] == [plan.id]
