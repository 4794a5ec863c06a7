"""Benchmark: a ten-year office database (10 years x 50 plans x 100 tasks = 50,000 tasks).

Prints the time to start and show the main window on that database, and the application's
own start (`ui.shell.app.run`) to its first painted frame, beside the floor issue 20 names,
"bare QMainWindow + QTableView": a QMainWindow whose central widget is an empty QTableView,
shown at the same size (wall time: median; CPU time of the process, interpreter start
included: minimum);
the window and the application start as main.py does, with Python's cycle collector held
until the first paint (`cchc_desktop.system.collector`);
the median time from a keystroke in the task search box to the filtered view (all plans in
scope); every task selected with Ctrl+A, deleted and put back with Ctrl+Z, then its state set
from the list's menu and taken back with Ctrl+Z (on a copy of the database); and the peak memory of each process.

    python bench/bench_window.py [--db PATH] [--keep] [--runs N] [--start-only]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEARS = 10
PLANS_PER_YEAR = 50
TASKS_PER_PLAN = 100
TIME_FRAMES = ("Thường xuyên", "Quý I/{y}", "Quý II và III/{y}", "Trước ngày 16/01/{y}", "Định kỳ hàng tháng",
               "trước ngày 05/11 hàng năm", "01 bản tin/tuần", "Quý IV năm {y}")
LEADS = ("Sở Nội vụ", "Sở Thông tin và Truyền thông", "Đài PT-TH tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
         "Văn phòng UBND tỉnh", "UBND các huyện, thị xã, thành phố", "Sở Tư pháp", "Báo Vĩnh Long")
WORDS = ("tuyên truyền", "cải cách hành chính", "chuyển đổi số", "dịch vụ công trực tuyến", "thủ tục hành chính",
         "cán bộ, công chức", "Cổng thông tin điện tử", "hội nghị", "tập huấn", "chuyên mục", "phóng sự", "bản tin")


def build(db_path: Path) -> float:
    from cchc_desktop.store.domain import Appendix, Plan, PlanStatus, Task
    from cchc_desktop.store.store import Store

    start = time.perf_counter()
    store = Store.open(db_path)
    lead_refs = {name: store.agencies.resolve(name) for name in LEADS}
    n = 0
    with store.db.atomic():
        for year in range(2016, 2016 + YEARS):
            for p in range(PLANS_PER_YEAR):
                plan = store.plans.create(Plan(
                    number=f"{p + 1:02d}/KH-UBND", issuer=f"UBND huyện số {p + 1}", place="Vĩnh Long",
                    period_start=year, period_end=year, status=PlanStatus.ISSUED,
                    title=f"Kế hoạch tuyên truyền cải cách hành chính năm {year} của đơn vị {p + 1}",
                    appendices=[Appendix(title=f"Nhiệm vụ tuyên truyền CCHC năm {year}")],
                ))
                tasks = []
                for t in range(TASKS_PER_PLAN):
                    n += 1
                    words = " ".join(WORDS[(n * k) % len(WORDS)] for k in (1, 3, 7))
                    tasks.append(Task(
                        plan_id=plan.id, appendix_id=plan.appendices[0].id,
                        content=f"Nhiệm vụ {t + 1}: {words} năm {year}",
                        lead=lead_refs[LEADS[n % len(LEADS)]], partners=lead_refs[LEADS[(n + 3) % len(LEADS)]],
                        time_frame=TIME_FRAMES[n % len(TIME_FRAMES)].format(y=year),
                    ))
                store.tasks.create_many(tasks)
    store.close()
    return time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds of this process so far, interpreter start included."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def child(mode: str, db_path: str) -> None:
    """Runs in its own process; prints one JSON line with its figures."""
    t0 = time.perf_counter()
    if mode in ("app", "window", "search", "select-all"):
        # As main.py starts: the cycle collector held until the window is painted.
        from cchc_desktop.system import collector

        collector.hold_for_start()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    result: dict[str, float] = {}
    if mode == "plain":
        _plain_table(app, db_path, result)
    elif mode == "app":
        _application_start(t0, db_path)
    elif mode == "bare":
        from PySide6.QtWidgets import QTableView

        window = QMainWindow()
        window.setCentralWidget(QTableView())  # empty: the floor of issue 20
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        result["start_s"] = time.perf_counter() - t0
        result["start_cpu_s"] = _cpu()
    else:
        # In the order of the application's start (main.py imports ui.shell.app first).
        from ui.shell.main_window import MainWindow
        from ui.shell.qt_vi import install_vietnamese

        install_vietnamese(app)
        from cchc_desktop.store.store import Store

        store = Store.open(db_path)
        settings = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.first_painted.connect(collector.release_after_start)  # as ui.shell.app.run does
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        result["start_s"] = time.perf_counter() - t0
        result["start_cpu_s"] = _cpu()
        if mode == "search":
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            tab = window.tasks_tab
            window.tabs.setCurrentWidget(tab)
            app.processEvents()
            t = time.perf_counter()
            QTest.keyClick(tab.search, "s")  # the first keystroke after start (one plan in scope)
            app.processEvents()
            tab.view.viewport().repaint()
            result["first_key_ms"] = (time.perf_counter() - t) * 1000
            tab.search.clear()
            t1, c1 = time.perf_counter(), time.process_time()
            tab.plan_combo.setCurrentIndex(0)  # all plans: 50,000 tasks
            app.processEvents()
            result["load_all_s"] = time.perf_counter() - t1
            result["load_all_cpu_s"] = time.process_time() - c1
            result["tasks_in_scope"] = tab.model.total_task_count()
            timings, cpu = [], []
            for query in ("so noi vu", "chuyen doi so", "dai pt", "hoi nghi", "cong thong tin", "van hoa the thao",
                          "the thao du lich"):
                tab.search.clear()
                app.processEvents()
                for ch in query:
                    t, c = time.perf_counter(), time.process_time()
                    QTest.keyClick(tab.search, ch)
                    app.processEvents()
                    tab.view.viewport().repaint()
                    timings.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
            result["search_median_ms"] = statistics.median(timings) * 1000
            result["search_max_ms"] = max(timings) * 1000
            result["search_cpu_median_ms"] = statistics.median(cpu) * 1000
            result["search_cpu_max_ms"] = max(cpu) * 1000
            result["keystrokes"] = len(timings)
            result["matches_last_query"] = tab.model.visible_task_count()
            del Qt
        if mode == "select-all":
            _select_all_delete_undo(app, window, result)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)


def _select_all_delete_undo(app, window, result: dict[str, float]) -> None:  # noqa: ANN001
    """Every task of ten years in the Nhiệm vụ tab selected with Ctrl+A, deleted with the Delete
    key (the question answered yes) and put back with Ctrl+Z, each timed to the list shown again."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    import ui.tasks.tasks_tab as tasks_tab

    tasks_tab.confirm = lambda *_args, **_kwargs: True  # the officer answers "Xóa"
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    tab.plan_combo.setCurrentIndex(0)  # all plans
    app.processEvents()
    result["tasks_in_scope"] = tab.model.total_task_count()
    tab.view.setFocus()
    for label, key, modifier in (("select_all_s", Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
                                 ("delete_s", Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
                                 ("undo_s", Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)):
        t = time.perf_counter()
        QTest.keyClick(tab.view, key, modifier)
        app.processEvents()
        result[label] = time.perf_counter() - t
        result[label.replace("_s", "_count")] = (len(tab.selected_task_ids()) if label == "select_all_s"
                                                  else tab.model.total_task_count())
    # then the state of every task set at once from the list's menu (Đặt trạng thái → Hoàn thành),
    # and taken back with Ctrl+Z
    QTest.keyClick(tab.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    t = time.perf_counter()
    _context_menu_entry(app, tab.view.viewport(), ("Đặt trạng thái", "Hoàn thành"))
    app.processEvents()
    result["state_s"] = time.perf_counter() - t
    result["state_count"] = window.store.db.execute("SELECT count(*) FROM tasks WHERE status = 'done'").fetchone()[0]
    window.activateWindow()  # as a desktop does once a menu closed (the offscreen platform does not)
    tab.view.setFocus()
    app.processEvents()
    t = time.perf_counter()
    QTest.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    result["state_undo_s"] = time.perf_counter() - t
    result["state_undo_count"] = window.store.db.execute("SELECT count(*) FROM tasks WHERE status = 'todo'").fetchone()[0]


def _context_menu_entry(app, widget, path: tuple[str, ...]) -> None:  # noqa: ANN001
    """The right button pressed on `widget` (the context menu event a desktop sends), then the
    entries of `path` clicked in the menu that opens and in its submenu."""
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMenu

    def pick(menu: QMenu | None, names: tuple[str, ...]) -> None:
        if menu is None or not menu.isVisible():  # not open yet
            QTimer.singleShot(5, lambda: pick(menu or _popup(), names))
            return
        action = next(a for a in menu.actions() if a.text().replace("&", "") == names[0])
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        if len(names) > 1:
            pick(action.menu(), names[1:])

    def _popup() -> QMenu | None:
        popup = app.activePopupWidget()
        return popup if isinstance(popup, QMenu) else None

    QTimer.singleShot(0, lambda: pick(None, path))
    at = QPoint(40, 10)
    app.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at)))


