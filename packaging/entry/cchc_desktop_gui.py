"""Entry of the bundled window executable (no console).

`--smoke-test REPORT` (used by packaging/smoke.py, not shown in the help) opens the window as
usual, shows every tab in turn once the window is up, writes what it saw to REPORT as JSON
and quits with the window's own exit code.
"""

import sys

from cchc_desktop.system import collector

collector.hold_for_start()  # until the window is painted, as main.py does

from cchc_desktop.cli.common import utf8_console  # noqa: E402

# A windowed executable on Windows has no console: sys.stdout and sys.stderr are None, and
# anything that writes to them (the crash handler, a library's warning) would fail in turn;
# they then write nowhere. Started with its output on a file or pipe in a Windows code page,
# its Vietnamese (--help, an error) is written in UTF-8 instead of raising UnicodeEncodeError.
utf8_console()


def _smoke_test(report: str) -> None:
    """Visit every tab of the main window once it is shown, then quit."""
    import json
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

    started = time.perf_counter()
    app = QApplication([sys.argv[0]])

    def visit() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(100, visit)
            return
        shown = time.perf_counter() - started
        shown_at = time.time()  # wall clock, for the caller that knows when it launched the process
        window = windows[0]
        tabs = window.findChild(QTabWidget, "mainTabs")
        seen = []
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            app.processEvents()
            page = tabs.currentWidget()
            image = window.grab().toImage()
            seen.append({"title": tabs.tabText(i), "widget": type(page).__name__,
                         "children": len(page.findChildren(object)), "width": image.width(),
                         "height": image.height()})
        with open(report, "w", encoding="utf-8") as fh:
            json.dump({"shown_after_s": shown, "shown_at": shown_at, "title": window.windowTitle(), "tabs": seen}, fh, ensure_ascii=False)
        for widget in app.topLevelWidgets():  # the start-up digest may be open over the window
            if widget is not window and widget.isVisible():
                widget.close()
        app.exit(0)

    QTimer.singleShot(0, visit)


if "--smoke-test" in sys.argv:
    _at = sys.argv.index("--smoke-test")
    _smoke_test(sys.argv[_at + 1])
    del sys.argv[_at:_at + 2]

from ui.shell.app import run  # noqa: E402

sys.exit(run(sys.argv[1:]))
