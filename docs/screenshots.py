"""Retake the README's pictures from the installed application.

    python docs/screenshots.py [OUT_DIR]

Run it with the Python of an environment where the app is installed (`pip install .`): the
script's own folder comes first on the import path, so `cchc_desktop` and `ui` come from that
installation, not from the checkout. A temporary data folder gets the demo plan (a newcomer's
database: no office information), the window is drawn offscreen at 1366×768 (the most common
office laptop screen) and the printed documents are turned into PNG with pdftoppm.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
DATA = Path(tempfile.mkdtemp(prefix="cchc-shots-"))
os.environ["CCHC_DATA_DIR"] = str(DATA)
SCREEN = (1366, 768)
if "QT_QPA_PLATFORM" not in os.environ:
    # an offscreen screen of the laptop's size (Qt's offscreen default is smaller)
    (DATA / "screen.json").write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={DATA / 'screen.json'}"

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: E402

from cchc_desktop.cli import main as cli  # noqa: E402
from cchc_desktop.store.demo import load_demo  # noqa: E402
from cchc_desktop.store.store import Store  # noqa: E402
from ui.shell.app import make_app  # noqa: E402

DB = DATA / "cchc.sqlite3"


def settle(app, ms: int = 300) -> None:  # noqa: ANN001
    """Let Qt lay out and paint (charts and lazy tabs draw on the next turns of the loop)."""
    QTimer.singleShot(ms, app.quit)
    app.exec()


def window_pictures() -> None:
    import ui

    print(f"ui from {Path(ui.__file__).parent}")
    app = make_app()
    store = Store.open(DB)
    load_demo(store)
    plan = store.plans.list()[0]
    from ui.shell.main_window import MainWindow

    window = MainWindow(store, QSettings(str(DATA / "layout.ini"), QSettings.Format.IniFormat))
    window.show()
    window.setGeometry(window.screen().availableGeometry())
    settle(app)
    window.plans_tab.select_plan(plan.id)
    window.tabs.setCurrentIndex(0)
    settle(app)
    window.grab().save(str(OUT / "kehoach.png"))
    window.tasks_tab.show_plan(plan.id)
    window.tabs.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(OUT / "nhiemvu.png"))

    window.tabs.setCurrentIndex(2)
    settle(app)
    calendar = window.calendar_tab
    calendar.show_month(2024, 3, select=dt.date(2024, 3, 29))
    settle(app, 500)
    window.grab().save(str(OUT / "lich.png"))

    window.tabs.setCurrentIndex(3)
    settle(app)
    reports = window.reports_tab
    reports._today = dt.date(2024, 12, 31)  # the year of the demo plan, seen at its end
    reports.set_plan(plan.id)
    reports.set_period("2024")
    reports.refresh()
    settle(app, 800)
    window.grab().save(str(OUT / "baocao.png"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.show()
    settle(app, 500)
    dialog.grab().save(str(OUT / "hop-thoai-in.png"))
    dialog.close()
    window.close()
    store.close()


def document_pictures() -> None:
    if not shutil.which("pdftoppm"):
        print("pdftoppm không có (gói poppler-utils): bỏ qua ảnh văn bản in")
        return
    pdfs = DATA / "pdf"
    pdfs.mkdir()
    db = ["--db", str(DB)]
    runs = {
        "in-phuluc": ["appendix", "1", "--pdf", str(pdfs / "in-phuluc.pdf")],
        "in-kehoach": ["plan-doc", "1", "--pdf", str(pdfs / "in-kehoach.pdf")],
        "in-nhacviec": ["reminders", "--from", "2024-03-18", "--days", "14", "--plan", "1",
                        "--pdf", str(pdfs / "in-nhacviec.pdf")],
    }
    for name, args in runs.items():
        code = cli([*db, *args])
        if code != 0:
            raise SystemExit(f"{name}: the command line ended with {code}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdfs / f"{name}.pdf"), str(OUT / name)], check=True)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    window_pictures()
    document_pictures()
    print(f"Ảnh đã ghi vào {OUT}")
    shutil.rmtree(DATA, ignore_errors=True)
