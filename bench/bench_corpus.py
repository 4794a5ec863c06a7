"""Benchmark: the importer on every document of ../shared/samples/ (the three samples, the six
outside plans, the sixteen corpus documents), each rebuilt as the .docx an office receives
(md_to_docx.py; the samples through the test builder) and printed from it to PDF by LibreOffice.

Per document and in total, for .docx and PDF: tasks of the hand reading found, found with the
right lead, with the right time frame, tasks imported (ticked) that the reading does not have,
metadata right (number, date, signer, issuer); for a document without a reading, the imported
count and the task-like lines (numbered lines or table rows naming an agency) no task came from.
Scoring: tests/importer/corpus_scoring.py. Readings: outside/*.expected.json and
tests/importer/readings/corpus/*.expected.json.

    python bench/bench_corpus.py [--keep DIR] [--only TEXT] [--details]
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

from corpus_scoring import Score, build_docx, documents, import_and_score  # noqa: E402
from outside_scoring import build_pdfs  # noqa: E402


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "–"


def _pair(d: Score, p: Score | None, text) -> str:  # noqa: ANN001
    return f"{text(d)} / {text(p)}" if p is not None else f"{text(d)} / –"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="keep the .docx and PDF files in this folder (and reuse them)")
    parser.add_argument("--only", help="only documents whose name contains this")
    parser.add_argument("--details", action="store_true", help="print the misses and inventions of each document")
    args = parser.parse_args()
    docs = [d for d in documents() if not args.only or args.only in d.name]
    if not docs:
        print("no documents in ../shared/samples")
        return 1
    out = args.keep or Path(tempfile.mkdtemp(prefix="cchc-bench-corpus-"))
    out.mkdir(parents=True, exist_ok=True)
    docx = [build_docx(d, out) for d in docs]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdfs = build_pdfs(docx, out, soffice) if soffice else []
    if not soffice:
        print("LibreOffice (soffice) is not installed: PDF columns are left empty.\n")
    print("| document | reading tasks | found (.docx / .pdf) | right lead | right time frame | right lead and time "
          "| invented / imported | metadata right | task-like lines not taken |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    totals: dict[str, dict[str, int]] = {k: {} for k in ("docx", "pdf")}
    details: list[str] = []
    for k, doc in enumerate(docs):
        d = import_and_score(doc, docx[k])
        p = import_and_score(doc, pdfs[k]) if pdfs else None
        for kind, s in (("docx", d), ("pdf", p)):
            if s is None:
                continue
            t = totals[kind]
            for name in ("found", "right_lead", "right_when", "right", "invented", "imported", "untaken", "metadata_right"):
                key = ("read_" if s.read else "unread_") + name
                t[key] = t.get(key, 0) + getattr(s, name)
            t["expected"] = t.get("expected", 0) + s.expected
            t["metadata_n"] = t.get("metadata_n", 0) + (len(s.metadata) if s.read else 0)
            t["errors"] = t.get("errors", 0) + bool(s.error)
            if args.details and (s.misses or s.inventions or s.error):
                details.append(f"\n## {doc.name} ({kind})" + (f"\n  ERROR {s.error}" if s.error else "")
                               + "".join(f"\n  {m}" for m in s.misses) + "".join(f"\n  invented: {m}" for m in s.inventions))
        label = f"{doc.folder}/{doc.name}"
        if d.error or (p is not None and p.error):
            label += " (refused: " + (d.error or p.error)[:60] + ")"
        if doc.reading is not None:
            n = d.expected
            print(f"| {label} | {n} | {_pair(d, p, lambda s: s.found)} | {_pair(d, p, lambda s: s.right_lead)} "
                  f"| {_pair(d, p, lambda s: s.right_when)} | {_pair(d, p, lambda s: s.right)} "
                  f"| {_pair(d, p, lambda s: f'{s.invented}/{s.imported}')} "
                  f"| {_pair(d, p, lambda s: f'{s.metadata_right}/{len(s.metadata) or 4}')} | |")
        else:
            print(f"| {label} | (no reading) | | | | | {_pair(d, p, lambda s: f'–/{s.imported}')} | "
                  f"| {_pair(d, p, lambda s: s.untaken)} |")
    for kind in ("docx", "pdf"):
        t = totals[kind]
        if not t:
            continue
        n = t["expected"]
        print(f"| **all read, {kind}** | {n} | {t['read_found']} ({_pct(t['read_found'], n)}) | {t['read_right_lead']} ({_pct(t['read_right_lead'], n)}) "
              f"| {t['read_right_when']} ({_pct(t['read_right_when'], n)}) | {t['read_right']} ({_pct(t['read_right'], n)}) "
              f"| {t['read_invented']}/{t['read_imported']} ({_pct(t['read_invented'], t['read_imported'])}) "
              f"| {t['read_metadata_right']}/{t['metadata_n']} ({_pct(t['read_metadata_right'], t['metadata_n'])}) "
              f"| unread: {t.get('unread_untaken', 0)} (imported {t.get('unread_imported', 0)}); refused: {t['errors']} |")
    print("".join(details))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
