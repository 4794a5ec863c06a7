"""Same outputs before and after a change: reports, printed PDFs and imports, compared between
two source trees (this checkout and another one, e.g. the commit before a speed-up).

Everything goes through the command line (`python -m cchc_desktop ...` run inside each tree) and
the SQLite tables, so that the two trees may lay out their modules differently. Compared:

- the report's JSON (every number, task line, occurrence and label) for several periods of the
  demo plan and of the ten-year, 50,000-task database (with progress recorded on some tasks,
  per occurrence and for whole tasks);
- the appendix PDF of a 1,000-row plan and the report PDF: page count, page sizes and the text
  of every page (`pdftotext -layout`);
- imports: the samples in ../shared/samples (each into a fresh database), a 4,999-row CSV and a
  2 MB text plan: every row of plans, appendices, groups, tasks, task agencies and agencies,
  without the time stamps.

    python bench/compare_outputs.py --before-rev efcd32d [--db50k PATH] [--quick]
    python bench/compare_outputs.py --before-tree /path/to/old/checkout

Exit status 0 when every output is identical; otherwise the differing items are listed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
PY = sys.executable

LEADS = ("Sở Nội vụ", "Sở Thông tin và Truyền thông", "Đài PT-TH tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
         "Văn phòng UBND tỉnh", "UBND các huyện, thị xã, thành phố", "Sở Tư pháp", "Báo Vĩnh Long")
TIME_FRAMES = ("Thường xuyên", "Quý I/2025", "Quý II và III/2025", "Trước ngày 16/01/2025", "Định kỳ hàng tháng",
               "01 bản tin/tuần", "Hằng quý", "trước ngày 05/11 hàng năm")
WORDS = ("tuyên truyền", "cải cách hành chính", "chuyển đổi số", "dịch vụ công trực tuyến", "thủ tục hành chính",
         "cán bộ, công chức", "Cổng thông tin điện tử", "hội nghị", "tập huấn", "chuyên mục", "phóng sự", "bản tin")
TIMESTAMPS = {"created_at", "updated_at", "imported_at", "modified_at"}


# --------------------------------------------------------------------------- inputs


def csv_plan(path: Path, rows: int) -> Path:
    """A CSV appendix of `rows` tasks as an office exports it from a spreadsheet."""
    lines = ["STT,Nội dung,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện,Sản phẩm"]
    for i in range(rows):
        words = " ".join(WORDS[(i * k) % len(WORDS)] for k in (1, 3, 7))
        content = f"Nhiệm vụ {i + 1}: {words} trên địa bàn tỉnh".replace('"', "")
        lines.append(f'{i + 1},"{content}","{LEADS[i % len(LEADS)]}","{LEADS[(i + 3) % len(LEADS)]}",'
                     f'"{TIME_FRAMES[i % len(TIME_FRAMES)]}","{(i % 5) + 1} tin, bài"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def text_plan(path: Path, size: int = 2_000_000) -> Path:
    """A plain-text plan of about `size` bytes: a heading, then numbered tasks with their lead
    agency and time frame on labelled lines, as plans are typed in Word and saved as text."""
    head = ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 15/KH-UBND\nVĩnh Long, ngày 10 tháng 01 năm 2025\n\n"
            "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n\nII. NHIỆM VỤ\n\n")
    parts = [head]
    total = len(head.encode())
    i = 0
    while total < size:
        i += 1
        words = " ".join(WORDS[(i * k) % len(WORDS)] for k in (1, 3, 5, 7, 11))
        block = (f"{i}. Tuyên truyền {i}: {words}; {words} cho cán bộ, công chức, viên chức và người dân, "
                 f"doanh nghiệp trên địa bàn tỉnh.\n"
                 f"- Cơ quan chủ trì: {LEADS[i % len(LEADS)]}.\n"
                 f"- Cơ quan phối hợp: {LEADS[(i + 3) % len(LEADS)]}.\n"
                 f"- Thời gian thực hiện: {TIME_FRAMES[i % len(TIME_FRAMES)]}.\n\n")
        parts.append(block)
        total += len(block.encode())
    path.write_text("".join(parts), encoding="utf-8")
    return path


def add_progress(db: Path, year: int = 2020) -> None:
    """Progress on some tasks of one year, written straight into the table (layout-free): a tenth
    done as a whole, a few weekly/monthly rounds done or late, quantities against quotas."""
    con = sqlite3.connect(db)
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(progress_entries)")}
        rows = con.execute("SELECT t.id, t.time_frame FROM tasks t JOIN plans p ON p.id = t.plan_id "
                           "WHERE p.period_start = ? ORDER BY t.id", [year]).fetchall()
        out = []
        for i, (tid, tf) in enumerate(rows):
            if i % 10 == 0:
                out.append({"task_id": tid, "occurrence_due": None, "state": "done", "done_on": f"{year}-03-15",
                            "note": "Đã thực hiện", "count": 3, "officer": "", "evidence_number": "12/BC",
                            "evidence_date": None, "evidence_link": "", "created_at": f"{year}-03-15T10:00:00",
                            "created_by": "bench"})
            elif i % 10 == 3 and ("tháng" in tf or "tuần" in tf):
                due = f"{year}-01-31" if "tháng" in tf else f"{year}-01-05"
                out.append({"task_id": tid, "occurrence_due": due, "state": "done", "done_on": f"{year}-02-20",
                            "note": "Một lần", "count": 2, "officer": "Lan", "evidence_number": "",
                            "evidence_date": None, "evidence_link": "http://x", "created_at": f"{year}-02-20T10:00:00",
                            "created_by": "bench"})
        # some tasks done as a whole: on time, late, and after the day a report is taken on
        for i, (tid, _tf) in enumerate(rows):
            if i % 7 == 0:
                day = (f"{year}-02-10", f"{year}-07-20", f"{year}-12-30", f"{year + 1}-03-01")[(i // 7) % 4]
                con.execute("UPDATE tasks SET status = 'done', completed_on = ? WHERE id = ?", [day, tid])
            elif i % 7 == 1:
                con.execute("UPDATE tasks SET status = 'doing' WHERE id = ?", [tid])
        out = [{k: v for k, v in r.items() if k in cols} for r in out]
        if out:
            keys = list(out[0])
            con.executemany(f"INSERT INTO progress_entries ({','.join(keys)}) VALUES ({','.join('?' * len(keys))})",
                            [[r[k] for k in keys] for r in out])
        con.commit()
    finally:
        con.close()


# --------------------------------------------------------------------------- running a tree


class Tree:
    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, CCHC_DATA_DIR=str(work / "data"), PYTHONHASHSEED="0", TZ="Asia/Ho_Chi_Minh")
        self.env.pop("PYTHONPATH", None)

    def cli(self, db: Path, *args: str, check: bool = True) -> tuple[str, float]:
        start = time.perf_counter()
        out = subprocess.run([PY, "-m", "cchc_desktop", "--db", str(db), *args], cwd=self.root, env=self.env,
                             capture_output=True, text=True, timeout=1800)
        seconds = time.perf_counter() - start
        if check and out.returncode != 0:
            raise RuntimeError(f"{self.root}: {' '.join(args)} -> {out.returncode}\n{out.stderr[-2000:]}")
        return out.stdout, seconds


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def pdf_fingerprint(path: Path) -> dict:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(path)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Page") and "size" in line]
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return {"pages": len(sizes), "sizes": _digest(sizes), "text": [_digest(p) for p in pages],
            "first_page": pages[0][:400]}


def db_rows(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        out = {}
        for table in ("plans", "appendices", "task_groups", "tasks", "task_agencies", "agencies", "agency_aliases"):
            try:
                cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            except sqlite3.DatabaseError:
                continue
            if not cols:
                continue
            keep = [c for c in cols if c not in TIMESTAMPS]
            rows = con.execute(f"SELECT {','.join(keep)} FROM {table} ORDER BY rowid").fetchall()
            out[table] = {"columns": keep, "count": len(rows), "digest": _digest(rows), "first": rows[:2]}
        return out
    finally:
        con.close()


def report_json(tree: Tree, db: Path, period: str, on: str) -> dict:
    text, seconds = tree.cli(db, "report", "--period", period, "--on", on, "--json")
    data = json.loads(text)
    return {"digest": _digest(data), "total": data["total"],
            "states": {k: data[k] for k in data["state_labels"]}, "occurrences": data["occurrences"],
            "tasks": len(data["tasks"]), "seconds": round(seconds, 2)}


def report_summary(tree: Tree, db: Path, period: str, on: str) -> dict:
    """The command line's summary (counts only, read without the task lines)."""
    text, seconds = tree.cli(db, "report", "--period", period, "--on", on)
    return {"digest": _digest(text), "text": text[-600:], "seconds": round(seconds, 2)}


