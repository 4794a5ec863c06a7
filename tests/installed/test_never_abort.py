"""The window and the reminder agent run for weeks: signals, model reads and Qt's translations
must not wear away the reference counts of True and None (a PySide6 6.12 build on Python
3.10/3.11 loses one per call and the process aborts with "Fatal Python error: bool_dealloc")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CALLS = 100_000
TOLERANCE = 100  # references held by caches and the interpreter itself, never proportional to CALLS

PROBE = textwrap.dedent(f"""
    import json, sys
    from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Signal
    from PySide6.QtGui import QAction, QStandardItemModel
    from ui.shell.app import make_app

    app = make_app()

    class Emitter(QObject):
        toggled = Signal(bool)

    emitter = Emitter()
    emitter.toggled.connect(lambda on: None)
    action = QAction("Thử")
    action.setCheckable(True)
    action.toggled.connect(lambda on: None)  # a bool arriving from C++ into Python
    model = QStandardItemModel(3, 3)
    empty = QModelIndex()
    cell = model.index(1, 1)  # a valid cell with no data: data() is None

    out = {{}}
    true0, none0 = sys.getrefcount(True), sys.getrefcount(None)
    for i in range({CALLS}):
        emitter.toggled.emit(True)
    out["emit_true"] = sys.getrefcount(True) - true0
    true0 = sys.getrefcount(True)
    for i in range({CALLS} // 2):
        action.setChecked(not action.isChecked())
        action.setChecked(not action.isChecked())
    out["action_toggled"] = sys.getrefcount(True) - true0
    none0 = sys.getrefcount(None)
    for i in range({CALLS}):
        empty.data()
        cell.data()
    out["empty_index_data"] = sys.getrefcount(None) - none0
    none0 = sys.getrefcount(None)
    for i in range({CALLS}):
        QCoreApplication.translate("QShortcut", "Ctrl")
    out["translate"] = sys.getrefcount(None) - none0
    print(json.dumps(out))
""")


def test_a_hundred_thousand_signals_and_empty_reads_leave_true_and_none_alone(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env=env, check=False)
    assert done.returncode == 0, f"the process died ({done.returncode}):\n{done.stderr[-2000:]}"
    drift = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(abs(value) <= TOLERANCE for value in drift.values()), drift


def test_the_probe_runs_the_package_under_test(tmp_path) -> None:
    # cwd is tmp_path, so `import ui` in the probe finds the same package the suite imports.
    import ui

    done = subprocess.run([sys.executable, "-c", "import ui; print(ui.__file__)"], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert os.path.realpath(done.stdout.strip()) == os.path.realpath(ui.__file__)
