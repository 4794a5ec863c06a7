"""Benchmark: generated texts through every PDF renderer (appendix, whole plan, reminder list,
report, evidence list): all Unicode planes, controls, markup and texts taller than a page.

Runs the property tests of tests/documents/render/test_render_fuzz.py with N examples per renderer
(random, not the suite's fixed seed) and prints, per renderer, the examples run, the
failures and the time. Any failure is printed with hypothesis's smallest example.

    python bench/bench_fuzz_pdf.py [N]        (default 2000 per renderer, 10,000 renders in all)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDERERS = ("appendix", "whole_plan", "reminder_list", "report", "evidence_list")


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    env = {**os.environ, "CCHC_FUZZ_EXAMPLES": str(examples), "QT_QPA_PLATFORM": "offscreen"}
    failed = 0
    print(f"{'renderer':<16}{'examples':>10}{'result':>10}{'seconds':>10}")
    for name in RENDERERS:
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "tests/documents/render/test_render_fuzz.py", "-k", f"test_{name}_takes_any_text",
                              "--hypothesis-seed", str(int(time.time()))],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        ok = run.returncode == 0
        failed += not ok
        print(f"{name:<16}{examples:>10}{'ok' if ok else 'FAILED':>10}{seconds:>10.0f}")
        if not ok:
            print(run.stdout[-6000:])
    print(f"{len(RENDERERS) * examples} renders, {failed} renderer(s) failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
