"""Benchmark: the cost of the open-time integrity check, a backup, a restore and `check` on
the ten-year office database of bench_window.py (50,000 tasks) with 200 attached files.

    python bench/bench_backup.py
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _median(fn, runs: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-backup-"))
    os.environ["CCHC_DATA_DIR"] = str(work / "data")
    from bench_window import build

    from cchc_desktop.store import backup, db, integrity
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService
    from cchc_desktop.store.store import Store

    path = work / "cchc.sqlite3"
    built = build(path)
    store = Store.open(path)
    src = work / "minh-chung.pdf"
    service = ProgressService(store)
    for i, row in enumerate(store.tasks.rows()[:200]):
        src.write_bytes(os.urandom(100_000 + i * 1000))
        service.record(ProgressEntry(task_id=int(row.task.id), state=TaskStatus.DONE), files=[src])
    store.close()
    size_mb = path.stat().st_size / 1e6
    print(f"database: 50,000 tasks, {size_mb:.1f} MB, 200 attachments ({sum(f.stat().st_size for f in (work / 'cchc-attachments').rglob('*') if f.is_file()) / 1e6:.1f} MB); built in {built:.1f} s")

    conn = sqlite3.connect(str(path))
    quick = _median(lambda: integrity.quick_check(conn))
    full = _median(lambda: integrity.quick_check(conn, full=True), 3)
    conn.close()
    opened = _median(lambda: db.open_database(path).close())
    print(f"PRAGMA quick_check: {quick:.0f} ms (median of 5); integrity_check: {full:.0f} ms")
    print(f"open_database with every check (quick_check included): {opened:.0f} ms")

    start = time.perf_counter()
    info = backup.create_backup(path)
    made = time.perf_counter() - start
    print(f"backup (.zip of database and attachments): {made * 1000:.0f} ms, {info.size / 1e6:.1f} MB")
    start = time.perf_counter()
    backup.restore(path, info.path)
    print(f"restore (checks, keeps the current state as a backup, copies back): {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    report = backup.check_database(path)
    print(f"check: {(time.perf_counter() - start) * 1000:.0f} ms, {'clean' if report.ok else report.as_json()}")


if __name__ == "__main__":
    main()
