"""Benchmark: hostile files — time and peak memory of each, in its own process.

Builds in a temporary folder: a 1 MB .docx zip bomb (one paragraph inflating to 1 GB), a
1 MB .xlsx bomb (a sheet inflating to 300 MB), a .docx, an .xlsx and an .odt whose zip directory
lies (the part declared as 1,000 bytes inflates to 1 GB / 300 MB / 1 GB), a .docx compressed with LZMA,
a .docx with 20,000 extra parts, a .docx table and an .xlsx sheet just under the XML size
limit (tens of thousands of rows), an .xlsx with rows 16,384 cells wide, a 200,000-line CSV,
a sample plan saved as UTF-16 (Notepad's "Unicode"), a PDF of 30 pages whose content streams
inflate to 70 MB each (2 MB of file), a PDF page of 330,000 drawing commands, a PDF of 40
pages of 90,000 text commands each (every page within the limits: the time limit stops it),
a PDF of 100,000 pages and a PDF with a password. Each is imported with `cchc-desktop import FILE
--dry-run` in a fresh process; the table gives the exit code, the wall time, the peak
resident memory of that process (target: under 300 MB, refused within 10 s) and the first
line of its message.

`--restore` adds backups that are decompression bombs, each restored with `cchc-desktop
restore` in its own process over a demo database, which must stay byte for byte as it was:
an attached file of 3 GB (a 3 MB backup), a directory that says 1,000 bytes for a file of
1 GB, a database entry of 3 GB, and 60 attached files of 50 MB (3 GB, each under the limit).

`--long-text` times the report (.pdf and .docx) of the demo plan with one task of 200,000
characters written into the database by another program.

    python bench/bench_hostile_import.py [--restore] [--long-text] [--only WORD]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import hostile_archives as ha  # noqa: E402
import hostile_files as hf  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples"
MB = 1024 * 1024
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}


def _run_measured(args: list[str], out_base: Path) -> tuple[int, float, float, str]:
    """Run `python -m cchc_desktop ARGS` in its own process: exit code, seconds, peak MB, first line.

    The peak is the child's own, measured by GNU time (a small process that forks it): a child
    forked from this benchmark would count the benchmark's memory at the fork in its peak."""
    start = time.perf_counter()
    peak_file = Path(str(out_base) + ".peak")
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(peak_file)] if Path("/usr/bin/time").exists() else []
    with open(str(out_base) + ".out", "wb") as out, open(str(out_base) + ".err", "wb") as err:
        code = subprocess.run([*timer, sys.executable, "-m", "cchc_desktop", *args], stdout=out, stderr=err,
                              env=ENV, cwd=ROOT).returncode
    seconds = time.perf_counter() - start
    peak = float(peak_file.read_text().split()[-1]) / 1024 if timer and peak_file.exists() else float("nan")
    text = (Path(str(out_base) + ".err").read_text("utf-8", "replace").strip()
            or Path(str(out_base) + ".out").read_text("utf-8", "replace").strip()).splitlines()
    return code, seconds, peak, text[0] if text else ""


def _row(label: str, size: float, code: int, seconds: float, peak: float, message: str, extra: str = "") -> None:
    print(f"{label:<44} {size:>7.2f}MB {code:>4} {seconds:>7.2f}s {peak:>6.0f}MB {extra:<9} {message[:100]}", flush=True)


def _header() -> None:
    print(f"{'file':<44} {'size':>9} {'exit':>4} {'time':>8} {'peak':>8} {'':<9} message", flush=True)


