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
3. Undo across processes, for --undo-seconds: this process drives the window's undo stack
   (its Controller: add a task, delete its newest task, Ctrl+Z, Làm lại, at random) while
   --undo-writers command-line processes add tasks and record progress on them. Prints the
   steps, the refused ones (a Vietnamese message; the stack must stay where it was), the
   crashes (an exception out of undo/redo), and the rows the other processes added that are
   missing at the end (lost).
4. Exports aimed at the database: every command-line export (--pdf/--docx/--xlsx of appendix,
   plan-doc, report, evidence, reminders; ics --out; backup --out) written over the database,
   its -wal/-shm/-journal, a backup, a file in the attachments folder and another database
   file. Prints the attempts, the refusals (exit 2) and how many left any file of the
   database's folder changed.

    python bench/bench_concurrency.py --phases undo,exports [--undo-seconds 60] [--undo-writers 2]

--source DIR measures the code in another checkout (the previous version) with these phases.
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
if "--source" in sys.argv:  # measure another checkout (the previous version) with the same phases
    ROOT = Path(sys.argv[sys.argv.index("--source") + 1]).resolve()
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


_UNDO_WRITER = r"""
import contextlib, io, json, sqlite3, sys, time
from cchc_desktop import cli
db, until = sys.argv[1], float(sys.argv[2])
added, failed = [], []
i = 0
while time.time() < until:
    i += 1
    out, err = io.StringIO(), io.StringIO()
    if i % 3 or not added:
        argv = ["--db", db, "task-add", "--plan", "1", "--content", f"Việc của dòng lệnh {i}", "--json"]
    else:  # progress on its own newest task, or on the newest task of all (often the window's)
        target = added[-1]
        if i % 2:
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
                target = conn.execute("SELECT max(id) FROM tasks").fetchone()[0]
        argv = ["--db", db, "progress", str(target), "--state", "doing", "--note", f"lần {i}"]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(argv)
    if code != 0:
        failed.append([code, err.getvalue().strip()[-200:]])
    elif argv[2] == "task-add":
        added.append(json.loads(out.getvalue())["id"])
    time.sleep(0.05)
print(json.dumps({"added": added, "failed": failed}))
"""


