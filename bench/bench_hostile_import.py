"""Benchmark: importing hostile files — time and peak memory of each, in its own process.

Builds in a temporary folder: a 1 MB .docx zip bomb (one paragraph inflating to 1 GB), a
1 MB .xlsx bomb (a sheet inflating to 300 MB), a .docx with 20,000 extra parts, a .docx
table and an .xlsx sheet just under the XML size limit (tens of thousands of rows), an
.xlsx with rows 16,384 cells wide, a 200,000-line CSV, and a sample plan saved as UTF-16
(Notepad's "Unicode"). Each is imported with `cchc-desktop import FILE --dry-run` in a
fresh process; the table gives the exit code, the wall time, the peak resident memory of
that process (target: under 300 MB) and the first line of its message.

    python bench/bench_hostile_import.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import hostile_files as hf  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples"


def _run_measured(path: Path, db: Path, env: dict[str, str]) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child runs the import with its output in files
        out = os.open(str(db) + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err = os.open(str(db) + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.execve(sys.executable, [sys.executable, "-m", "cchc_desktop", "--db", str(db), "import", str(path),
                                   "--dry-run"], env)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    text = (Path(str(db) + ".err").read_text("utf-8", "replace").strip()
            or Path(str(db) + ".out").read_text("utf-8", "replace").strip()).splitlines()
    return os.waitstatus_to_exitcode(status), seconds, peak, text[0] if text else ""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files: list[tuple[str, Path]] = []

        def build(label: str, fn, name: str, *args) -> None:  # noqa: ANN001, ANN002
            t = time.perf_counter()
            path = fn(folder / name, *args)
            print(f"  built {name}: {path.stat().st_size / 1024 / 1024:.2f} MB in {time.perf_counter() - t:.1f} s",
                  file=sys.stderr)
            files.append((label, path))

        build("docx zip bomb (1 GB inflated)", hf.docx_bomb, "bomb.docx")
        build("xlsx zip bomb (300 MB inflated)", hf.xlsx_bomb, "bomb.xlsx")
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
        print(f"{'file':<36} {'size':>8} {'exit':>4} {'time':>8} {'peak':>8}  message")
        for label, path in files:
            code, seconds, peak, message = _run_measured(path, folder / f"{path.stem}.sqlite3",
                                                         {**os.environ, "PYTHONIOENCODING": "utf-8"})
            size = path.stat().st_size / 1024 / 1024
            print(f"{label:<36} {size:>6.2f}MB {code:>4} {seconds:>7.2f}s {peak:>6.0f}MB  {message[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
