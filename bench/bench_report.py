"""Benchmark: reports over the ten-year office database (10 years x 50 plans x 100 tasks = 50,000
tasks), each beside the floor measured in the same run.

The floor is the command line listing the plans (`cchc-desktop plans`: start Python, import the
store, open the database, read 500 plans). The figures: the yearly report (the 5,000 tasks of one
year, with progress recorded on some of them) and the ten-year report, through the command line
and in process; the ten-year report again on a copy where a quarter of the tasks recur
(weekly, quarterly, yearly); importing a 4,999-row CSV plan and reading a 2 MB text plan. Each figure is the minimum of several runs, as wall time and as CPU
time of the process (the machine is shared: CPU time is what the work costs, wall time adds
the waiting). Goals: ten-year report at most 3x the floor, yearly report at most 1.5x. Every
command runs from compiled bytecode, as the installed app does (PYTHONDONTWRITEBYTECODE is taken
out of the commands' environment and a first run writes the .pyc files); `--from-source` compiles
the modules on every run instead.

    python bench/bench_report.py [--db PATH] [--runs N] [--keep] [--imports-only] [--reports-only] [--from-source]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

YEAR = 2020
TEN_YEARS = "2016-01-01:2025-12-31"


def _record_some(db: Path) -> int:
    """Progress on a tenth of one year's tasks (done as a whole) and on some rounds of the
    recurring ones, written straight into the table."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT t.id, t.time_frame FROM tasks t JOIN plans p ON p.id = t.plan_id "
                           "WHERE p.period_start = ? ORDER BY t.id", [YEAR]).fetchall()
        entries = []
        for i, (tid, tf) in enumerate(rows):
            if i % 10 == 0:
                entries.append((tid, None, "done", f"{YEAR}-03-15", "Đã thực hiện", 3, "12/BC"))
            elif i % 10 == 3 and ("tháng" in tf or "tuần" in tf):
                entries.append((tid, f"{YEAR}-01-31" if "tháng" in tf else f"{YEAR}-01-05", "done", f"{YEAR}-02-20",
                                "Một lần", 2, ""))
        con.executemany("INSERT INTO progress_entries (task_id, occurrence_due, state, done_on, note, count, "
                        "evidence_number, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
                        [(*e, f"{YEAR}-03-15T10:00:00") for e in entries])
        con.commit()
        return len(entries)
    finally:
        con.close()


def _recurring_copy(db: Path, target: Path) -> None:
    """A copy where every fourth task recurs weekly, quarterly or yearly."""
    shutil.copy(db, target)
    make_a_quarter_recur(target)


def make_a_quarter_recur(db: Path) -> None:
    """Every fourth task of the database made to recur weekly, quarterly or yearly (the
    ten-year figure "a quarter of the tasks recur"; compare_outputs.py uses it too)."""
    con = sqlite3.connect(db)
    try:
        for k, text in enumerate(("Hằng tuần", "Hằng quý", "Hằng năm")):
            con.execute("UPDATE tasks SET time_frame = ? WHERE id % 12 = ?", [text, 4 * k])
        con.commit()
    finally:
        con.close()


def _cli(db: Path, *args: str, env: dict[str, str], root: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command-line run (of the checkout at `root`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db), *args], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _best(runs: int, fn) -> tuple[float, float]:  # noqa: ANN001
    results = [fn() for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results)


