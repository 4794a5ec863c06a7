"""Soak benchmark: a working month squeezed into minutes, to show that nothing wears out.

Drives the real main window on the demo plan — edits typed into the task list (each one a
saved, undoable change) and key presses moving through it — and the reminder agent's
check loop (the ReminderNotifier that `python -m ui.shell.agent` runs, one check per simulated
minute), then prints the time, the memory (peak and current resident size) and the
reference counts of True, False and None before and after.

    python bench/bench_soak.py [--edits 20000] [--keys 50000] [--checks 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory in MB."""
    current = peak = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:  # not Linux: the peak from getrusage (kB on Linux, bytes on macOS)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return current, peak


def counts() -> dict[str, int]:
    return {"True": sys.getrefcount(True), "False": sys.getrefcount(False), "None": sys.getrefcount(None)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=50_000)
    parser.add_argument("--checks", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="cchc-soak-"))
    os.environ["CCHC_DATA_DIR"] = str(work / "data")

    import PySide6
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store
    from ui.calendar.reminders_ui import ReminderNotifier
    from ui.shell.app import make_app
    from ui.shell.main_window import MainWindow
    from ui.tasks.task_table_model import COLUMNS, RowKindRole

    app = make_app()
    store = Store.open(work / "cchc.sqlite3")
    plan = load_demo(store)
    window = MainWindow(store, QSettings(str(work / "layout.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 760)
    window.show()
    app.processEvents()
    window.open_plan_tasks(int(plan.id))
    app.processEvents()
    tasks = window.tasks_tab
    model, view = tasks.model, tasks.view
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(RowKindRole) == "task"]
    notes = COLUMNS.index("notes")
    print(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}; demo plan, {len(rows)} tasks")
    gc.collect()
    start_counts, (start_rss, _p) = counts(), rss_mb()
    print(f"start: {start_rss:.0f} MB resident; refcounts {start_counts}", flush=True)

    # 1. Edits typed into the task list: each is a saved, undoable change of a task's notes.
    t0 = time.perf_counter()
    for i in range(args.edits):
        row = rows[i % len(rows)]
        if not model.setData(model.index(row, notes), f"Ghi chú lần {i}", Qt.ItemDataRole.EditRole):
            raise SystemExit(f"edit {i} was refused")
        if i % 50 == 0:
            app.processEvents()
        if i and i % 5000 == 0:
            print(f"  {i:,} edits, {time.perf_counter() - t0:.0f} s: {rss_mb()[0]:.0f} MB; refcounts {counts()}", flush=True)
    app.processEvents()
    edits_s = time.perf_counter() - t0
    saved = store.tasks.get(model.index(rows[(args.edits - 1) % len(rows)], 0).data(Qt.ItemDataRole.UserRole + 1))
    assert saved is not None and saved.notes == f"Ghi chú lần {args.edits - 1}", "the last edit reached the database"
    after_edits = counts()
    print(f"{args.edits:,} edits in {edits_s:.1f} s ({edits_s / args.edits * 1000:.2f} ms each); "
          f"{rss_mb()[0]:.0f} MB; refcounts {after_edits}")

    # 2. Key presses moving through the list (↓ to the end, ↑ to the top, and again).
    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    t0 = time.perf_counter()
    down = True
    for i in range(args.keys):
        current = view.currentIndex().row()
        if down and current >= model.rowCount() - 1:
            down = False
        elif not down and current <= 0:
            down = True
        QTest.keyClick(view, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
        if i % 200 == 0:
            app.processEvents()
        if i and i % 10000 == 0:
            print(f"  {i:,} keys, {time.perf_counter() - t0:.0f} s: {rss_mb()[0]:.0f} MB; refcounts {counts()}", flush=True)
    keys_s = time.perf_counter() - t0
    after_keys = counts()
    print(f"{args.keys:,} key presses in {keys_s:.1f} s ({keys_s / args.keys * 1000:.3f} ms each); "
          f"{rss_mb()[0]:.0f} MB; refcounts {after_keys}")

    # 3. The reminder agent's check loop, one check per minute of a simulated fortnight in the plan's year.
    clock = [dt.datetime(2024, 1, 2, 7, 0)]
    notifier = ReminderNotifier(store, now=lambda: clock[0])
    t0 = time.perf_counter()
    alerts = 0
    for _ in range(args.checks):
        alerts += len(notifier.check())
        clock[0] += dt.timedelta(minutes=1)
        app.processEvents()
    checks_s = time.perf_counter() - t0
    days = args.checks / (24 * 60)
    print(f"{args.checks:,} agent checks ({days:.1f} days of minutes) in {checks_s:.1f} s "
          f"({checks_s / args.checks * 1000:.2f} ms each), {alerts} alerts raised")

    gc.collect()
    end_counts, (end_rss, peak) = counts(), rss_mb()
    drift = {k: end_counts[k] - start_counts[k] for k in end_counts}
    print(f"end: {end_rss:.0f} MB resident, peak {peak:.0f} MB; refcounts {end_counts} (change {drift})")
    window.plans_tab.editor.set_plan(None)
    notifier.window.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
