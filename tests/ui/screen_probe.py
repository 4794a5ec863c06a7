"""Open the main window and every dialog on a screen of a given size and report their sizes.

Run in its own process, because Qt's screen is fixed when the application starts:

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python screen_probe.py DB OUT.json [PNG_DIR]

OUT.json maps each window's name to {"size", "min", "frame", "available"}; with PNG_DIR
each window is also saved as PNG (the README's and the reviewer's screenshots).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def main(db: str, out: str, png_dir: str | None = None) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from ui.shell.app import make_app

    app = make_app()
    from cchc_desktop.importer import read_text, recognize
    from cchc_desktop.reporting import carry_forward
    from cchc_desktop.reporting import report as rp
    from cchc_desktop.scheduling import reminders
    from cchc_desktop.scheduling.reminders import Reminder
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import Task
    from cchc_desktop.store.store import Store
    from ui.calendar.calendar_data import AgendaItem
    from ui.calendar.dialogs import DaysOffDialog, DoneDialog, ReminderDialog
    from ui.calendar.reminders_ui import AlertWindow, DigestDialog, ReminderSettingsDialog
    from ui.importing.import_dialog import ImportDialog
    from ui.office.agencies_dialog import AgenciesDialog, AgencyForm
    from ui.office.document_settings_dialog import DocumentSettingsDialog
    from ui.office.office_dialog import OfficeInfoDialog
    from ui.plans.carry_forward_dialog import CarryForwardDialog
    from ui.reports.drill_dialog import DrillDialog
    from ui.reports.texts_dialog import ReportTextsDialog
    from ui.shell.main_window import MainWindow
    from ui.shell.printing import ReminderListDialog
    from ui.tasks.paste_dialog import PasteDialog
    from ui.tasks.progress_dialog import ProgressDialog
    from ui.tasks.schedule_dialog import ScheduleDialog
    from ui.tasks.task_dialog import TaskDialog

    store = Store.open(db)
    if not store.plans.list():
        load_demo(store)
    settings = QSettings(str(Path(out).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()
    app.processEvents()
    results: dict[str, dict] = {}

    def record(name: str, widget: QWidget) -> None:
        app.processEvents()
        frame = widget.frameGeometry()
        area = widget.screen().availableGeometry()
        results[name] = {"size": [widget.width(), widget.height()],
                         "min": [widget.minimumSizeHint().width(), widget.minimumSizeHint().height()],
                         "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                         "available": [area.x(), area.y(), area.width(), area.height()]}
        if png_dir:
            widget.grab().save(str(Path(png_dir) / f"{name}.png"))

    from PySide6.QtTest import QTest

    for index, tab in enumerate(("ke-hoach", "nhiem-vu", "lich", "bao-cao")):
        window.tabs.setCurrentIndex(index)
        QTest.qWait(300 if png_dir else 0)  # a tab built on first show lays out its texts
        record(f"main-{tab}", window)
    window.tabs.setCurrentIndex(0)

    plan = store.plans.list()[0]
    task = store.tasks.tasks_of_plan(int(plan.id))[1]
    controller = window.controller
    report = rp.build_report(store, rp.whole_year(2024), [int(plan.id)], today=dt.date(2024, 12, 31))
    samples = sorted((Path(__file__).resolve().parents[3] / "shared" / "samples").glob("*.txt"))
    plan_text = samples[0].read_text(encoding="utf-8") if samples else (  # a real plan where there is one
        "ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 12/KH-UBND\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n"
        "I. NHIỆM VỤ\n1. Đăng tin, bài về cải cách hành chính. Cơ quan chủ trì: Sở Nội vụ. Thời gian: Thường xuyên.\n")
    document = read_text(plan_text, "Văn bản dán")
    dialogs = {
        "office-first-run": lambda: OfficeInfoDialog(store, window, first_run=True),
        "task": lambda: TaskDialog(store, task, store.tasks.groups_of_plan(int(plan.id)), window),
        "new-task": lambda: TaskDialog(store, Task(plan_id=plan.id), store.tasks.groups_of_plan(int(plan.id)), window),
        "schedule": lambda: ScheduleDialog(task, 2024, None, (7, 1), window),
        "progress": lambda: ProgressDialog(controller, int(task.id), parent=window, today=dt.date(2024, 6, 1)),
        "document-settings": lambda: DocumentSettingsDialog(store, window),
        "reminder": lambda: ReminderDialog(Reminder(at=dt.datetime(2024, 5, 2, 8, 0)), window),
        "reminder-settings": lambda: ReminderSettingsDialog(store, None, window),
        "reminder-list": lambda: ReminderListDialog(window),
        "agencies": lambda: AgenciesDialog(controller, window),
        "agency": lambda: AgencyForm(store.agencies.list()[0], window),
        "report-texts": lambda: ReportTextsDialog({}, "năm 2024", window),
        "drill": lambda: DrillDialog(controller, report, [int(t.id) for t in store.tasks.tasks_of_plan(int(plan.id))],
                                     "Tổng số", window),
        "done": lambda: DoneDialog(AgendaItem(dt.date(2024, 3, 31), task.id, dt.date(2024, 3, 31), plan.id,
                                              task.content, "Sở Nội vụ", "overdue", "Quá hạn"), dt.date(2024, 4, 2),
                                   window),
        "days-off": lambda: DaysOffDialog(controller, 2024, window),
        "digest": lambda: DigestDialog(reminders.build_digest(store, today=dt.date(2024, 3, 25)), window),
        "alerts": lambda: AlertWindow(store, window),
        "carry-forward": lambda: CarryForwardDialog(carry_forward.prepare(store, int(plan.id)), window),
        "paste": lambda: PasteDialog([["STT", "Nội dung", "Cơ quan chủ trì"], ["1", "Đăng tin", "Sở Nội vụ"]],
                                     "Phụ lục I", window),
        "import": lambda: ImportDialog(controller, recognize(document, store), window, document),
    }
    for name, make in dialogs.items():
        dialog = make()
        dialog.show()
        record(name, dialog)
        dialog.hide()
        dialog.deleteLater()
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    window.plans_tab.editor.set_plan(None)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
