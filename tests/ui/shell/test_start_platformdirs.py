"""A window whose data folder is chosen (CCHC_DATA_DIR, as a portable copy's is beside it) opens
and paints without importing platformdirs, which only the per-user data folder needs; that folder
is still found where platformdirs puts it when asked for afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import json, os, sys
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
window.resize(1280, 800)
window.show()
app.processEvents()
painted = {"platformdirs": "platformdirs" in sys.modules, "listed": window.plans_tab.model.rowCount()}

from cchc_desktop.system import paths

chosen = str(paths.data_dir())
del os.environ["CCHC_DATA_DIR"]
print(json.dumps({**painted, "chosen": chosen, "per_user": str(paths.data_dir())}))
"""


def test_a_chosen_data_folder_starts_without_platformdirs_and_the_per_user_one_is_found_after(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    store = Store.open(path)
    load_demo(store)
    store.close()

    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(data),
               XDG_DATA_HOME=str(tmp_path / "share"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["listed"] == 1
    assert result["platformdirs"] is False
    assert result["chosen"] == str(data)
    if sys.platform.startswith("linux"):
        assert result["per_user"] == str(tmp_path / "share" / "CCHCDesktop")
    assert Path(result["per_user"]).is_dir()
