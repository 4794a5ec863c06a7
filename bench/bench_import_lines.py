"""Benchmark: the recogniser's time against the number of lines, for lines that begin with a
word of a table header ("Nhiệm vụ 1", "Nhiệm vụ 2", ...; the header words in turn) and for
plain prose lines, as pasted text and as a Word file of one paragraph per line. Before the
fix a run of header-word lines was scanned again from each of its lines: 2,000 / 5,000 /
10,000 paragraphs took 27 s / 166 s / over 400 s.

    python bench/bench_import_lines.py [--sizes 2000,5000,10000,50000] [--shapes ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

HEADER_WORDS = ["Nhiệm vụ", "Nội dung", "Cơ quan chủ trì", "Thời gian"]
SHAPES = {
    "nhiem-vu": lambda i: f"Nhiệm vụ {i}",
    "header-words": lambda i: HEADER_WORDS[i % 4],
    "nhiem-vu-long": lambda i: f"Nhiệm vụ: tuyên truyền cải cách hành chính số {i} đến người dân và doanh nghiệp",
    "prose": lambda i: f"Đăng tin, bài về cải cách hành chính số {i} trên Cổng thông tin điện tử",
}


def _docx(path: Path, lines: list[str]) -> Path:
    from xml.sax.saxutils import escape

    import hostile_files as hf

    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines).encode()
    return hf._exact(path, hf.W_HEAD + body + hf.W_TAIL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000,10000,50000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--docx", action="store_true", help="also as .docx (read_document + recognise)")
    args = parser.parse_args()
    from cchc_desktop.errors import ImportFailure
    from cchc_desktop.importer import read_document, read_text, recognize

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'lines':>7} {'shape':<14} {'form':<6} {'read':>8} {'recognise':>10} {'per 1,000 lines':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for n in sizes:
                forms = ["text", "docx"] if args.docx else ["text"]
                for form in forms:
                    m = n if form == "text" else min(n, 49_000)  # a Word body may hold 50,000 paragraphs
                    lines = ["KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025", *(SHAPES[shape](i) for i in range(m))]
                    t0 = time.perf_counter()
                    try:
                        if form == "text":
                            doc = read_text("\n".join(lines))
                        else:
                            doc = read_document(_docx(Path(tmp) / f"{shape}-{m}.docx", lines))
                    except ImportFailure as exc:  # over a size limit of the importer
                        print(f"{m:>7} {shape:<14} {form:<6} refused: {exc.message[:80]}", flush=True)
                        continue
                    t1 = time.perf_counter()
                    recognize(doc)
                    t2 = time.perf_counter()
                    print(f"{m:>7} {shape:<14} {form:<6} {t1 - t0:>7.2f}s {t2 - t1:>9.2f}s {(t2 - t0) / m * 1000:>15.3f}s",
                          flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
