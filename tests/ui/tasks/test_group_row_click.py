"""A click on a group row of the task table selects it without scrolling the table sideways."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def test_clicking_a_group_row_keeps_the_columns_in_view(window, qtbot) -> None:
    window.resize(1366, 728)
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=window.tabs.tabBar().tabRect(window.tabs.indexOf(window.tasks_tab)).center())
    tab = window.tasks_tab
    assert window.tabs.currentWidget() is tab
    store = window.store
    plan = store.plans.list()[0]
    ids = [r.task.id for r in store.tasks.rows(plan.id)]
    first = store.tasks.add_group(plan.appendices[0].id, "Tuyên truyền trên báo chí, phát thanh, truyền hình")
    second = store.tasks.add_group(plan.appendices[0].id, "Tập huấn, bồi dưỡng nghiệp vụ")
    store.tasks.move_to_group(ids[:3], first.id)
    store.tasks.move_to_group(ids[3:6], second.id)
    window.controller.notify("tasks")
    view = tab.view
    # columns wider than the window (long texts), as on a 1366×768 screen
    for column in range(tab.model.columnCount()):
        view.setColumnWidth(column, max(view.columnWidth(column), 260))
    qtbot.wait(50)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0, "the table does not scroll sideways at this size"
    group_rows = [r for r in range(tab.model.rowCount()) if tab.model.display_row(r).kind == "group"]
    assert len(group_rows) == 2
    for row in group_rows:
        for column in (0, 3):  # on the numeral and on the title that spans the other columns
            bar.setValue(0)
            rect = view.visualRect(tab.model.index(row, column))
            spot = rect.center() if column == 0 else rect.topLeft() + QPoint(40, rect.height() // 2)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
            qtbot.wait(QApplication.doubleClickInterval() + 200)  # Qt scrolls to a clicked cell after this delay
            assert view.currentIndex().row() == row
            assert bar.value() == 0, f"a click on group row {row} (column {column}) scrolled the table sideways"
    # a task row still scrolls into view as before
    bar.setValue(0)
    task_row = group_rows[0] + 1
    view.setCurrentIndex(tab.model.index(task_row, tab.model.columnCount() - 1))
    assert bar.value() > 0
