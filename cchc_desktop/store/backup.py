"""Backups, restore and the integrity check of a database with its attachments folder.

A backup is one .zip in `backups/` beside the database: `cchc.sqlite3` (a consistent copy
made with SQLite's backup API while the database stays in use, checked with quick_check
before it is kept), every file of the attachments folder under `attachments/`, and
`manifest.json`. Names say whose, when and why: `<stem>-20250131-170502-tu-dong.zip`.

- automatic (`tu-dong`): at the first start of each day and when the window closes; the
  newest of each of the last 7 days and of each of the last 8 weeks are kept;
- made by the officer (`thu-cong`): never removed by the rotation;
- kept before a restore (`truoc-khoi-phuc`): the newest `KEEP_BEFORE_RESTORE` are kept;
- before a schema upgrade `db.py` keeps a plain copy (`<stem>-truoc-nang-cap-...sqlite3`).

A restore checks the file first (a readable zip, a whole database, one of ours, not from a
newer version; no member larger than its limit, by the zip directory and again while it is
extracted through a stream that stops at the limit, so a decompression bomb or a directory
that lies writes no more than the limit), keeps the current database and folder as a
`truoc-khoi-phuc` backup, puts the backup's files into the attachments folder beside the current ones, switches the
database — through SQLite's backup API when the current file is sound (other connections see
the restored data at once), by replacing the file when it is damaged — and only then removes
the files the restored database does not name. Interrupted at any point, the database in
place is one of the two states and finds all its files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cchc_desktop import __version__
from cchc_desktop.errors import (
    DatabaseBusyError,
    DatabaseDamaged,
    ForeignDatabase,
    StorageError,
    ValidationError,
    is_busy,
    os_error_text,
)
from cchc_desktop.store import attachments, integrity
from cchc_desktop.system import archives, paths

AUTO = "tu-dong"
MANUAL = "thu-cong"
BEFORE_RESTORE = "truoc-khoi-phuc"
BEFORE_UPGRADE = "truoc-nang-cap"
KIND_LABELS = {
    AUTO: "Tự động",
    MANUAL: "Sao lưu thủ công",
    BEFORE_RESTORE: "Trước khi khôi phục",
    BEFORE_UPGRADE: "Trước khi nâng cấp",
}
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_BEFORE_RESTORE = 5  # the states kept before the last five restores
MAX_RESTORE_DATABASE_BYTES = 1024 * 1024 * 1024  # the 50,000-task database of the benchmarks is 36 MB
MAX_RESTORE_MEMBERS = 200_000
MAX_RESTORE_RATIO = 200  # inflated / file size, once over RATIO_FROM: our backups store pictures and PDFs as they are
RATIO_FROM = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
DB_ENTRY = "cchc.sqlite3"
ATTACHMENTS_ENTRY = "attachments/"
MANIFEST_ENTRY = "manifest.json"
# Already compressed: stored as they are in the zip.
_STORED_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".gif", ".zip", ".docx", ".xlsx", ".pptx", ".mp4",
                              ".mp3", ".rar", ".7z", ".webp", ".heic", ".odt", ".ods"})


@dataclass(frozen=True)
class BackupInfo:
    """One backup file of the database: where it is, when and why it was made, its size."""
    path: Path
    created: dt.datetime
    kind: str
    size: int

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_json(self) -> dict:
        return {"file": str(self.path), "created": self.created.isoformat(timespec="seconds"), "kind": self.kind,
                "size": self.size}


def backups_dir(db_path: Path) -> Path:
    return paths.backup_dir(Path(db_path))


def _pattern(stem: str) -> re.Pattern[str]:
    kinds = "|".join(re.escape(k) for k in (AUTO, MANUAL, BEFORE_RESTORE))
    return re.compile(
        rf"^{re.escape(stem)}-(?:(?P<stamp>\d{{8}}-\d{{6}})-(?P<kind>{kinds})(?:-\d+)?\.zip"
        rf"|{BEFORE_UPGRADE}-(?P<ustamp>\d{{8}}-\d{{6}})\.[A-Za-z0-9]+)$"
    )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at `db_path`, newest first."""
    db_path = Path(db_path)
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path.stem)
    out: list[BackupInfo] = []
    for p in folder.iterdir():
        m = pattern.match(p.name)
        if not m or not p.is_file():
            continue
        stamp, kind = (m["stamp"], m["kind"]) if m["stamp"] else (m["ustamp"], BEFORE_UPGRADE)
        try:
            created = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(BackupInfo(p, created, kind, size))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def _target(db_path: Path, kind: str, now: dt.datetime) -> Path:
    folder = backups_dir(db_path)
    base = f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{kind}"
    target, n = folder / f"{base}.zip", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.zip"
    return target


