"""The window opens and paints its plan register without importing sqlite-utils (about a
fifth of the start's own time); the library comes in when something first needs it (a write
through its table helpers, a migration), and then works as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from cchc_desktop.store import db as storage
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[3]

# Run in a process of its own, in the order of the application's start (main.py imports the
# window first, then opens the store).
SCRIPT = r"""
import json, sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication([])
from ui.shell.main_window import MainWindow
from ui.shell.qt_vi import install_vietnamese

install_vietnamese(app)
from cchc_desktop.store.store import Store

current, old = Path(sys.argv[1]), Path(sys.argv[2])
store = Store.open(current)
register = [(p.number, p.task_count) for p in store.plans.register()]
window = MainWindow(store, QSettings(str(current.with_suffix(".ini")), QSettings.Format.IniFormat))
window.resize(1280, 800)
window.show()
app.processEvents()
listed = window.plans_tab.model.rowCount()
before_write = "sqlite_utils" in sys.modules

from cchc_desktop.store.domain import Appendix, Plan

plan = store.plans.create(Plan(number="99/KH-UBND", title="Kế hoạch ghi sau khi mở", period_start=2026,
                               period_end=2026, appendices=[Appendix(title="Phụ lục")]))
written = [p.number for p in store.plans.list()]
store.close()

upgraded = Store.open(old)
upgraded_plans = [p.title for p in upgraded.plans.list()]
upgraded.close()
print(json.dumps({"register": register, "listed": listed, "sqlite_utils_before_write": before_write,
                  "written": written, "upgraded_plans": upgraded_plans}))
"""


def _old_database(path: Path) -> None:
    """A database as the previous version left it (every migration but the last), with a plan."""
    names = storage.known_migration_names()
    old = sqlite_utils.Database(path)
    storage.migrations.apply(old, stop_before=names[-1])
    old.execute("INSERT INTO plans (title, period_start, period_end, created_at, updated_at) "
                "VALUES ('Kế hoạch cũ', 2023, 2023, '2023-01-01', '2023-01-01')")
    old.close()


def test_the_window_paints_without_sqlite_utils_and_writes_and_upgrades_after(tmp_path: Path) -> None:
    current = tmp_path / "cchc.sqlite3"
    store = Store.open(current)
    load_demo(store)
    demo_number = store.plans.list()[0].number
    store.close()
    old = tmp_path / "old" / "cchc.sqlite3"
    old.parent.mkdir()
    _old_database(old)

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(current), str(old)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["register"] == [[demo_number, 14]]
    assert result["listed"] == 1
    assert result["sqlite_utils_before_write"] is False
    assert result["written"] == ["99/KH-UBND", demo_number]  # the newer period first
    # the older database was upgraded, its plan kept, and the file as it was kept beside it
    assert result["upgraded_plans"] == ["Kế hoạch cũ"]
    (kept,) = (old.parent / "backups").glob("*truoc-nang-cap*")
    assert set(storage.known_migration_names()) - set(_applied(kept)) == {storage.known_migration_names()[-1]}
    assert set(_applied(old)) == set(storage.known_migration_names())


def _applied(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'cchc'")]
    finally:
        conn.close()