def dump(tree: Tree, db50k: Path | None, quick: bool) -> dict:
    w = tree.work
    result: dict[str, object] = {}
    # the demo plan, with progress
    demo = w / "demo.sqlite3"
    tree.cli(demo, "demo")
    add_progress(demo, 2024)
    tree.cli(demo, "progress", "3", "--state", "done", "--date", "15/02/2024", "--note", "Xong")
    for period, on in (("2024", "2024-12-31"), ("2024-Q1", "2024-05-10"), ("2024-H1", "2024-06-30"),
                       ("2024-Q4", "2024-11-20"), ("2023-06-01:2025-06-30", "2025-01-31")):
        result[f"report demo {period}"] = report_json(tree, demo, period, on)
        result[f"report summary demo {period}"] = report_summary(tree, demo, period, on)
    pdf = w / "report.pdf"
    tree.cli(demo, "report", "--period", "2024", "--on", "2024-12-31", "--pdf", str(pdf))
    result["report pdf demo 2024"] = pdf_fingerprint(pdf)
    # imports
    samples = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "outside").glob("*.md")) if SAMPLES.exists() else []
    for sample in samples:
        db = w / f"import-{sample.stem}.sqlite3"
        text = sample.read_text(encoding="utf-8")
        src = w / (sample.stem + ".txt")
        src.write_text(text, encoding="utf-8")
        out, _ = tree.cli(db, "import", str(src), check=False)
        result[f"import {sample.name}"] = {**(db_rows(db) if db.exists() else {}), "output": out[-300:]}
    csv = csv_plan(w / "plan4999.csv", 4999)
    db = w / "import-csv.sqlite3"
    _, seconds = tree.cli(db, "import", str(csv))
    result["import csv 4999"] = {**db_rows(db), "seconds": round(seconds, 2)}
    txt = text_plan(w / "plan2mb.txt")
    db = w / "import-text.sqlite3"
    # read and recognised, not saved: a section of a saved plan holds at most 200,000 characters
    out, seconds = tree.cli(db, "import", str(txt), "--dry-run", "--json", check=False)
    out = _digest(out) + " " + out[-300:]
    result["import text 2MB"] = {**(db_rows(db) if db.exists() else {}), "output": out[-300:],
                                 "seconds": round(seconds, 2)}
    # a 1,000-row appendix printed
    rows = csv_plan(w / "plan1000.csv", 1000)
    db = w / "appendix1000.sqlite3"
    tree.cli(db, "import", str(rows))
    pdf = w / "appendix1000.pdf"
    _, seconds = tree.cli(db, "appendix", "1", "--pdf", str(pdf))
    result["appendix pdf 1000"] = {**pdf_fingerprint(pdf), "seconds": round(seconds, 2)}
    # the ten-year database
    if db50k is not None:
        db = w / "ten-years.sqlite3"
        shutil.copy(db50k, db)
        add_progress(db, 2020)
        periods = [("2020", "2021-01-15"), ("2020-Q3", "2020-08-20"), ("2019-H2", "2020-02-01")]
        if not quick:
            periods.append(("2016-01-01:2025-12-31", "2026-01-15"))
        for period, on in periods:
            result[f"report 50k {period}"] = report_json(tree, db, period, on)
            result[f"report summary 50k {period}"] = report_summary(tree, db, period, on)
        # a quarter of the tasks recurring weekly, quarterly or yearly
        from bench_report import make_a_quarter_recur

        make_a_quarter_recur(db)
        for period, on in periods[::3]:
            result[f"report 50k recurring {period}"] = report_json(tree, db, period, on)
            result[f"report summary 50k recurring {period}"] = report_summary(tree, db, period, on)
    return result


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            problems.append(f"{key}: only {'after' if a is None else 'before'}")
            continue
        strip = lambda d: {k: v for k, v in d.items() if k != "seconds"}  # noqa: E731
        if strip(a) != strip(b):
            problems.append(f"{key}: differs\n  before {json.dumps(strip(a), ensure_ascii=False)[:600]}\n"
                            f"  after  {json.dumps(strip(b), ensure_ascii=False)[:600]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before-rev", help="a git revision of this repository to compare against")
    parser.add_argument("--before-tree", type=Path, help="another checkout to compare against")
    parser.add_argument("--db50k", type=Path, help="a ten-year database (bench_window.py builds one when absent)")
    parser.add_argument("--no-50k", action="store_true", help="skip the 50,000-task database")
    parser.add_argument("--quick", action="store_true", help="skip the ten-year report")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-compare-"))
    try:
        if args.before_tree:
            old_root = args.before_tree.resolve()
        elif args.before_rev:
            old_root = work / "before-src"
            old_root.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before_rev], capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
        else:
            parser.error("give --before-rev or --before-tree")
        db50k = None
        if not args.no_50k:
            db50k = args.db50k
            if db50k is None or not db50k.exists():
                sys.path.insert(0, str(ROOT / "bench"))
                sys.path.insert(0, str(ROOT))
                from bench_window import build

                db50k = args.db50k or work / "ten-years-source.sqlite3"
                os.environ["CCHC_DATA_DIR"] = str(work / "build-data")
                print(f"built the 50,000-task database in {build(db50k):.1f} s")
        started = dt.datetime.now()
        before = dump(Tree(old_root, work / "before"), db50k, args.quick)
        after = dump(Tree(ROOT, work / "after"), db50k, args.quick)
        (work / "before.json").write_text(json.dumps(before, ensure_ascii=False, indent=1), encoding="utf-8")
        (work / "after.json").write_text(json.dumps(after, ensure_ascii=False, indent=1), encoding="utf-8")
        for key in sorted(after):
            tb, ta = before.get(key, {}).get("seconds"), after[key].get("seconds")  # type: ignore[union-attr]
            timing = f"  ({tb} s -> {ta} s)" if tb is not None and ta is not None else ""
            print(f"{key}{timing}")
        problems = compare(before, after)
        print(f"{len(after)} outputs compared in {(dt.datetime.now() - started).seconds} s: "
              + ("all identical" if not problems else f"{len(problems)} differ"))
        for p in problems:
            print(p)
        return 1 if problems else 0
    finally:
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