def _application_start(t0: float, db_path: str) -> None:
    """The application's own start (`ui.shell.app.run`: single-instance guard, store, window,
    status-bar notes, reminders) until the window's first frame is painted (its `first_painted`
    signal, sent just after that frame), and on until the reminders are running (the minute's
    alert check set going, which the start does once the frame is painted); prints the figures
    and ends the process there. No Python event filter watches for the frame: one would see
    every event of the start."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    result: dict[str, float] = {}

    def reminders_running(window) -> None:  # noqa: ANN001
        if getattr(window, "notifier", None) is None:
            QTimer.singleShot(0, lambda: reminders_running(window))
            return
        result["reminders_s"] = time.perf_counter() - t0
        result["reminders_cpu_s"] = _cpu()
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        sys.stdout.flush()
        os._exit(0)

    def painted(window) -> None:  # noqa: ANN001
        result.update(start_s=time.perf_counter() - t0, start_cpu_s=_cpu(), peak_mb=_peak_mb())
        reminders_running(window)

    def watch() -> None:
        # The first timer of the event loop, before the one that sends `first_painted`.
        from ui.shell.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            raise SystemExit("no main window when the event loop started")
        windows[0].first_painted.connect(lambda: painted(windows[0]))

    QTimer.singleShot(0, watch)
    from ui.shell.app import run

    run(["--db", db_path])
    raise SystemExit("the window was never painted")


def _plain_table(app, db_path: str, result: dict[str, float]) -> None:  # noqa: ANN001
    """The floor of listing every task: a QTableView over a bare model of the same 50,000 rows
    (content, lead agencies, time frame, output, status, notes, plan number) read straight from
    SQLite."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows: list) -> None:  # noqa: ANN001
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008, ANN001
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008, ANN001
            return 0 if parent.isValid() else 7

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self.rows[index.row()][index.column()]
            return None

    window = QMainWindow()
    view = QTableView()
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    t1, c1 = time.perf_counter(), time.process_time()
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT t.content, (SELECT group_concat(text, '; ') FROM task_agencies a WHERE a.task_id = t.id "
        "AND a.role = 'lead'), t.time_frame, t.output, t.status, t.notes, p.number FROM tasks t "
        "JOIN plans p ON p.id = t.plan_id ORDER BY p.period_start DESC, p.id DESC, t.appendix_id, t.position"
    ).fetchall()
    view.setModel(Model(rows))
    app.processEvents()
    result["load_all_s"] = time.perf_counter() - t1
    result["load_all_cpu_s"] = time.process_time() - c1
    result["tasks_in_scope"] = len(rows)


