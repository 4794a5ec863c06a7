"""Damaged content: random 16-byte flips in a copy of the demo database, then the commands an
officer runs on it. Counts the unexpected errors (exit 3, "Lỗi không mong đợi") and the files
whose damage `check` did not report although a command could not read them.

    python bench/bench_damaged_content.py [--flips 60] [--seed 21] [--source DIR]

Each flip overwrites 16 bytes at a random place past the file header; the commands are
`check --json`, `tasks --json`, `report --period 2024` and `backup`, each run through the
command line's entry point in this process. --source DIR measures the code of another
checkout (the previous version).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--source" in sys.argv:
    ROOT = Path(sys.argv[sys.argv.index("--source") + 1]).resolve()
sys.path.insert(0, str(ROOT))

COMMANDS = (["check", "--json"], ["tasks", "--json"], ["report", "--period", "2024"], ["backup"])


def _run(db: Path, args: list[str]) -> tuple[int, str, str]:
    from cchc_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), *args])
    return code, out.getvalue(), err.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flips", type=int, default=60)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--source", default=None, help="another checkout whose code is measured")
    args = parser.parse_args()
    import os

    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="cchc-bench-damage-") as tmp:
        folder = Path(tmp)
        os.environ["CCHC_DATA_DIR"] = str(folder / "data")
        demo = folder / "demo.sqlite3"
        store = Store.open(demo)
        load_demo(store)
        store.close()
        clean = demo.read_bytes()
        codes: Counter[tuple[str, int]] = Counter()
        unexpected: list[str] = []
        missed = 0
        started = time.perf_counter()
        for i in range(args.flips):
            db = folder / f"flip-{i}" / "cchc.sqlite3"
            db.parent.mkdir()
            data = bytearray(clean)
            at = rnd.randrange(100, len(data) - 16)
            data[at:at + 16] = bytes(rnd.randrange(256) for _ in range(16))
            db.write_bytes(bytes(data))
            check_ok = None
            failed_to_read = False
            for command in COMMANDS:
                code, out, err = _run(db, command)
                codes[(command[0], code)] += 1
                if code not in (0, 1, 2):
                    unexpected.append(f"{command[0]} at byte {at}: {err.strip()[-160:]}")
                if command[0] == "check" and code in (0, 1) and out.strip():
                    check_ok = bool(json.loads(out)["ok"])
                elif command[0] in ("tasks", "report") and code != 0:
                    failed_to_read = True
            if check_ok and failed_to_read:
                missed += 1
        print(f"{args.flips} files with 16 random bytes flipped, {len(COMMANDS)} commands each, "
              f"{time.perf_counter() - started:.0f} s")
        for name in (c[0] for c in COMMANDS):
            counts = ", ".join(f"exit {code}: {n}" for (cmd, code), n in sorted(codes.items()) if cmd == name)
            print(f"  {name}: {counts}")
        print(f"unexpected errors (exit 3): {len(unexpected)}")
        for line in unexpected[:8]:
            print(f"    {line}")
        print(f"files `check` called sound that `tasks` or `report` could not read: {missed}")


if __name__ == "__main__":
    main()
