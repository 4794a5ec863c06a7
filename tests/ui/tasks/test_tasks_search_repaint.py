"""A keystroke in the Nhiệm vụ tab's search box repaints the list and the count, not the
rest of the tab (the toolbar, the filter boxes), and the list only where the tasks shown
change: on a list of tens of thousands of tasks a whole tab laid out and painted again at
each key is time the officer waits for."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched)
        return False


def test_a_keystroke_repaints_the_list_and_count_not_the_toolbar(window, qtbot, type_text) -> None:
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    tab.plan_combo.setCurrentIndex(0)  # every plan
    window.resize(1300, 1500)  # every task on the screen: no scroll bar comes or goes
    qtbot.wait(50)
    type_text(tab.search, "ho")  # the first key brings the box's clear button
    paints = _Paints()
    QApplication.instance().installEventFilter(paints)
    counts = []
    try:
        for _ in range(50):  # the window settled: nothing left to paint from what came before
            paints.painted.clear()
            qtbot.wait(100)
            if not paints.painted:
                break
        for ch in "i n":
            paints.painted.clear()
            type_text(tab.search, ch)
            qtbot.wait(30)
            counted = tab.count_label.text()
            counts.append(counted)
            # the count is shown whole
            assert tab.count_label.width() >= tab.count_label.fontMetrics().horizontalAdvance(counted)
            toolbar = [w for w in paints.painted if isinstance(w, QToolButton) and w.parent() is tab]
            combos = [w for w in paints.painted if isinstance(w, QComboBox)]
            assert not toolbar and not combos, (tab.search.text(), toolbar, combos)
            # the list is painted again where it changed; a space leaves the same tasks shown
            assert (tab.view.viewport() in paints.painted) == (ch != " ")
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert tab.search.text() == "hoi n"
    assert counts == ["7/14 nhiệm vụ", "7/14 nhiệm vụ", "1/14 nhiệm vụ"]
