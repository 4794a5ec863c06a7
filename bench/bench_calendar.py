"""Benchmark: the Lịch tab with 10,000 occurrences due in one year.

Builds a plan for 2025 with weekly, monthly, quarterly and dated tasks (about 10,000
occurrences in the year, a quarter of them done), opens the real calendar tab offscreen
and prints: the first load of the year, the median and worst time of a month switch
(next month, previous month, jumps across the year), and "Hôm nay".
Target: under 50 ms per month switch.

With `--db FILE` (the ten-year database `bench_window.py --keep` leaves, 500 plans of
2016-2025), it prints instead the first visit of a year with every plan chosen: the tab
opened on today's month, then a month of each of four past years, a December (its grid
reaches into the next year) and a month of a year already visited.

    python bench/bench_calendar.py [--db FILE]
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

YEAR = 2025
FRAMES = ("01 bản tin/tuần", "Định kỳ hàng tháng", "Định kỳ hàng quý", "Trước ngày 16/01/2025", "Quý III/2025")


def build(path: Path) -> int:
    from cchc_desktop.scheduling.schedule import OccurrenceIndex
    from cchc_desktop.store.domain import Plan, Task, TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService
    from cchc_desktop.store.store import Store

    store = Store.open(path)
    plan = store.plans.create(Plan(title=f"Kế hoạch tuyên truyền CCHC năm {YEAR}", period_start=YEAR))
    tasks = []
    # 170 weekly (8,840) + 80 monthly (960) + 40 quarterly (160) + 40 dated = about 10,000 occurrences
    for i, (frame, n) in enumerate(zip(FRAMES, (170, 80, 40, 20, 20), strict=True)):
        for k in range(n):
            tasks.append(Task(plan_id=plan.id, content=f"Nhiệm vụ {i}-{k}: tuyên truyền cải cách hành chính",
                              time_frame=frame))
    ids = store.tasks.create_many(tasks)
    progress = ProgressService(store)
    index = OccurrenceIndex.load(store, today=dt.date(YEAR, 7, 1))
    for occ in index.all()[::4]:
        if occ.due < dt.date(YEAR, 7, 1):
            progress.record(ProgressEntry(task_id=occ.task_id, occurrence_due=occ.occurrence_due,
                                          state=TaskStatus.DONE, done_on=occ.due))
    count = len(OccurrenceIndex.load(store).between(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)))
    store.close()
    del ids
    return count


def ten_years(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.store.store import Store
    from ui.calendar.calendar_tab import CalendarTab
    from ui.common.controller import Controller

    app = QApplication.instance() or QApplication([])
    store = Store.open(path)
    plans = store.plans.list()
    tasks = store.db.execute("SELECT count(*) FROM tasks").fetchone()[0]
    print(f"Dữ liệu: {len(plans)} kế hoạch, {tasks} nhiệm vụ ({path})")
    t0 = time.perf_counter()
    tab = CalendarTab(Controller(store))
    tab.resize(1300, 850)
    tab.show()
    app.processEvents()
    print(f"Mở thẻ Lịch (tháng hiện tại): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for label, year, month in (("năm mới", 2020, 3), ("năm mới", 2025, 6), ("năm mới", 2016, 1),
                               ("tháng 12, cả năm sau", 2022, 12), ("năm đã xem", 2022, 11)):
        t = time.perf_counter()
        tab.show_month(year, month)
        tab.month_view.viewport().repaint()
        app.processEvents()
        print(f"  {month:02d}/{year} ({label}): {(time.perf_counter() - t) * 1000:.0f} ms")
    sys.stdout.flush()
    os._exit(0)


def main() -> None:
    if "--db" in sys.argv:
        ten_years(Path(sys.argv[sys.argv.index("--db") + 1]))
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.store.store import Store
    from ui.calendar.calendar_tab import CalendarTab
    from ui.common.controller import Controller

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        t0 = time.perf_counter()
        occurrences = build(path)
        print(f"Dữ liệu: {occurrences} lần đến hạn trong năm {YEAR} (dựng trong {time.perf_counter() - t0:.1f} s)")
        app = QApplication.instance() or QApplication([])
        store = Store.open(path)
        controller = Controller(store)
        t0 = time.perf_counter()
        tab = CalendarTab(controller, today=dt.date(YEAR, 7, 1))
        tab.resize(1300, 850)
        tab.show()
        app.processEvents()
        first = time.perf_counter() - t0
        times = []
        moves = [tab.next_month] * 6 + [tab.previous_month] * 9 + [lambda: tab.show_month(YEAR, 12),
                                                                   lambda: tab.show_month(YEAR, 1), tab.go_today] * 3
        for move in moves:
            t = time.perf_counter()
            move()
            tab.month_view.viewport().repaint()
            app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
        print(f"Mở thẻ Lịch lần đầu (tính cả năm): {first * 1000:.0f} ms")
        print(f"Chuyển tháng ({len(times)} lần, gồm vẽ lại lưới): trung vị {statistics.median(times):.1f} ms, "
              f"chậm nhất {max(times):.1f} ms (mục tiêu < 50 ms)")
        tab.close()
        tab.deleteLater()
        controller.deleteLater()
        app.processEvents()
        store.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt objects: nothing is left to save


if __name__ == "__main__":
    main()