def _in_process(db: Path, period: str, today: dt.date, runs: int) -> tuple[float, float, int]:
    from cchc_desktop.reporting import report as rp
    from cchc_desktop.store import Store

    store = Store.open(db)
    try:
        p = rp.parse_period(period)
        timings = []
        total = 0
        for _ in range(runs):
            w, c = time.perf_counter(), time.process_time()
            total = rp.build_report(store, p, today=today).totals.total
            timings.append((time.perf_counter() - w, time.process_time() - c))
        return min(t[0] for t in timings), min(t[1] for t in timings), total
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a ten-year database made by bench_window.py (copied, not changed)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--before-tree", type=Path, help="also run the command line of this other checkout")
    parser.add_argument("--imports-only", action="store_true", help="only the floor and the two imports (no reports)")
    parser.add_argument("--reports-only", action="store_true", help="only the floor and the reports (no imports)")
    parser.add_argument("--from-source", "--source", dest="from_source", action="store_true",
                        help="compile the app's modules again on every run (their .pyc removed, PYTHONDONTWRITEBYTECODE) "
                             "instead of running from their compiled bytecode as the installed app does (written by a "
                             "first run before measuring)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-report-"))
    env = dict(os.environ, CCHC_DATA_DIR=str(tmp / "data"))
    if args.from_source:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        sys.dont_write_bytecode = True  # nor this process, which builds the databases with the app's modules
        for root in (ROOT, *([args.before_tree] if args.before_tree else [])):  # the .pyc of earlier runs
            for cache in (root / "cchc_desktop").rglob("__pycache__"):
                shutil.rmtree(cache, ignore_errors=True)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["CCHC_DATA_DIR"] = env["CCHC_DATA_DIR"]
    db = tmp / "bench.sqlite3"
    if args.db and args.db.exists():
        shutil.copy(args.db, db)
    else:
        from bench_window import build

        print(f"Tạo cơ sở dữ liệu 50.000 nhiệm vụ: {build(db):.1f} s")
    print(f"Ghi tiến độ cho {_record_some(db)} nhiệm vụ năm {YEAR}")
    recurring = tmp / "recurring.sqlite3"
    _recurring_copy(db, recurring)
    # Opening a database runs `quick_check` unless a passing check of the file as it is now was
    # noted, and a file written in the last seconds is never noted: wait until both files have
    # settled and open each once, so that neither the floor nor the reports pay the check.
    from cchc_desktop.store.integrity import FRESH_SECONDS

    time.sleep(FRESH_SECONDS + 1)
    for path in (db, recurring):
        _cli(path, "plans", env=env)
    # A first run of each command writes the bytecode of what it imports (and of the other tree's).
    for root in (ROOT, *([args.before_tree] if args.before_tree else [])):
        _cli(db, "plans", env=env, root=root)
        _cli(db, "report", "--period", str(YEAR), env=env, root=root)
    load = os.getloadavg()[0]
    print(f"Máy: {os.cpu_count()} lõi, tải trung bình lúc đo {load:.1f}; mỗi số là giá trị nhỏ nhất của {args.runs} lần"
          + ("; mã nguồn dịch lại mỗi lần chạy (PYTHONDONTWRITEBYTECODE)." if env.get("PYTHONDONTWRITEBYTECODE")
             else "; chạy từ mã đã dịch (.pyc, như bản cài đặt), sau một lần chạy đầu để ghi chúng."))

    on_year, on_ten = f"{YEAR + 1}-01-15", "2026-01-15"
    floor = _best(args.runs, lambda: _cli(db, "plans", env=env))
    cases = [
        ("báo cáo năm (5.000 nhiệm vụ), dòng lệnh", db, ("--period", str(YEAR), "--on", on_year), 1.5),
        ("báo cáo 10 năm (50.000 nhiệm vụ), dòng lệnh", db, ("--period", TEN_YEARS, "--on", on_ten), 3.0),
        ("báo cáo 10 năm, 1/4 nhiệm vụ định kỳ tuần/quý/năm, dòng lệnh", recurring,
         ("--period", TEN_YEARS, "--on", on_ten), 3.0),
    ]
    rows = []
    for label, path, period, goal in [] if args.imports_only else cases:
        rows.append((label, _best(args.runs, lambda p=path, a=period: _cli(p, "report", *a, env=env)), goal))
        if args.before_tree:
            runs = max(1, args.runs // 2)
            rows.append((f"  trước: {args.before_tree.name}", _best(runs, lambda p=path, a=period: _cli(
                p, "report", *a, env=env, root=args.before_tree)), None))
    print(f"{'phép đo':<64} {'thời gian':>10} {'CPU':>8} {'÷ sàn (thời gian / CPU)':>26}  mục tiêu")
    print(f"{'sàn: danh sách kế hoạch (cchc-desktop plans)':<64} {floor[0]:>9.2f}s {floor[1]:>7.2f}s {'1.0 / 1.0':>26}")
    for label, (wall, cpu), goal in rows:
        ratio = f"{wall / floor[0]:.2f} / {cpu / floor[1]:.2f}"
        print(f"{label:<64} {wall:>9.2f}s {cpu:>7.2f}s {ratio:>26}  " + (f"≤ {goal}×" if goal else ""))
    if args.reports_only:
        imports_and_in_process(args, tmp, env, floor, imports=False)
    else:
        imports_and_in_process(args, tmp, env, floor, imports=True)
    if args.keep:
        print(f"Giữ thư mục {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def imports_and_in_process(args: argparse.Namespace, tmp: Path, env: dict[str, str], floor: tuple[float, float], *,
                           imports: bool) -> None:
    db = tmp / "bench.sqlite3"
    if imports:
        _imports(args, tmp, env, floor)
    in_process = (("báo cáo năm, trong tiến trình", str(YEAR), dt.date(YEAR + 1, 1, 15)),
                  ("báo cáo 10 năm, trong tiến trình", TEN_YEARS, dt.date(2026, 1, 15)))
    for label, period, today in () if args.imports_only else in_process:
        wall, cpu, total = _in_process(db, period, today, max(2, args.runs // 2))
        print(f"{label + f' ({total} nhiệm vụ)':<64} {wall:>9.2f}s {cpu:>7.2f}s")


def _imports(args: argparse.Namespace, tmp: Path, env: dict[str, str], floor: tuple[float, float]) -> None:
    from compare_outputs import csv_plan, text_plan

    csv = csv_plan(tmp / "ke_hoach_4999.csv", 4999)
    txt = text_plan(tmp / "ke_hoach_2mb.txt")
    counter = iter(range(1000))

    def fresh() -> Path:
        return tmp / f"import-{next(counter)}.sqlite3"

    imports = [
        ("nhập tệp CSV 4.999 dòng (ghi vào cơ sở dữ liệu mới)", ("import", str(csv)), 5.0),
        ("đọc kế hoạch văn bản 2 MB (--dry-run)", ("import", str(txt), "--dry-run"), None),
    ]
    for root in (ROOT, *([args.before_tree] if args.before_tree else [])):  # the importer's .pyc written first
        _cli(fresh(), "import", str(csv), env=env, root=root)
    for label, command, goal in imports:
        wall, cpu = _best(max(1, args.runs // 2), lambda c=command: _cli(fresh(), *c, env=env))
        ratio = f"{wall / floor[0]:.1f} / {cpu / floor[1]:.1f}"
        print(f"{label:<64} {wall:>9.2f}s {cpu:>7.2f}s {ratio:>26}  " + (f"≤ {goal}×" if goal else "≤ 1 s"))
        if args.before_tree:
            wall, cpu = _best(1, lambda c=command: _cli(fresh(), *c, env=env, root=args.before_tree))
            print(f"{'  trước: ' + args.before_tree.name:<64} {wall:>9.2f}s {cpu:>7.2f}s "
                  f"{f'{wall / floor[0]:.1f} / {cpu / floor[1]:.1f}':>26}")


if __name__ == "__main__":
    main()
