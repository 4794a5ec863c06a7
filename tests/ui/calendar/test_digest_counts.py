"""The reminder digest says as many "việc quá hạn" as it lists: a weekly duty missed all year is
one line, and the heading and the summary count it once (saying how many times it fell due)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget

from cchc_desktop.store.domain import Plan, Task


def test_the_digest_counts_what_it_lists(window, qtbot):
    store = window.store
    year = dt.date.today().year
    plan = store.plans.create(Plan(number="20/KH-UBND", title=f"Tuyên truyền năm {year}", period_start=year))
    appendix = plan.appendices[0].id
    store.tasks.create(Task(plan_id=plan.id, appendix_id=appendix, content="Đăng tin hằng tuần", time_frame="Hằng tuần"))
    store.tasks.create(Task(plan_id=plan.id, appendix_id=appendix, content="Gửi kế hoạch",
                            time_frame=f"Trước ngày 16/01/{year}"))
    window.controller.notify("plans", "tasks")
    seen: dict = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        tree = dialog.findChild(QTreeWidget, "digestTree")
        seen["summary"] = next(label.text() for label in dialog.findChildren(QLabel) if "quá hạn" in label.text())
        tops = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
        heading = next(t for t in tops if t.startswith("Quá hạn"))
        seen["heading"] = heading
        seen["listed"] = tops[heading].childCount()
        dialog.reject()

    QTimer.singleShot(0, read)
    qtbot.keyClick(window.tasks_tab.view if window.tasks_tab.isVisible() else window.plans_tab.view,
                   Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    said = int(re.search(r"(\d+) việc quá hạn", seen["summary"]).group(1))
    in_heading = int(re.match(r"Quá hạn \((\d+)", seen["heading"]).group(1))
    assert seen["listed"] >= 2
    assert said == in_heading == seen["listed"]
    assert "lần đến hạn" in seen["summary"]  # the weekly duty's missed times are still told
