"""Benchmark: hostile texts through every non-PDF exporter (appendix .docx/.xlsx, report
.xlsx/.docx, evidence .xlsx, .ics), the property of tests/hostile/test_export_fuzz.py at
full size. Prints how many texts and exports ran, how many failed (target 0), how many
spreadsheets held a formula (target 0), the time taken and the largest text.

    python bench/bench_fuzz.py [--texts 10000] [--seed N]

With `--names N`: N generated databases whose stored names (agency registry, lead and partner
names, issuer, parent body, signer, place, recipients, group and appendix titles, officers)
hold CR, NEL, U+2028/U+2029, U+001C-U+001E, bidi controls and the like, each written out as
every document in every format through the command line (report .pdf/.docx/.xlsx, evidence
.pdf/.xlsx, appendix .pdf/.docx/.xlsx, whole plan .pdf, reminder list .pdf, .ics): failed
documents (target 0).

    python bench/bench_fuzz.py --names 100
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import export_fuzz as fz  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20251)
    parser.add_argument("--names", type=int, default=0, help="fuzz stored names through every document instead")
    args = parser.parse_args()
    if args.names:
        return names(args.names, args.seed)
    examples = math.ceil(args.texts / fz.TEXTS_PER_EXAMPLE)
    counts = fz.Counts()
    largest = 0
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = fz.build_store(folder / "fuzz.sqlite3")

        @seed(args.seed)
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(fz.example)
        def push(ex: dict) -> None:
            nonlocal largest
            texts = [*ex["stored"], ex["recipient"], *ex["report_texts"]]
            largest = max(largest, *(len(t) for t in texts))
            for t in texts:
                if any(0xD800 <= ord(c) <= 0xDFFF for c in t):
                    kinds["lone surrogates"] += 1
                if any(ord(c) < 0x20 and c not in "\t\n\r" for c in t):
                    kinds["C0 controls"] += 1
                if "\ufffe" in t or "\uffff" in t:
                    kinds["U+FFFE/U+FFFF"] += 1
                if any(ord(c) > 0xFFFF for c in t):
                    kinds["astral planes"] += 1
                if t[:1] in "=+-@":
                    kinds["formula-like"] += 1
                if len(t) > 32_767:
                    kinds["over Excel's cell limit"] += 1
            fz.run_example(store, ex, counts, folder)

        start = time.perf_counter()
        try:
            push()
        finally:
            store.close()
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts pushed:        {counts.texts:,}  ({examples} examples of {fz.TEXTS_PER_EXAMPLE} texts)")
    print(f"exports written:     {counts.exports:,}  (6 formats per example, each file opened again)")
    print(f"failed exports:      {len(counts.failures)}")
    print(f"xlsx with a formula: {counts.formulas}")
    print("texts holding:       " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    print(f"largest text:        {largest:,} characters")
    print(f"time:                {seconds:.0f} s; peak memory {peak:.0f} MB")
    for failure in counts.failures[:10]:
        print("  ", failure)
    return 1 if counts.failures or counts.formulas else 0


def names(examples: int, seed_value: int) -> int:
    import names_fuzz as nf

    counts = nf.Counts()
    held: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "names.sqlite3"
        nf.prepare(db)

        @seed(seed_value)
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(nf.example)
        def push(ex: tuple) -> None:
            for name in ex[0]:
                for sep in nf.SEPARATORS:
                    if sep in name:
                        held[f"U+{ord(sep[0]):04X}"] += 1
            nf.run_example(db, ex, counts, folder)

        start = time.perf_counter()
        push()
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"databases:           {examples:,} of {len(nf.NAME_FIELDS) + 1} stored names ({counts.names:,} names)")
    print(f"documents written:   {counts.documents:,}  ({len(nf.DOCUMENTS)} per database, each opened again)")
    print(f"failed documents:    {len(counts.failures)}")
    print("names holding:       " + ", ".join(f"{k} {v:,}" for k, v in sorted(held.items())))
    print(f"time:                {seconds:.0f} s; peak memory {peak:.0f} MB")
    for failure in counts.failures[:10]:
        print("  ", failure)
    return 1 if counts.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