@contextlib.contextmanager
def _temporary(folder: Path, suffix: str) -> Iterator[Path]:
    fd, name = tempfile.mkstemp(prefix=".cchc-", suffix=suffix, dir=folder)
    os.close(fd)
    try:
        yield Path(name)
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(name + extra)


def _copy_database(db_path: Path, target: Path) -> None:
    """A consistent copy of the live database through SQLite's backup API (readers and writers
    of other processes go on; the copy is of one committed state)."""
    source = sqlite3.connect(integrity.read_only_uri(db_path), uri=True)
    try:
        source.execute("PRAGMA busy_timeout = 10000")
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a self-contained file, no -wal needed
        finally:
            dest.close()
    finally:
        source.close()


def _verify_copy(path: Path, origin: Path | str) -> list[str]:
    """Raise unless `path` is a whole database of ours; returns its applied migrations."""
    try:
        conn = sqlite3.connect(integrity.read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseDamaged(integrity.damaged_message(origin, str(exc)), origin) from exc
    try:
        integrity.check_before_use(conn, origin)
        applied = integrity.applied_migrations(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DatabaseDamaged(integrity.damaged_message(origin, str(exc)), origin) from exc
    finally:
        conn.close()
    if not applied:
        raise ForeignDatabase(f"«{origin}» không chứa dữ liệu của CCHC Desktop.")
    return applied


def _zip_into(target: Path, database: Path | None, folder: Path, manifest: dict,
              raw_files: list[Path] = ()) -> None:  # type: ignore[assignment]
    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            if database is not None:
                zf.write(database, DB_ENTRY)
            for extra in raw_files:
                zf.write(extra, f"tep-goc/{extra.name}")
            count = 0
            if folder.is_dir():
                for p in sorted(folder.rglob("*")):
                    if not p.is_file() or p.is_symlink() or p.name.startswith(attachments.TEMP_PREFIX):
                        continue
                    rel = p.relative_to(folder).as_posix()
                    method = zipfile.ZIP_STORED if p.suffix.lower() in _STORED_SUFFIXES else zipfile.ZIP_DEFLATED
                    zf.write(p, ATTACHMENTS_ENTRY + rel, compress_type=method)
                    count += 1
            manifest["attachments"] = count
            zf.writestr(MANIFEST_ENTRY, json.dumps(manifest, ensure_ascii=False, indent=2))

    from cchc_desktop.system.files import write_atomically

    write_atomically(target, write, backup=True)


def _attachments_folder(db_path: Path) -> Path:
    return paths.attachments_dir(Path(db_path))


def create_backup(db_path: Path, *, out: Path | None = None, kind: str = MANUAL,
                  now: dt.datetime | None = None) -> BackupInfo:
    """Back up the database at `db_path` and its attachments folder into one .zip (in
    `backups/` unless `out` names the file). Refuses, writing nothing, if the copy is not whole."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise StorageError(f"Không có cơ sở dữ liệu «{db_path}» để sao lưu.")
    now = now or dt.datetime.now()
    target = Path(out) if out is not None else _target(db_path, kind, now)
    if out is not None and target.suffix.lower() != ".zip":
        raise ValidationError("Tệp sao lưu phải có đuôi .zip.")
    from cchc_desktop.system.files import check_output, protect_database

    protect_database(db_path)  # the backup goes neither over it nor into its attachments folder
    check_output(target, backup=True)
    try:
        if not integrity.is_open_in_process(db_path):
            if integrity.file_head(db_path) != integrity.SQLITE_HEADER:
                raise DatabaseDamaged(integrity.damaged_message(db_path, "file is not a database"), db_path)
            integrity.look_before_open(db_path)  # another program's file: refused, untouched
        with _temporary(backups_dir(db_path), ".sqlite3") as copy:
            _copy_database(db_path, copy)
            _verify_copy(copy, db_path)
            manifest = {"app": "CCHC Desktop", "version": __version__, "created": now.isoformat(timespec="seconds"),
                        "kind": kind, "database": db_path.name}
            _zip_into(target, copy, _attachments_folder(db_path), manifest)
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise StorageError(DatabaseBusyError.MESSAGE) from exc
        if integrity.looks_damaged(exc):
            raise DatabaseDamaged(integrity.damaged_message(db_path, str(exc)), db_path) from exc
        raise StorageError(f"Không sao lưu được «{db_path}»: {exc}") from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # not a database, or damaged past what SQLite can copy
        raise DatabaseDamaged(integrity.damaged_message(db_path, str(exc)), db_path) from exc
    except OSError as exc:
        raise StorageError(f"Không ghi được bản sao lưu «{target}»: {os_error_text(exc)}.") from exc
    return BackupInfo(target, now.replace(microsecond=0), kind, target.stat().st_size)


def _raw_backup(db_path: Path, now: dt.datetime) -> BackupInfo:
    """Keep a file that cannot be copied through SQLite (damaged) as it is, byte for byte."""
    target = _target(db_path, BEFORE_RESTORE, now)
    raw = [p for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-journal")) if p.is_file()]
    manifest = {"app": "CCHC Desktop", "version": __version__, "created": now.isoformat(timespec="seconds"),
                "kind": BEFORE_RESTORE, "database": db_path.name, "damaged": True}
    _zip_into(target, None, _attachments_folder(db_path), manifest, raw)
    return BackupInfo(target, now.replace(microsecond=0), BEFORE_RESTORE, target.stat().st_size)


# --------------------------------------------------------------------------- rotation


def auto_backup_due(db_path: Path, today: dt.date | None = None) -> bool:
    """No automatic backup has been made today (the first start of the day makes one)."""
    today = today or dt.date.today()
    return not any(b.kind == AUTO and b.created.date() == today for b in list_backups(db_path))


def auto_backup(db_path: Path, now: dt.datetime | None = None) -> BackupInfo:
    """Make an automatic backup, then rotate the automatic ones."""
    info = create_backup(db_path, kind=AUTO, now=now)
    prune(db_path)
    return info


def remove_stale_temporaries(db_path: Path, older_than: float = 3600.0) -> int:
    """Remove what an interrupted backup or restore left (`.cchc-*` in `backups/`, restore work
    folders beside the database) once it is older than `older_than` seconds: a backup or
    restore running now in another process is younger."""
    import time

    limit = time.time() - older_than
    db_path = Path(db_path)
    candidates = [*(db_path.parent / "backups").glob(".cchc-*"), *db_path.parent.glob(".cchc-khoi-phuc-*"),
                  *db_path.parent.glob(".cchc-kiem-tra-*")]
    removed = 0
    for p in candidates:
        try:
            if p.lstat().st_mtime >= limit:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def prune(db_path: Path, keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Keep the newest automatic backup of each of the last `keep_daily` days and of each of the
    last `keep_weekly` ISO weeks that have one; remove the other automatic backups (and the
    stale leftovers of interrupted backups)."""
    remove_stale_temporaries(db_path)
    autos = [b for b in list_backups(db_path) if b.kind == AUTO]  # newest first
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for b in autos:
        day = b.created.date()
        week = tuple(day.isocalendar())[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)  # type: ignore[arg-type]
            keep.add(b.path)
    removed = []
    for b in autos:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


# --------------------------------------------------------------------------- restore


@dataclass
class CheckedBackup:
    """A backup file that passed every check, extracted beside the database."""

    database: Path
    attachments: Path | None  # the extracted folder; None: the backup carries no folder
    manifest: dict = field(default_factory=dict)


def _safe_member(name: str) -> bool:
    return attachments.unsafe_reason(name) is None and not name.startswith("/")


def verify_backup(source: Path, work: Path) -> CheckedBackup:
    """Check `source` (a .zip made by `create_backup`, or a plain database copy) and extract it
    into the folder `work`. Raises a CchcError in Vietnamese for anything wrong."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Không tìm thấy tệp sao lưu «{source}».")
    with open(source, "rb") as fh:
        head = fh.read(16)
    if head == b"SQLite format 3\x00":
        database = work / DB_ENTRY
        shutil.copyfile(source, database)
        _refuse_newer(_verify_copy(database, source))
        return CheckedBackup(database, None, {})
    if not zipfile.is_zipfile(source):
        raise ValidationError(f"«{source.name}» không phải bản sao lưu của CCHC Desktop (không phải tệp .zip).")
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if DB_ENTRY not in names:
                raise ValidationError(f"«{source.name}» không chứa cơ sở dữ liệu (thiếu {DB_ENTRY}).")
            bad = [n for n in names if not _safe_member(n)]
            if bad:
                raise ValidationError(f"«{source.name}» chứa đường dẫn không hợp lệ: {bad[0]}.")
            _check_sizes(source, infos)
            needed = sum(i.file_size for i in infos)
            free = shutil.disk_usage(work).free
            if needed > free * 0.9:
                raise ValidationError(f"Không đủ chỗ trống trên ổ đĩa để khôi phục «{source.name}» "
                                      f"(cần {needed // (1024 * 1024)} MB, còn {free // (1024 * 1024)} MB).")
            # Every member is inflated through a stream that stops at its limit and checks its
            # checksum at the end (what testzip did, in the same pass as the extraction).
            manifest: dict = {}
            if MANIFEST_ENTRY in names:
                text = io.BytesIO()
                archives.copy_member(zf, zf.getinfo(MANIFEST_ENTRY), text, MAX_MANIFEST_BYTES)
                with contextlib.suppress(ValueError):
                    manifest = json.loads(text.getvalue().decode("utf-8"))
            database = work / DB_ENTRY
            with open(database, "wb") as out:
                archives.copy_member(zf, zf.getinfo(DB_ENTRY), out, MAX_RESTORE_DATABASE_BYTES)
            folder = work / "attachments"
            folder.mkdir()
            for info in infos:
                name = info.filename
                if not name.startswith(ATTACHMENTS_ENTRY) or name.endswith("/"):
                    continue
                target = folder / PurePosixPath(name[len(ATTACHMENTS_ENTRY):])
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    archives.copy_member(zf, info, out, attachments.MAX_ATTACHMENT_BYTES)
    except archives.ArchiveRefused as exc:
        raise ValidationError(f"«{source.name}» không khôi phục được: {exc.reason}. Bản sao lưu bị hỏng hoặc "
                              "không phải do CCHC Desktop tạo ra; không có gì bị thay đổi.") from exc
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ValidationError(f"«{source.name}» bị hỏng: {exc}.") from exc
    _refuse_newer(_verify_copy(database, source))
    return CheckedBackup(database, folder, manifest)


def _check_sizes(source: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, by the zip directory and before anything is inflated, a backup with too many
    members, a database or an attached file over its limit, or one that would inflate to more
    than MAX_RESTORE_RATIO times its own size (a decompression bomb: a backup of this program
    stores pictures and PDFs as they are and deflates the rest a few times at most)."""
    what = f"«{source.name}» không khôi phục được"
    if len(infos) > MAX_RESTORE_MEMBERS:
        raise ValidationError(f"{what}: có {len(infos):,} tệp bên trong (giới hạn {MAX_RESTORE_MEMBERS:,}).".replace(",", "."))
    try:
        for info in infos:
            if info.filename == DB_ENTRY:
                archives.check_member(info, MAX_RESTORE_DATABASE_BYTES)
            elif info.filename.startswith(ATTACHMENTS_ENTRY) and not info.filename.endswith("/"):
                archives.check_member(info, attachments.MAX_ATTACHMENT_BYTES)
    except archives.ArchiveRefused as exc:
        raise ValidationError(f"{what}: {exc.reason}; mỗi tệp đính kèm tối đa {attachments.MAX_ATTACHMENT_LABEL}, "
                              f"cơ sở dữ liệu tối đa {MAX_RESTORE_DATABASE_BYTES // (1024 * 1024 * 1024)} GB. "
                              "Không có gì bị thay đổi.") from exc
    inflated = sum(i.file_size for i in infos)
    size = max(source.stat().st_size, 1)
    if inflated > RATIO_FROM and inflated > MAX_RESTORE_RATIO * size:
        mb, gb = f"{size / 1024 / 1024:.1f}".replace(".", ","), f"{inflated / 1024 ** 3:.1f}".replace(".", ",")
        raise ValidationError(f"{what}: tệp {mb} MB giải nén ra {gb} GB, không phải bản sao lưu thật (có thể được "
                              "tạo để phá chương trình). Không có gì bị thay đổi.")


def _refuse_newer(applied: list[str]) -> None:
    from cchc_desktop.store.db import known_migration_names

    if set(applied) - set(known_migration_names()):
        raise ValidationError("Bản sao lưu do phiên bản mới hơn của CCHC Desktop tạo ra. Hãy cập nhật phần mềm trước.")


def _is_sound(db_path: Path) -> bool:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(integrity.read_only_uri(db_path), uri=True)
    except sqlite3.Error:
        return False
    try:
        integrity.check_before_use(conn, db_path)
        return bool(integrity.applied_migrations(conn))
    except (sqlite3.Error, StorageError):
        return False
    finally:
        conn.close()


def restore(db_path: Path, source: Path, now: dt.datetime | None = None) -> BackupInfo | None:
    """Replace the database at `db_path` (and its attachments folder) with the backup `source`,
    after checking it; the current state is kept first as a `truoc-khoi-phuc` backup, which is
    returned (None when there was no database yet)."""
    db_path = Path(db_path)
    now = now or dt.datetime.now()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".cchc-khoi-phuc-", dir=db_path.parent))
    try:
        checked = verify_backup(Path(source), work)
        folder = _attachments_folder(db_path)
        kept: BackupInfo | None = None
        sound = _is_sound(db_path)
        if sound:
            kept = create_backup(db_path, kind=BEFORE_RESTORE, now=now)
        elif db_path.is_file() and db_path.stat().st_size:
            kept = _raw_backup(db_path, now)
        names = _merge_folder(checked.attachments, folder) if checked.attachments is not None else None
        if sound:
            _copy_into_live(checked.database, db_path)
        else:
            for extra in ("-wal", "-shm", "-journal"):  # belonged to the damaged file; kept above
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{db_path}{extra}")
            os.replace(checked.database, db_path)
        if names is not None:
            _drop_others(folder, names)
        prune_before_restore(db_path)
        return kept
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise StorageError(DatabaseBusyError.MESSAGE) from exc
        raise StorageError(f"Không khôi phục được: {exc}") from exc
    except OSError as exc:
        raise StorageError(f"Không khôi phục được: {os_error_text(exc)}.") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prune_before_restore(db_path: Path, keep: int = KEEP_BEFORE_RESTORE) -> list[Path]:
    """Keep the newest `keep` backups made before a restore; remove the older ones."""
    kept = [b for b in list_backups(db_path) if b.kind == BEFORE_RESTORE]  # newest first
    removed = []
    for b in kept[keep:]:
        with contextlib.suppress(OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def _copy_into_live(source: Path, db_path: Path) -> None:
    src = sqlite3.connect(str(source))
    try:
        dest = sqlite3.connect(str(db_path))
        try:
            dest.execute("PRAGMA busy_timeout = 10000")
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def _merge_folder(new: Path, folder: Path) -> set[str]:
    """Put the backup's files into the attachments folder beside the current ones (a file of
    the same name with other bytes is replaced in one step); returns the backup's file names.
    Done before the database is switched, so that whichever database a kill leaves in place
    finds every file it names."""
    names: set[str] = set()
    for src in sorted(p for p in new.rglob("*") if p.is_file()):
        rel = src.relative_to(new).as_posix()
        names.add(rel)
        target = folder / rel
        if target.is_file() and filecmp.cmp(src, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.parent / f"{attachments.TEMP_PREFIX}{target.name}.tmp"
        shutil.copyfile(src, staged)
        os.replace(staged, target)
    return names


def _drop_others(folder: Path, keep: set[str]) -> None:
    """After the switch: remove the files the restored database does not have (they are in
    the `truoc-khoi-phuc` backup), then the emptied folders."""
    if not folder.is_dir():
        return
    for p in sorted(folder.rglob("*"), key=lambda x: len(x.parts), reverse=True):
        with contextlib.suppress(OSError):
            if p.is_dir() and not p.is_symlink():
                p.rmdir()  # only when empty
            elif p.relative_to(folder).as_posix() not in keep:
                p.unlink()


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes `verify_backup` (checked one by one, newest first)."""
    for info in list_backups(db_path):
        work = Path(tempfile.mkdtemp(prefix=".cchc-kiem-tra-", dir=Path(db_path).parent))
        try:
            verify_backup(info.path, work)
            return info
        except (StorageError, ValidationError, OSError, sqlite3.Error):
            continue
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return None


# --------------------------------------------------------------------------- check


LEFTOVER_AGE_SECONDS = 30 * 60
"""A temporary file or an attachment no row names is a leftover, not a write in progress, once
it is this old: a copy of the largest attachment and the transaction that names it take seconds."""


@dataclass
class CheckReport:
    """What the check of a database and its attachment folder found."""
    database: Path
    attachments_dir: Path
    integrity: list[str] = field(default_factory=list)  # empty: whole
    foreign_keys: list[dict] = field(default_factory=list)
    missing_files: list[dict] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)
    unsafe_paths: list[dict] = field(default_factory=list)
    damaged_rows: list[dict] = field(default_factory=list)  # text cells that are not UTF-8
    temporary_files: list[str] = field(default_factory=list)  # .cchc-* left by interrupted writes

    @property
    def ok(self) -> bool:
        """No damage. Leftovers of interrupted writes (temporary files, attachment copies whose
        row was never committed or whose row was deleted) are not damage: `sweep_leftovers`."""
        return not (self.integrity or self.foreign_keys or self.missing_files or self.unsafe_paths
                    or self.damaged_rows)

    @property
    def leftovers(self) -> int:
        return len(self.orphan_files) + len(self.temporary_files)

    def as_json(self) -> dict:
        return {
            "database": str(self.database), "ok": self.ok,
            "integrity": "ok" if not self.integrity else self.integrity,
            "foreign_keys": self.foreign_keys,
            "damaged_rows": self.damaged_rows,
            "attachments_dir": str(self.attachments_dir),
            "missing_files": self.missing_files, "orphan_files": self.orphan_files,
            "unsafe_paths": self.unsafe_paths,
            "temporary_files": self.temporary_files, "leftovers": self.leftovers,
        }


def _temporaries(db_path: Path) -> list[Path]:
    """What interrupted writes leave: `.cchc-*` beside the database (exports, restore work
    folders), in `backups/` and in the attachments folder (copies cut short)."""
    folder = _attachments_folder(db_path)
    found = [*db_path.parent.glob(".cchc-*"), *(db_path.parent / "backups").glob(".cchc-*")]
    if folder.is_dir():
        found += [p for p in folder.rglob(attachments.TEMP_PREFIX + "*") if not p.is_symlink()]
    return sorted(set(found))


def _relative(db_path: Path, path: Path) -> str:
    try:
        return path.relative_to(db_path.parent).as_posix()
    except ValueError:
        return str(path)


def check_database(db_path: Path) -> CheckReport:
    """Integrity (full `integrity_check`), every text cell read as bytes, foreign keys and the
    attachments folder, read-only; leftovers of interrupted writes are listed apart from damage."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StorageError(f"Không tìm thấy cơ sở dữ liệu «{db_path}».")
    if integrity.file_head(db_path) != integrity.SQLITE_HEADER:
        raise StorageError(f"Tệp «{db_path}» không phải cơ sở dữ liệu của CCHC Desktop.")
    if not integrity.is_open_in_process(db_path):
        integrity.look_before_open(db_path)  # another program's file: refused, untouched
    folder = _attachments_folder(db_path)
    report = CheckReport(db_path, folder)
    temporaries = _temporaries(db_path)
    report.temporary_files = [_relative(db_path, p) for p in temporaries]
    conn = sqlite3.connect(integrity.read_only_uri(db_path), uri=True)
    try:
        try:
            if integrity.is_foreign(conn):
                raise ForeignDatabase(integrity.foreign_message(db_path))
            report.integrity = integrity.quick_check(conn, full=True)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            report.integrity = [str(exc)]
            return report
        try:
            report.damaged_rows = integrity.damaged_rows(conn)
            report.foreign_keys = [
                {"table": r[0], "rowid": r[1], "parent": r[2]} for r in conn.execute("PRAGMA foreign_key_check")
            ]
            conn.text_factory = integrity.decode_text
            rows = attachments.stored_rows(conn)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            report.integrity = report.integrity or [str(exc)]
            return report
    finally:
        conn.close()
    legacy = paths.data_dir() / "attachments"
    scanned = attachments.scan(folder, rows, legacy if legacy != folder else None)
    report.missing_files, report.unsafe_paths = scanned.missing, scanned.unsafe
    report.orphan_files = [rel for rel in scanned.orphans
                           if not PurePosixPath(rel).name.startswith(attachments.TEMP_PREFIX)]
    return report


def sweep_attachments(db_path: Path, written_before: float) -> list[str]:
    """Remove the files of deleted rows (`attachments.sweep`) of the database at `db_path`;
    nothing when the rows cannot be read in full (a damaged file names files it cannot show)."""
    conn = sqlite3.connect(integrity.read_only_uri(db_path), uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if integrity.quick_check(conn):
            return []
        rows = attachments.stored_rows(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return []
    finally:
        conn.close()
    return attachments.sweep(_attachments_folder(db_path), rows, written_before)
