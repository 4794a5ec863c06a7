"""The window paints its first frame before the plan editor's wheel guard is set (a Python event
filter on its spin boxes and list: the first event it sees makes PySide load the Python classes
of all of Qt's events, and it sees every event of those fields while the window is laid out and
painted); the guard is set once the window is painted, and the wheel over an unfocused period
then scrolls the form and keeps the year, as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[3]

# In a process of its own, in the order of the application's start (main.py imports the window
# first, then opens the store).
SCRIPT = r"""
import json, sys, time
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

app = QApplication([])
from ui.shell.main_window import MainWindow
from ui.shell.qt_vi import install_vietnamese

install_vietnamese(app)
from cchc_desktop.store.store import Store

path = Path(sys.argv[1])
store = Store.open(path)
window = MainWindow(store, QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))
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
    path = tmp_path / "cchc.sqlite3"
    store = Store.open(path)
    load_demo(store)
    demo = store.plans.list()[0]
    store.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["editor_number"] == demo.number  # the first frame shows the plan opened
    assert result["guards_at_paint"] == 0 and result["event_classes_loaded"] is False
    assert result["told"] == [True] and result["guards_after"] == 1
    # the wheel over the unfocused period scrolls the form and keeps the year, as before
    assert result["scrolled"] is True and result["year_kept"] is True
    assert result["focused"] is False and result["dirty"] is False
