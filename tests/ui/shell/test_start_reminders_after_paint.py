"""The application's own start (`ui.shell.app.run`, as main.py calls it) paints the window's first
frame before the reminders start: the window tells that it is painted (`first_painted`) while the
reminder machinery is not yet loaded, and the reminders (the minute's alert check, the tray) start
on the next turn of the event loop, with the day's digest after them."""

from __future__ import annotations

from pathlib import Path

from start_probe import demo_database, run_window

SCRIPT = r"""
import json, os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

seen = {}


def finish():
    window = seen["window"]
    seen.pop("window")
    seen["notifier_after"] = getattr(window, "notifier", None) is not None
    seen["checking_after"] = seen["notifier_after"] and window.notifier.timer.isActive()
    print(json.dumps(seen))
    sys.stdout.flush()
    os._exit(0)


def painted():
    window = seen["window"]
    seen["notifier_at_paint"] = getattr(window, "notifier", None) is not None
    seen["reminders_loaded_at_paint"] = "ui.calendar.reminders_ui" in sys.modules
    QTimer.singleShot(300, finish)


def watch():
    from ui.shell.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    seen["window"] = windows[0]
    windows[0].first_painted.connect(painted)


QTimer.singleShot(0, watch)
from ui.shell.app import run

run(["--db", sys.argv[1]])
raise SystemExit("the window was never painted")
"""


def test_the_first_frame_is_painted_before_the_reminders_start_which_follow_at_once(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    seen = run_window(SCRIPT, path, tmp_path=tmp_path, XDG_CONFIG_HOME=str(tmp_path / "config"))
    assert seen == {"notifier_at_paint": False, "reminders_loaded_at_paint": False,
                    "notifier_after": True, "checking_after": True}
