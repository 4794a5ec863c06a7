"""The window paints its first frame before the plan editor's wheel guard is set (a Python event
filter on its spin boxes and list: the first event it sees makes PySide load the Python classes
of all of Qt's events, and it sees every event of those fields while the window is laid out and
painted); the guard is set once the window is painted, and the wheel over an unfocused period
then scrolls the form and keeps the year, as before."""

from __future__ import annotations

from pathlib import Path

from start_probe import START, demo_database, run_window

from cchc_desktop.store.store import Store

SCRIPT = START + r"""
from PySide6.QtCore import QObject, QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

told = []
window.first_painted.connect(lambda: told.append(True))
window.resize(1366, 728)
window.show()
app.processEvents()
editor = window.plans_tab.editor


def guards():
    return [o for o in editor.findChildren(QObject) if type(o).__name__ == "_WheelPassesUnfocused"]


import PySide6.QtWidgets

painted = {"editor_number": editor.number.text(), "guards_at_paint": len(guards()),
           "event_classes_loaded": "QGraphicsSceneWheelEvent" in vars(PySide6.QtWidgets)}
end = time.monotonic() + 10
while not told and time.monotonic() < end:
    app.processEvents()
QTest.qWait(50)
scroll = editor.findChild(QScrollArea)
window.plans_tab.view.setFocus()
field = editor.period_start
scroll.ensureWidgetVisible(field, 0, 80)
QTest.qWait(20)
year, top = field.value(), scroll.verticalScrollBar().value()
pos = field.mapTo(window, field.rect().center())
QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, -120))
QTest.qWait(20)
print(json.dumps({**painted, "told": told, "guards_after": len(guards()), "focused": field.hasFocus(),
                  "year_kept": field.value() == year, "scrolled": scroll.verticalScrollBar().value() > top,
                  "dirty": editor.dirty}))
"""


def test_the_window_paints_before_the_wheel_guard_which_is_set_once_painted(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    store = Store.open(path)
    demo = store.plans.list()[0]
    store.close()

    result = run_window(SCRIPT, path, tmp_path=tmp_path)

    assert result["editor_number"] == demo.number  # the first frame shows the plan opened
    assert result["guards_at_paint"] == 0 and result["event_classes_loaded"] is False
    assert result["told"] == [True] and result["guards_after"] == 1
    # the wheel over the unfocused period scrolls the form and keeps the year, as before
    assert result["scrolled"] is True and result["year_kept"] is True
    assert result["focused"] is False and result["dirty"] is False
