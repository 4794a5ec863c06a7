"""The window started in a process of its own, in the order of the application's start (main.py
imports the window first, then opens the store), for the tests of what its first paint loads:
`START` opens the database given as the first argument and makes the window, `PAINT` shows it
and lets it paint; a test's script goes on from there and prints its findings as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[3]

START = r"""
import json, os, re, sys, time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication([])
from ui.shell.main_window import MainWindow
from ui.shell.qt_vi import install_vietnamese

install_vietnamese(app)
from cchc_desktop.store.store import Store

path = Path(sys.argv[1])
store = Store.open(path)
window = MainWindow(store, QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))
"""

PAINT = r"""
window.resize(1280, 800)
window.show()
app.processEvents()
"""


def demo_database(tmp_path: Path) -> Path:
    """A database holding the demo plan, closed."""
    path = tmp_path / "cchc.sqlite3"
    store = Store.open(path)
    load_demo(store)
    store.close()
    return path


def run_window(script: str, *args: Path, tmp_path: Path, **env: str) -> dict[str, Any]:
    """What `script` prints last (JSON), run offscreen with the data folder in `tmp_path`."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"),
                       PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    environment.update(env)
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], env=environment, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