def undo_across(folder: Path, seconds: float, loops: int, seed: int = 21) -> None:
    """The window's undo stack (its real Controller and QUndoStack) against other processes."""
    import random

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from cchc_desktop.errors import CchcError
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import Task
    from cchc_desktop.store.store import Store

    try:
        from ui.common.controller import Controller
    except ImportError:  # the layout before the regroup
        from ui.controller import Controller  # type: ignore[no-redef]

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt objects need it
    db = folder / "undo.sqlite3"
    store = Store.open(db)
    plan = load_demo(store)
    appendix = plan.appendices[0].id
    controller = Controller(store)
    refused: list[str] = []
    controller.failed.connect(refused.append)
    crashes: list[str] = []
    hook = sys.excepthook
    sys.excepthook = lambda kind, exc, tb: crashes.append(f"{kind.__name__}: {exc}")
    stack = controller.undo_stack
    until = time.time() + 1.0 + seconds
    procs = [subprocess.Popen([sys.executable, "-c", _UNDO_WRITER, str(db), str(until)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env(folder / "data"))
             for _ in range(loops)]
    rnd = random.Random(seed)
    own: list[int] = []
    steps = {"add": 0, "delete": 0, "undo": 0, "redo": 0}
    stuck_moved = 0
    n = 0
    while time.time() < until:
        n += 1
        action = rnd.choices(["add", "delete", "undo", "redo"], weights=[3, 3, 4, 3])[0]
        before_refusals, index = len(refused), stack.index()
        try:
            if action == "add":
                made = controller.create_task(Task(plan_id=plan.id, appendix_id=appendix, content=f"Việc của cửa sổ {n}"))
                if made is not None:
                    own.append(int(made.id))
            elif action == "delete":
                alive = [t for t in own if store.db.execute("SELECT 1 FROM tasks WHERE id = ?", [t]).fetchone()]
                newest = max(int(r[0]) for r in store.db.execute("SELECT id FROM tasks"))
                target = alive[-1] if alive and rnd.random() < 0.5 else newest
                if target in alive or target <= 14:  # the window deletes only its own or the demo's tasks
                    controller.delete_tasks([target])
                else:
                    continue
            elif action == "undo" and stack.canUndo():
                stack.undo()
            elif action == "redo" and stack.canRedo():
                stack.redo()
            else:
                continue
        except CchcError as exc:
            refused.append(exc.message)
        except Exception as exc:  # noqa: BLE001 - what the officer would see as the crash dialog
            crashes.append(f"{type(exc).__name__}: {exc}")
        steps[action] += 1
        if action in ("undo", "redo") and len(refused) > before_refusals and stack.index() != index:
            stuck_moved += 1
        time.sleep(rnd.uniform(0.0, 0.05))
    sys.excepthook = hook
    added: list[int] = []
    failed: list[list] = []
    for p in procs:
        stdout, stderr = p.communicate()
        if p.returncode != 0:
            failed.append([p.returncode, stderr.strip()[-300:]])
            continue
        data = json.loads(stdout)
        added += data["added"]
        failed += data["failed"]
    present = {int(r[0]) for r in store.db.execute("SELECT id FROM tasks")}
    lost = [t for t in added if t not in present]
    shared = len(set(added) & set(own))
    integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    store.close()
    print(f"undo across processes, {seconds:.0f} s: the window's stack made {sum(steps.values())} steps "
          f"({steps['add']} add, {steps['delete']} delete, {steps['undo']} undo, {steps['redo']} redo); "
          f"{loops} command-line loops added {len(added)} tasks; {len(failed)} commands refused, "
          f"{sum(1 for code, _ in failed if code not in (1, 2))} of them with an unexpected error (exit 3)")
    print(f"  refused steps (message shown): {len(refused)}; refused but the stack moved: {stuck_moved}")
    print(f"  crashes (an exception out of a step): {len(crashes)}")
    for err in list(dict.fromkeys(crashes))[:5]:
        print(f"    {err[:200]}")
    print(f"  ids given to both the window and another process: {shared}")
    print(f"  tasks the other processes added that are gone: {len(lost)}; integrity_check: {integrity}")
    for err in list(dict.fromkeys(err for _, err in failed))[:5]:
        print(f"    {err[:200]}")


_EXPORTS = [
    ["appendix", "1", "--pdf"], ["appendix", "1", "--docx"], ["appendix", "1", "--xlsx"], ["plan-doc", "1", "--pdf"],
    ["report", "--period", "2024", "--pdf"], ["report", "--period", "2024", "--docx"],
    ["report", "--period", "2024", "--xlsx"], ["evidence", "--period", "2024", "--pdf"],
    ["evidence", "--period", "2024", "--xlsx"], ["reminders", "--from", "2024-01-01", "--pdf"], ["ics", "--out"],
    ["backup", "--out"],
]


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def exports_at_database(folder: Path) -> None:
    """Every export aimed at the database and what belongs to it; the folder restored after each."""
    import shutil

    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    home = folder / "exports"
    home.mkdir()
    db = home / "c.sqlite3"
    store = Store.open(db)
    load_demo(store)
    store.close()
    env = _env(folder / "data")
    run = [sys.executable, "-m", "cchc_desktop", "--db", str(db)]
    subprocess.run([*run, "backup"], capture_output=True, env=env, check=True)
    subprocess.run([*run, "plans"], capture_output=True, env=env, check=True)  # no -wal/-shm left by the backup
    (home / "c-attachments").mkdir()
    (home / "c-attachments" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 evidence")
    (other := folder / "khac.sqlite3").write_bytes(db.read_bytes())
    (backup_zip,) = sorted((home / "backups").glob("*.zip"))
    targets = {"database": db, "-wal": Path(f"{db}-wal"), "-shm": Path(f"{db}-shm"), "-journal": Path(f"{db}-journal"),
               "backup": backup_zip, "attachments": home / "c-attachments" / "bien-ban.pdf",
               "another database": other}
    pristine = folder / "pristine"
    shutil.copytree(home, pristine)
    other_bytes = other.read_bytes()
    attempts = refused = changed = crashed = 0
    accepted: list[str] = []
    started = time.perf_counter()
    for args in _EXPORTS:
        aimed = targets
        if args[0] == "backup":  # a backup may replace an older backup: aimed at the rest (as .zip where it can)
            aimed = {"database": db, "attachments": home / "c-attachments" / "x.zip", "another database": other}
        for name, target in aimed.items():
            state = _folder_state(home)
            r = subprocess.run([*run, *args, str(target)], capture_output=True, text=True, encoding="utf-8", env=env)
            attempts += 1
            refused += r.returncode == 2
            crashed += r.returncode not in (0, 1, 2)
            if r.returncode != 2:
                accepted.append(f"{' '.join(args)} -> {name} (exit {r.returncode})")
            if _folder_state(home) != state or other.read_bytes() != other_bytes:
                changed += 1
                shutil.rmtree(home)
                shutil.copytree(pristine, home)
                other.write_bytes(other_bytes)
    print(f"exports aimed at the database: {attempts} attempts ({len(_EXPORTS)} exports, {len(targets)} targets) "
          f"in {time.perf_counter() - started:.0f} s: {refused} refused (exit 2), {crashed} crashed, "
          f"{changed} left a file of the database's folder (or the other database) changed")
    for line in accepted[:20]:
        print(f"    not refused: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--tight", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--starters", type=int, default=8)
    parser.add_argument("--undo-seconds", type=float, default=60)
    parser.add_argument("--undo-writers", type=int, default=2)
    parser.add_argument("--phases", default="writers,first-start,undo,exports",
                        help="which phases to run, comma-separated")
    parser.add_argument("--source", default=None, help="another checkout whose code is measured")
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        folder = Path(tmp)
        if "writers" in phases:
            writers(folder, args.seconds, args.writers, args.tight)
        if "first-start" in phases:
            first_start(folder, args.rounds, args.starters)
        if "undo" in phases:
            undo_across(folder, args.undo_seconds, args.undo_writers)
        if "exports" in phases:
            exports_at_database(folder)


if __name__ == "__main__":
    main()
