"""The window at a display scaling (QT_SCALE_FACTOR) on a 1366×768 laptop screen, looked at the
way a person looks at it: each tab shown in turn, the office step of the first start too, and
everything a person reads or clicks measured: does the window fit the screen, is any button,
label or input cut off (narrower than its text) or outside the part of the window on screen.

Run in its own process (Qt reads the scale factor when the application starts):

    QT_SCALE_FACTOR=1.25 QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python scaled_probe.py DB OUT.json [PNG_DIR]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)


def settle(ms: int = 150) -> None:
    QTest.qWait(ms)


def inside_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def text_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)) else (
        widget.currentText() if isinstance(widget, QComboBox) else type(widget).__name__)


def problems(window: QWidget, screen_area) -> list[str]:  # noqa: ANN001
    """What a person cannot read or reach in `window` as it is shown."""
    found = []
    frame = window.frameGeometry()
    # one pixel of rounding: the screen's logical size is its physical size divided by the scaling
    if frame.width() > screen_area.width() + 1 or frame.height() > screen_area.height() + 1:
        found.append(f"{window.windowTitle()!r}: {frame.width()}×{frame.height()} on a screen of "
                     f"{screen_area.width()}×{screen_area.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window or inside_item_view(widget):
            continue
        if not isinstance(widget, (QAbstractButton, QLabel, QComboBox, QLineEdit, QTabBar)):
            continue
        name = f"{window.windowTitle()!r} {type(widget).__name__} {text_of(widget)[:50]!r}"
        if inside_scroll_area(widget):
            continue  # a person scrolls to it
        if isinstance(widget.parentWidget(), QLineEdit):
            continue  # an icon button inside a field (the calendar of a date field): Qt sizes it to its icon
        centre = widget.mapTo(window, widget.rect().center())
        if not window.rect().contains(centre) or widget.visibleRegion().isEmpty():
            found.append(f"{name}: out of reach")
            continue
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        if not wraps and isinstance(widget, (QAbstractButton, QLabel)) and widget.text().strip() \
                and widget.width() < widget.sizeHint().width() - 1:
            found.append(f"{name}: cut off ({widget.width()} of {widget.sizeHint().width()} px)")
        if isinstance(widget, QComboBox) and widget.width() < widget.minimumSizeHint().width() - 1:
            found.append(f"{name}: cut off ({widget.width()} of {widget.minimumSizeHint().width()} px)")
    return found


def main() -> int:
    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    pictures = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    from cchc_desktop.store import Store
    from ui.shell.app import make_app, open_window

    app = make_app()
    area = app.primaryScreen().availableGeometry()
    store = Store.open(db)
    window = open_window(store, True, QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat))
    report: dict[str, object] = {"screen": [area.width(), area.height()],
                                 "scale": os.environ.get("QT_SCALE_FACTOR", "1"), "problems": {}}
    seen: dict[str, list[str]] = {}

    # the office step of the first start
    for _ in range(40):
        settle(50)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        if dialogs:
            break
    for dialog in dialogs:
        seen[f"dialog {dialog.windowTitle()}"] = problems(dialog, area)
        if pictures:
            dialog.grab().save(str(pictures / "thong-tin-co-quan.png"))
        dialog.reject()
    settle()
    window.showMaximized()
    settle(300)
    bar = next(b for b in window.findChildren(QTabBar) if b.isVisible())
    for i in range(bar.count()):
        name = bar.tabText(i)
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        settle(400)
        seen[f"tab {name}"] = problems(window, area)
        if pictures:
            window.grab().save(str(pictures / f"tab-{i}.png"))
    report["problems"] = seen
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    window.close()
    store.close()
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
