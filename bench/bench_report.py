"""Benchmark: the yearly report over the ten-year office database (50,000 tasks).

Builds the database of bench_window.py (or uses --db), records progress on a tenth of
one year's tasks, then prints the median time of `build_report` for that year (all plans
of the year: 5,000 tasks) and for the whole ten years (50,000 tasks). Target: under 1 s.

    python bench/bench_report.py [--db PATH] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

YEAR = 2020


def _record_some(store) -> int:  # noqa: ANN001
    from cchc_desktop.store.domain import TaskStatus

    rows = []
    for plan in store.plans.list():
        if plan.period_start != YEAR:
            continue
        for i, t in enumerate(store.tasks.tasks_of_plan(int(plan.id))):
            if i % 10 == 0:
                rows.append({"task_id": t.id, "occurrence_due": None, "state": TaskStatus.DONE.value,
                             "done_on": f"{YEAR}-03-15", "note": "Đã thực hiện", "count": 3, "officer": "",
                             "evidence_number": "12/BC", "evidence_date": None, "evidence_link": "",
                             "created_at": f"{YEAR}-03-15T10:00:00", "created_by": "bench"})
    with store.db.atomic():
        store.db.table("progress_entries").insert_all(rows)
    return len(rows)


def _time(fn, runs: int = 5) -> float:  # noqa: ANN001
    timings = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - t)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-report-"))
    os.environ.setdefault("CCHC_DATA_DIR", str(tmp / "data"))
    db_path = args.db or tmp / "bench.sqlite3"
    if not db_path.exists():
        from bench_window import build

        print(f"Tạo cơ sở dữ liệu 50.000 nhiệm vụ: {build(db_path):.1f} s")
    from cchc_desktop.reporting import report as rp
    from cchc_desktop.store.store import Store

    store = Store.open(db_path)
    print(f"Ghi tiến độ cho {_record_some(store)} nhiệm vụ năm {YEAR}")
    today = dt.date(YEAR + 1, 1, 15)
    year = rp.parse_period(str(YEAR))
    first = rp.build_report(store, year, today=today)
    year_s = _time(lambda: rp.build_report(store, year, today=today))
    ten = rp.parse_period(f"2016-01-01:{2016 + 9}-12-31")
    whole = rp.build_report(store, ten, today=today)
    ten_s = _time(lambda: rp.build_report(store, ten, today=today), runs=3)
    print(f"Báo cáo năm {YEAR}: {first.totals.total} nhiệm vụ, {len(first.agencies)} cơ quan, "
          f"trung vị {year_s * 1000:.0f} ms (mục tiêu < 1.000 ms)")
    print(f"Báo cáo 10 năm: {whole.totals.total} nhiệm vụ, trung vị {ten_s * 1000:.0f} ms")
    store.close()
    if not args.keep and args.db is None:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
