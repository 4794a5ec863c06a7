"""The main window and every dialog fit a 1366×768 screen (1366×728 without the taskbar),
and a window layout remembered on a larger screen is brought onto a smaller one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSize

from ui.common.forms import FRAME, SMALL_SCREEN, fitted
from ui.shell.main_window import MainWindow

PROBE = Path(__file__).with_name("screen_probe.py")


def test_every_window_fits_a_1366x768_screen(tmp_path: Path) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SMALL_SCREEN.width(),
                                               "height": SMALL_SCREEN.height(), "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    out = tmp_path / "sizes.json"
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run([sys.executable, str(PROBE), str(tmp_path / "probe.sqlite3"), str(out)], env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    sizes = json.loads(out.read_text(encoding="utf-8"))
    room = QSize(SMALL_SCREEN.width() - FRAME.width(), SMALL_SCREEN.height() - FRAME.height())
    assert {"main-ke-hoach", "main-lich", "office-first-run", "task", "import", "progress"} <= set(sizes)
    too_big = {name: s for name, s in sizes.items()
               if s["size"][0] > room.width() or s["size"][1] > room.height()
               or s["min"][0] > room.width() or s["min"][1] > room.height()}
    assert too_big == {}, too_big
    # the larger windows still use the room they have
    assert sizes["main-ke-hoach"]["size"][0] >= 1200 and sizes["import"]["size"][1] >= 640


def test_default_sizes_shrink_to_the_screen_but_not_below_the_minimum() -> None:
    laptop = QRect(0, 0, SMALL_SCREEN.width(), SMALL_SCREEN.height())
    assert fitted(QSize(1250, 820), laptop) == QSize(1250, SMALL_SCREEN.height() - FRAME.height())
    assert fitted(QSize(1280, 800), QRect(0, 0, 1024, 600), QSize(900, 700)) == QSize(1024 - FRAME.width(), 700)
    assert fitted(QSize(640, 320), laptop) == QSize(640, 320)


def test_a_layout_remembered_on_a_larger_screen_is_brought_onto_this_one(qtbot, demo_store, qsettings,
                                                                         vietnamese_qt, errors) -> None:
    first = MainWindow(demo_store, qsettings)
    qtbot.addWidget(first)
    first.show()
    area = first.screen().availableGeometry()
    first.setGeometry(area.x() + 200, area.y() + 150, area.width() + 900, area.height() + 500)  # a big monitor
    first.tabs.setCurrentIndex(1)
    first.close()

    second = MainWindow(demo_store, qsettings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    frame = second.frameGeometry()
    # all of it on the screen, except what the window's own minimum width cannot give up
    # (the test screen is 800 px wide; the window needs about 940)
    assert frame.top() >= area.top() and frame.bottom() <= area.bottom(), (frame, area)
    assert frame.left() >= area.left(), (frame, area)
    assert frame.right() <= area.right() or second.width() == second.minimumSizeHint().width(), (frame, area)
    assert second.tabs.currentIndex() == 1  # the rest of the layout is still remembered
