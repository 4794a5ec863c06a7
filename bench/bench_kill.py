"""Kill test: writer processes are killed with SIGKILL at random moments; after each kill the
database must be whole and hold every write the writer reported as committed.

    python bench/bench_kill.py [--kills 120] [--seed 1]

Writers, in turn: adding tasks; recording progress with an attached file (up to 3 MB, so
kills land inside the copy); deleting tasks that have progress and files; making backups
(.zip). A second phase kills restores going back and forth between two backups (`--kills 0`
runs only that phase). A writer prints a line only after its transaction (or its backup file) is complete.
After each kill: PRAGMA quick_check, the open-time checks of the application (Store.open),
every reported task/entry present, every attachment row's file present with its size, no
empty attachment file, every backup .zip readable with a whole database inside. At the end
the orphan sweep removes what the killed copies left and `check` must be clean.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODES = ("tasks", "progress", "delete", "backup")
_CHECKED_ZIPS: set[str] = set()


def writer(db: Path, mode: str, seed: int) -> None:
    from cchc_desktop.store import backup
    from cchc_desktop.store.domain import Task, TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService
    from cchc_desktop.store.store import Store

    rnd = random.Random(seed)
    store = Store.open(db)
    plan = store.plans.list()[0]
    rows = store.tasks.rows()
    appendix = rows[0].task.appendix_id
    src_dir = Path(tempfile.mkdtemp(prefix="kill-src-"))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        if mode == "tasks":
            t = store.tasks.create(Task(plan_id=plan.id, appendix_id=appendix, content=f"Nhiệm vụ {seed}-{n}",
                                        time_frame="Quý II/2024"))
            print(f"task\t{t.id}\t{t.content}", flush=True)
        elif mode == "progress":
            task = rnd.choice(store.tasks.rows()).task
            size = rnd.randrange(1, 3 * 1024 * 1024)
            src = src_dir / f"minh-chung-{n}.pdf"
            src.write_bytes(os.urandom(size))
            e = ProgressService(store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING,
                                                            note=f"lần {seed}-{n}"), files=[src])
            print(f"progress\t{e.id}\t{e.note}\t{size}\t{task.id}\t{task.content}", flush=True)
        elif mode == "delete":
            victims = list(store.db.execute(
                "SELECT DISTINCT t.id, t.content FROM tasks t JOIN progress_entries p ON p.task_id = t.id LIMIT 2"))
            if not victims:
                victims = [(r.task.id, r.task.content) for r in store.tasks.rows()[-2:]]
            store.tasks.delete([v[0] for v in victims])
            for tid, content in victims:
                print(f"deleted\t{tid}\t{content}", flush=True)
        elif mode == "backup":
            info = backup.create_backup(db, kind=backup.MANUAL)
            print(f"backup {info.path.name}", flush=True)
        elif mode == "restore":  # between the two backups named in the environment
            name = os.environ["KILL_BACKUP_A" if n % 2 else "KILL_BACKUP_B"]
            backup.restore(db, Path(name))
            print(f"restored {name}", flush=True)


def verify(db: Path, acked: dict, deleted: set) -> dict:
    from cchc_desktop.store.store import Store
    from cchc_desktop.system import paths

    out: Counter = Counter()
    conn = sqlite3.connect(str(db))
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        out["damaged"] += not ok
        tasks = {(r[0], r[1]) for r in conn.execute("SELECT id, content FROM tasks")}
        entries = {(r[0], r[1]) for r in conn.execute("SELECT id, note FROM progress_entries")}
        rows = list(conn.execute("SELECT a.stored_path, p.id FROM attachments a JOIN progress_entries p "
                                 "ON p.id = a.progress_id"))
    finally:
        conn.close()
    # ids are reused after deletes: a row is known by its id and its (unique) text
    for key in acked["tasks"]:
        out["checked"] += 1
        out["lost"] += key not in tasks and key not in deleted
    for key in deleted:
        out["checked"] += 1
        out["lost"] += key in tasks  # a reported delete that did not happen
    folder = paths.attachments_dir(db)
    sizes = {}
    for stored, pid in rows:
        f = folder / stored
        out["attachment_rows"] += 1
        if not f.is_file():
            out["missing_files"] += 1
        else:
            sizes[pid] = f.stat().st_size
    for key, (size, task_key) in acked["progress"].items():
        out["checked"] += 1
        if key in entries:
            out["bad_file"] += sizes.get(key[0]) != size
        else:
            out["lost"] += task_key not in deleted  # gone only with its task
    out["empty_files"] = sum(1 for p in folder.rglob("*") if p.is_file() and p.stat().st_size == 0) \
        if folder.is_dir() else 0
    out["temp_files"] = sum(1 for p in db.parent.rglob(".cchc-*"))
    for z in (db.parent / "backups").glob("cchc-*.zip"):  # not the .cchc-* temporaries
        out["backups"] += 1
        if z.name in _CHECKED_ZIPS:
            continue  # a finished backup is never written again; each is read once
        _CHECKED_ZIPS.add(z.name)
        try:
            with zipfile.ZipFile(z) as zf:
                bad = zf.testzip() is not None or "cchc.sqlite3" not in zf.namelist()
        except zipfile.BadZipFile:
            bad = True
        out["broken_backups"] += bad
    try:
        Store.open(db).close()
    except Exception:  # noqa: BLE001 - counted, the figure is the point
        out["refused_on_open"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--restore-kills", type=int, default=30, help="kills during restores (second phase)")
    ap.add_argument("--writer", nargs=3, metavar=("DB", "MODE", "SEED"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.writer:
        writer(Path(args.writer[0]), args.writer[1], int(args.writer[2]))
        return
    if not hasattr(signal, "SIGKILL"):
        sys.exit("SIGKILL is needed (Linux or macOS).")
    if args.kills == 0:
        restore_phase(args.restore_kills, random.Random(args.seed))
        return
    from cchc_desktop.store import backup
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="cchc-kill-"))
    os.environ["CCHC_DATA_DIR"] = str(work / "data")
    db = work / "cchc.sqlite3"
    store = Store.open(db)
    load_demo(store)
    store.close()
    session_start = time.time()
    rnd = random.Random(args.seed)
    totals: Counter = Counter()
    acked_total: Counter = Counter()
    deleted: set[tuple[int, str]] = set()
    acked_tasks: set[tuple[int, str]] = set()
    acked_progress: dict[tuple[int, str], tuple[int, tuple[int, str]]] = {}
    started = time.time()
    for i in range(args.kills):
        mode = MODES[i % len(MODES)]
        proc = subprocess.Popen([sys.executable, __file__, "--writer", str(db), mode, str(rnd.randrange(10**9))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first.strip() != "ready":
            raise SystemExit(f"writer failed to start: {first}{proc.stderr.read() if proc.stderr else ''}")
        time.sleep(rnd.uniform(0.02, 1.2))
        proc.send_signal(signal.SIGKILL)
        rest, err = proc.communicate()
        for line in rest.splitlines():
            kind, *vals = line.split("\t") if "\t" in line else line.split()
            acked_total[kind] += 1
            if kind == "task":
                acked_tasks.add((int(vals[0]), vals[1]))
            elif kind == "progress":
                acked_progress[(int(vals[0]), vals[1])] = (int(vals[2]), (int(vals[3]), vals[4]))
            elif kind == "deleted":
                deleted.add((int(vals[0]), vals[1]))
        if err.strip():
            totals["writer_errors"] += 1
            print(f"writer {mode} stderr: {err.strip().splitlines()[-1]}", file=sys.stderr)
        result = verify(db, {"tasks": acked_tasks, "progress": acked_progress}, deleted)
        for key in ("damaged", "lost", "missing_files", "bad_file", "broken_backups", "refused_on_open"):
            totals[key] += result[key]
        last = result
    elapsed = time.time() - started
    first = backup.check_database(db)  # leftovers of the kills apart from damage
    removed = backup.sweep_attachments(db, written_before=time.time() + 1)
    report = backup.check_database(db)
    print(f"kills: {args.kills} ({', '.join(f'{m} {args.kills // 4 + (i < args.kills % 4)}' for i, m in enumerate(MODES))})"
          f" in {elapsed:.0f} s")
    print(f"committed writes reported by the killed writers: {sum(acked_total.values())} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(acked_total.items()))})")
    print(f"checks after the kills (task/entry presence, file sizes): {last['checked']} on the final database, "
          f"repeated after each kill")
    print(f"damaged databases: {totals['damaged']}; refused on open: {totals['refused_on_open']}; "
          f"lost or undone writes: {totals['lost']}")
    print(f"attachment rows without their file: {totals['missing_files']}; wrong size: {totals['bad_file']}; "
          f"empty attachment files at the end: {last['empty_files']}")
    print(f"backup zips: {last['backups']}, unreadable: {totals['broken_backups']}")
    print(f"temporary files left by kills at the end: {last['temp_files']}; files removed by the sweep: {len(removed)}")
    print(f"check before the sweep: {'no damage' if first.ok else 'DAMAGE'}, {first.leftovers} leftovers "
          f"({len(first.orphan_files)} files no row names, {len(first.temporary_files)} temporary files)")
    print(f"check after the sweep: {'no damage' if report.ok else report.as_json()}, {report.leftovers} leftovers "
          f"({len(report.orphan_files)} files no row names, {len(report.temporary_files)} temporary files, "
          "those in backups/ go once an hour old)")
    print(f"work folder: {work} (session started {time.ctime(session_start)})")
    restore_phase(args.restore_kills, rnd)


def restore_phase(kills: int, rnd: random.Random) -> None:
    """Kill restores: the database must be whole and hold one of the two states, never a mix."""
    from cchc_desktop.store import backup
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import Task, TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService
    from cchc_desktop.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="cchc-kill-restore-"))
    db = work / "cchc.sqlite3"
    store = Store.open(db)
    load_demo(store)
    src = work / "minh-chung.pdf"
    for row in store.tasks.rows()[:10]:
        src.write_bytes(os.urandom(1024 * 1024))
        ProgressService(store).record(ProgressEntry(task_id=int(row.task.id), state=TaskStatus.DONE), files=[src])
    a = backup.create_backup(db)
    first = store.tasks.rows()[0].task
    for i in range(5):
        store.tasks.create(Task(plan_id=first.plan_id, appendix_id=first.appendix_id, content=f"Thêm {i}"))
    src.write_bytes(os.urandom(1024 * 1024))  # B has one file more: a database/folder mix shows as a missing file
    ProgressService(store).record(ProgressEntry(task_id=int(first.id), state=TaskStatus.DONE), files=[src])
    b = backup.create_backup(db)
    store.close()
    counts = {14, 19}
    tally: Counter = Counter()
    started = time.time()
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, __file__, "--writer", str(db), "restore", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT), "KILL_BACKUP_A": str(a.path),
                                     "KILL_BACKUP_B": str(b.path)})
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit(proc.stderr.read() if proc.stderr else "writer failed")
        time.sleep(rnd.uniform(0.02, 1.5))
        proc.send_signal(signal.SIGKILL)
        rest, err = proc.communicate()
        tally["restores reported"] += len(rest.splitlines())
        tally["writer errors"] += bool(err.strip())
        conn = sqlite3.connect(str(db))
        try:
            tally["damaged"] += conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
            tally["neither state"] += conn.execute("SELECT count(*) FROM tasks").fetchone()[0] not in counts
        finally:
            conn.close()
        try:
            Store.open(db).close()
        except Exception:  # noqa: BLE001 - counted
            tally["refused on open"] += 1
        report = backup.check_database(db)
        tally["attachment rows without file"] += len(report.missing_files)
    print(f"restore kills: {kills} in {time.time() - started:.0f} s; restores completed before the kills: "
          f"{tally['restores reported']}")
    print(f"damaged: {tally['damaged']}; refused on open: {tally['refused on open']}; database in neither "
          f"backup's state: {tally['neither state']}; attachment rows without their file (summed over checks): "
          f"{tally['attachment rows without file']}; writer errors: {tally['writer errors']}")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
