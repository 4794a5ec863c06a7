"""Benchmark: the importer on the six outside plans (../shared/samples/outside/), each rebuilt as
the .docx an office receives and printed from it to PDF by LibreOffice; prints, per document,
the tasks found, the tasks found with the right lead and time frame, the metadata right
(number, date, signer, issuer) and the time the import took.

    python bench/bench_import.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "importer"))

from outside_scoring import build_docx, build_pdfs, expected_of, import_and_score  # noqa: E402

OUTSIDE = ROOT.parent / "shared" / "samples" / "outside"
TOOLS = ROOT.parent / "shared" / "tools"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="keep the .docx and PDF files in this folder")
    args = parser.parse_args()
    documents = sorted(OUTSIDE.glob("[0-9]*.md"))
    if not documents:
        print(f"no outside plans in {OUTSIDE}")
        return 1
    out = args.keep or Path(tempfile.mkdtemp(prefix="cchc-bench-import-"))
    out.mkdir(parents=True, exist_ok=True)
    docx = [build_docx(md, out, TOOLS) for md in documents]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdfs = build_pdfs(docx, out, soffice) if soffice else []
    import_and_score(docx[0], expected_of(documents[0]), documents[0].stem)  # warm-up: the importer's own imports
    print("| document | tasks found, .docx | right lead and time, .docx | tasks found, .pdf | right lead and time, .pdf "
          "| metadata right (.docx / .pdf) | time .docx / .pdf |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    totals = {"expected": 0, "docx": [0, 0, 0], "pdf": [0, 0, 0]}
    for k, md in enumerate(documents):
        expected = expected_of(md)
        d = import_and_score(docx[k], expected, md.stem)
        p = import_and_score(pdfs[k], expected, md.stem) if pdfs else None
        totals["expected"] += d.expected
        for kind, s in (("docx", d), ("pdf", p)):
            if s is not None:
                totals[kind] = [a + b for a, b in zip(totals[kind], (s.found, s.right, s.metadata_right), strict=True)]
        pdf_cells = (f"{p.found}/{p.expected} | {p.right}/{p.expected}", f"{p.metadata_right}/{len(p.metadata)}", f"{p.seconds:.2f} s") if p else ("– | –", "–", "–")
        print(f"| {md.stem} | {d.found}/{d.expected} | {d.right}/{d.expected} | {pdf_cells[0]} | "
              f"{d.metadata_right}/{len(d.metadata)} / {pdf_cells[1]} | {d.seconds:.2f} s / {pdf_cells[2]} |")
    n = totals["expected"]
    dt, pt = totals["docx"], totals["pdf"]
    print(f"| all | {dt[0]}/{n} | {dt[1]}/{n} ({100 * dt[1] / n:.0f} %) | {pt[0]}/{n} | {pt[1]}/{n} ({100 * pt[1] / n:.0f} %) "
          f"| {dt[2]}/{4 * len(documents)} / {pt[2]}/{4 * len(documents)} | |")
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