def imports(folder: Path, only: str | None) -> None:
    files: list[tuple[str, Path]] = []

    def build(label: str, fn, name: str, *args) -> None:  # noqa: ANN001, ANN002
        if only and only not in label and only not in name:
            return
        t = time.perf_counter()
        path = fn(folder / name, *args)
        print(f"  built {name}: {path.stat().st_size / MB:.2f} MB in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
        files.append((label, path))

    build("docx zip bomb (1 GB inflated)", hf.docx_bomb, "bomb.docx")
    build("xlsx zip bomb (300 MB inflated)", hf.xlsx_bomb, "bomb.xlsx")
    build("docx, directory lies (1,000 B said, 1 GB)", ha.lying_docx, "lying.docx")
    build("xlsx, directory lies (1,000 B said, 300 MB)", ha.lying_xlsx, "lying.xlsx")
    build("odt, directory lies (1,000 B said, 1 GB)", ha.lying_odt, "lying.odt")
    build("docx compressed with LZMA", ha.lzma_docx, "lzma.docx")
    build("docx with 20,000 parts", hf.many_entries_zip, "parts.docx")
    build("docx table under the size limit", hf.docx_long_table, "table.docx")
    build("docx table of 9,900 rows", hf.docx_rows, "rows.docx", 9_900)
    build("docx of 49,000 paragraphs", hf.docx_paragraphs, "paras.docx", 49_000)
    build("xlsx sheet under the size limit", hf.xlsx_long_sheet, "sheet.xlsx")
    build("xlsx rows 16,384 cells wide", hf.xlsx_wide_sheet, "wide.xlsx")
    build("CSV of 200,000 lines", hf.long_csv, "long.csv")
    sample = next(iter(sorted(SAMPLE.glob("*.txt"))), None) if SAMPLE.is_dir() else None
    if sample is not None:
        build("sample plan as UTF-16 (Notepad)", hf.utf16_text, "utf16.txt", sample.read_text("utf-8"))
    build("PDF, 30 pages x 70 MB content streams", ha.stream_bomb_pdf, "streams.pdf")
    build("PDF, a page of 330,000 commands (1.9 MB)", ha.stream_bomb_pdf, "commands.pdf", 1, 19 * MB // 10,
          b"0 0 m\n")
    build("PDF, 40 pages x 90,000 text commands", ha.stream_bomb_pdf, "text.pdf", 40, 405_000, b"(abc) Tj\n")
    build("PDF of 100,000 pages", ha.many_pages_pdf, "pages.pdf")
    build("PDF with a password (AES-128)", ha.encrypted_pdf, "password.pdf", "bi-mat")
    _header()
    for label, path in files:
        code, seconds, peak, message = _run_measured(["--db", str(folder / f"{path.stem}.sqlite3"), "import",
                                                      str(path), "--dry-run"], folder / path.stem)
        _row(label, path.stat().st_size / MB, code, seconds, peak, message)


def _digest(db: Path) -> str:
    """The database file with its sidecars and every file of its folder but backups/."""
    h = hashlib.sha256()
    for p in sorted(db.parent.rglob("*")):
        if p.is_file() and "backups" not in p.parts and not p.name.endswith((".out", ".err")):
            h.update(str(p.relative_to(db.parent)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _demo(folder: Path) -> Path:
    db = folder / "cchc.sqlite3"
    subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db), "demo"], env=ENV, cwd=ROOT, check=True,
                   capture_output=True)
    return db


def restores(folder: Path, only: str | None) -> None:
    office = folder / "office"
    office.mkdir()
    db = _demo(office)
    good = folder / "good.zip"
    subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db), "backup", "--out", str(good)], env=ENV,
                   cwd=ROOT, check=True, capture_output=True)
    with zipfile.ZipFile(good) as z:
        (folder / "good.sqlite3").write_bytes(z.read("cchc.sqlite3"))
    database = folder / "good.sqlite3"
    cases = [
        ("restore: an attached file of 3 GB", "file3g.zip", {"attachments": {"task-1/bom.pdf": 3 * 1024 * MB}}),
        ("restore: directory says 1,000 B for 1 GB", "lying.zip",
         {"attachments": {"task-1/doi.pdf": 1024 * MB}, "lie": {"attachments/task-1/doi.pdf": 1_000}}),
        ("restore: database entry of 3 GB", "db3g.zip", {"database_size": 3 * 1024 * MB}),
        ("restore: 60 attached files of 50 MB", "many.zip",
         {"attachments": {f"task-1/tep-{k}.pdf": 50 * MB for k in range(60)}}),
    ]
    built = []
    for label, name, kwargs in cases:
        if only and only not in label and only not in name:
            continue
        t = time.perf_counter()
        path = ha.backup_bomb(folder / name, database, **kwargs)
        print(f"  built {name}: {path.stat().st_size / MB:.2f} MB in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        built.append((label, path))
    _header()
    for label, path in built:
        before = _digest(db)
        code, seconds, peak, message = _run_measured(["--db", str(db), "restore", str(path)], folder / path.stem)
        same = "unchanged" if _digest(db) == before else "CHANGED"
        _row(label, path.stat().st_size / MB, code, seconds, peak, message, same)


def long_text(folder: Path) -> None:
    office = folder / "long"
    office.mkdir()
    db = _demo(office)
    conn = sqlite3.connect(str(db))
    with conn:
        conn.execute("UPDATE tasks SET content = content || ' ' || ? WHERE id = (SELECT min(id) FROM tasks)",
                     ["tuyên truyền cải cách hành chính " * 6_000])  # 200,000 characters
    conn.close()
    _header()
    for suffix in ("pdf", "docx"):
        out = folder / f"report.{suffix}"
        code, seconds, peak, message = _run_measured(
            ["--db", str(db), "report", "--period", "2024", "--on", "2024-12-31", f"--{suffix}", str(out)],
            folder / f"report-{suffix}")
        size = out.stat().st_size / MB if out.exists() else 0.0
        _row(f"report .{suffix}, a task of 200,000 characters", size, code, seconds, peak, message)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", action="store_true", help="also restore backups that are bombs")
    parser.add_argument("--long-text", action="store_true", help="also the report of a 200,000-character task")
    parser.add_argument("--no-import", action="store_true", help="skip the imports")
    parser.add_argument("--only", help="only the cases whose label or file name holds this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.no_import:
            imports(folder, args.only)
        if args.restore:
            restores(folder, args.only)
        if args.long_text:
            long_text(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