def run_child(mode: str, db_path: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # The application's own start reads the user's settings (QSettings): an empty folder of its
    # own, so its figure is an officer's first start, not whatever layout this machine's user saved.
    env["XDG_CONFIG_HOME"] = str(db_path.parent / "bench-config")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--db", str(db_path)], env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["process_wall_s"] = wall
    return data


def _print_start(bare: list[dict[str, float]], full: list[dict[str, float]], whole: list[dict[str, float]]) -> None:
    bare_start = statistics.median(r["start_s"] for r in bare)
    bare_wall = statistics.median(r["process_wall_s"] for r in bare)
    bare_cpu = min(r["start_cpu_s"] for r in bare)
    print(f"bare window + table:   start {bare_start * 1000:.0f} ms (process {bare_wall * 1000:.0f} ms), "
          f"CPU {bare_cpu * 1000:.0f} ms, peak {statistics.median(r['peak_mb'] for r in bare):.0f} MB")
    for label, runs in (("CCHC window, 50k db:  ", full), ("application start:    ", whole)):
        start = statistics.median(r["start_s"] for r in runs)
        wall = statistics.median(r["process_wall_s"] for r in runs)
        cpu = min(r["start_cpu_s"] for r in runs)
        print(f"{label} start {start * 1000:.0f} ms (process {wall * 1000:.0f} ms), CPU {cpu * 1000:.0f} ms, "
              f"peak {statistics.median(r['peak_mb'] for r in runs):.0f} MB; "
              f"{start / bare_start:.2f}x in-process, {wall / bare_wall:.2f}x whole process, "
              f"{cpu / bare_cpu:.2f}x CPU (target <= 1.5x)")
    if all("reminders_s" in r for r in whole):
        print(f"  then reminders running: {statistics.median(r['reminders_s'] for r in whole) * 1000:.0f} ms, "
              f"CPU {min(r['reminders_cpu_s'] for r in whole) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--child")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--start-only", action="store_true",
                        help="only the start figures: bare window, main window, the application's own start")
    args = parser.parse_args()
    if args.child:
        child(args.child, str(args.db))
        return
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    os.environ["CCHC_DATA_DIR"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # the application's own window settings
    db_path = args.db or folder / "bench.sqlite3"
    if not db_path.exists():
        seconds = build(db_path)
        print(f"built {YEARS * PLANS_PER_YEAR * TASKS_PER_PLAN:,} tasks in {seconds:.1f} s ({db_path.stat().st_size / 1e6:.1f} MB)"
              + (f", kept as {db_path} (for bench_calendar.py --db)" if args.keep else ""))
    # Opening a database runs `quick_check` unless a passing check of the file as it is now was
    # noted, and a file written in the last seconds is never noted: wait until the file has
    # settled and open it once, so that the runs measure the start, not the first check of a
    # just-written file (the note lives in this run's data folder, so a kept database needs it too).
    from cchc_desktop.store.integrity import FRESH_SECONDS
    from cchc_desktop.store.store import Store

    settled = FRESH_SECONDS + 1 - (time.time() - db_path.stat().st_mtime)
    if settled > 0:
        time.sleep(settled)
    Store.open(db_path).close()
    bare, full, whole = [], [], []
    for _ in range(args.runs):  # interleaved, so that a change of load touches all three alike
        bare.append(run_child("bare", db_path))
        full.append(run_child("window", db_path))
        whole.append(run_child("app", db_path))
    if args.start_only:
        _print_start(bare, full, whole)
        print(f"machine:               {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
        return
    search = run_child("search", db_path)
    plain = [run_child("plain", db_path) for _ in range(3)]
    listing = [run_child("search", db_path) for _ in range(2)] + [search]
    _print_start(bare, full, whole)
    plain_load = min(r["load_all_s"] for r in plain)
    plain_cpu = min(r["load_all_cpu_s"] for r in plain)
    plain_peak = min(r["peak_mb"] for r in plain)
    load = min(r["load_all_s"] for r in listing)
    load_cpu = min(r["load_all_cpu_s"] for r in listing)
    peak = min(r["peak_mb"] for r in listing)
    print(f"plain Qt table:        {plain[0]['tasks_in_scope']:.0f} rows listed in {plain_load * 1000:.0f} ms "
          f"(CPU {plain_cpu * 1000:.0f} ms), peak {plain_peak:.0f} MB")
    print(f"all plans in scope:    {search['tasks_in_scope']:.0f} tasks listed in {load * 1000:.0f} ms "
          f"(CPU {load_cpu * 1000:.0f} ms), peak {peak:.0f} MB (with the search below)")
    print(f"listing ratio:         {load / plain_load:.2f}x time, {load_cpu / plain_cpu:.2f}x CPU, "
          f"{peak / plain_peak:.2f}x peak memory (target <= 1.5x, <= 1.3x memory)")
    print(f"first keystroke:       {min(r['first_key_ms'] for r in listing):.0f} ms (target <= 50 ms)")
    median = statistics.median(r["search_median_ms"] for r in listing)
    print(f"search keystroke:      median {median:.1f} ms, max {min(r['search_max_ms'] for r in listing):.1f} ms; "
          f"CPU median {statistics.median(r['search_cpu_median_ms'] for r in listing):.1f} ms, "
          f"max {min(r['search_cpu_max_ms'] for r in listing):.1f} ms over {search['keystrokes']:.0f} keystrokes, "
          "three runs (target median <= 16 ms, max <= 50 ms)")
    # on a copy: the database given (or kept) is not changed
    import sqlite3

    copy = folder / "select-all.sqlite3"
    source, target = sqlite3.connect(db_path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    every = run_child("select-all", copy)
    print(f"every task at once:    {every['select_all_count']:.0f} of {every['tasks_in_scope']:.0f} selected (Ctrl+A) in "
          f"{every['select_all_s'] * 1000:.0f} ms, deleted (Delete) in {every['delete_s']:.1f} s, "
          f"{every['undo_count']:.0f} put back (Ctrl+Z) in {every['undo_s']:.1f} s")
    print(f"                       state of all {every['state_count']:.0f} set (menu Đặt trạng thái) in "
          f"{every['state_s']:.1f} s, {every['state_undo_count']:.0f} taken back (Ctrl+Z) in {every['state_undo_s']:.1f} s")
    print(f"machine:               {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    if not args.keep and args.db is None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
