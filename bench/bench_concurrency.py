"""Several processes on one database: how many commands fail, how many first starts fail.

    python bench/bench_concurrency.py [--seconds 60] [--writers 3] [--tight 2] [--rounds 10] [--starters 8]

1. Concurrent writers on the demo database for --seconds: --writers loops that each start the
   real command line (`python -m cchc_desktop ...`, one process per command, alternately
   `task-add` and `progress`), and --tight loops that call the command line's entry point
   back to back inside one process (no start-up time between writes). Prints the commands
   run and the failures (any non-zero exit code) with the first messages.
2. Concurrent first start: --rounds times, --starters processes open the same new database
   at the same moment (schema creation, default agency registry). Prints the processes run
   and the failures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WRITER = r"""
import contextlib, io, json, subprocess, sys, time
from cchc_desktop import cli
db, until, task_id, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
out = []
i = 0
while time.time() < until:
    i += 1
    if i % 2:
        argv = ["--db", db, "task-add", "--plan", "1", "--content", f"Nhiệm vụ {i}", "--lead", "Sở Nội vụ"]
    else:
        argv = ["--db", db, "progress", task_id, "--state", "doing", "--note", f"lần {i}"]
    if mode == "process":
        r = subprocess.run([sys.executable, "-m", "cchc_desktop", *argv], capture_output=True, text=True,
                           encoding="utf-8")
        out.append([r.returncode, r.stderr.strip()])
    else:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(argv)
        out.append([code, err.getvalue().strip()])
print(json.dumps(out))
"""

_OPENER = r"""
import sys, time
from cchc_desktop.store.store import Store
db, start = sys.argv[1], float(sys.argv[2])
while time.time() < start:
    time.sleep(0.0005)
try:
    Store.open(db).close()
    print("ok")
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CCHC_DATA_DIR"] = str(data)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def writers(folder: Path, seconds: float, loops: int, tight: int) -> None:
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    db = folder / "writers.sqlite3"
    store = Store.open(db)
    plan = load_demo(store)
    task_id = store.tasks.tasks_of_plan(int(plan.id))[0].id  # type: ignore[arg-type]
    store.close()
    until = time.time() + 1.0 + seconds
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(until), str(task_id), mode],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                         env=_env(folder / "data"))
        for mode in ["process"] * loops + ["tight"] * tight
    ]
    results: dict[str, list[list]] = {"process": [], "tight": []}
    for i, p in enumerate(procs):
        stdout, stderr = p.communicate()
        kind = "process" if i < loops else "tight"
        if p.returncode != 0:
            results[kind].append([p.returncode, stderr.strip()[-300:]])
            continue
        results[kind].extend(json.loads(stdout))
    print(f"concurrent writers, {seconds:.0f} s on one database:")
    for kind, label in (("process", f"{loops} loops starting a command-line process per command"),
                        ("tight", f"{tight} tight loops inside one process each")):
        rows = results[kind]
        failed = [err for code, err in rows if code != 0]
        share = 100 * len(failed) / len(rows) if rows else 0.0
        print(f"  {label}: {len(rows):,} commands, {len(failed)} failed ({share:.2f} %)")
        for err in dict.fromkeys(failed[:50]):
            print(f"    {err[:200]}")


def first_start(folder: Path, rounds: int, starters: int) -> None:
    failures: list[str] = []
    total = 0
    for r in range(rounds):
        db = folder / f"new-{r}.sqlite3"
        start = time.time() + 1.5
        procs = [
            subprocess.Popen([sys.executable, "-c", _OPENER, str(db), str(start)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env(folder / "data"))
            for _ in range(starters)
        ]
        for p in procs:
            stdout, stderr = p.communicate()
            total += 1
            if p.returncode != 0 or stdout.strip() != "ok":
                failures.append((stdout.strip() or stderr.strip())[-200:])
    share = 100 * len(failures) / total if total else 0.0
    print(f"concurrent first start: {rounds} new databases x {starters} processes at once: "
          f"{total} processes, {len(failures)} failed ({share:.1f} %)")
    for err in dict.fromkeys(failures):
        print(f"    {err}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--tight", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--starters", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        folder = Path(tmp)
        writers(folder, args.seconds, args.writers, args.tight)
        first_start(folder, args.rounds, args.starters)


if __name__ == "__main__":
    main()
