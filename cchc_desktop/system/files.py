"""Writing the files the officer asks for (PDF, Word, Excel, .ics): through a temporary file
in the same folder, so that a failure leaves neither a half file nor a damaged old one, and
with a Vietnamese message instead of an OSError. Temporary files left behind by a program
that was killed mid-write (`.cchc-*`, older than `STALE_TEMP_SECONDS`) are removed at the
next write into that folder."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.errors import StorageError, ValidationError, os_error_text
from cchc_desktop.system.diskfull import disk_full_message

TEMP_PREFIX = ".cchc-"
STALE_TEMP_SECONDS = 30 * 60  # far longer than any export takes
_TEMP_NAME = re.compile(r"^\.cchc-[A-Za-z0-9_]{8}(\.[A-Za-z0-9]{1,8})?$")  # what mkstemp makes below


def sweep_stale_temp_files(folder: Path, *, now: float | None = None) -> int:
    """Remove this program's temporary files in `folder` older than STALE_TEMP_SECONDS; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX) or not _TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # in use (Windows) or gone: try again next time
    return removed


def _failure(path: Path, exc: OSError) -> StorageError:
    message = disk_full_message(exc, f"tệp «{path}»")
    return StorageError(message or f"Không ghi được tệp «{path}»: {os_error_text(exc)}.")
FILE_IN_USE = "Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại"


def write_atomically(path: str | Path, write: Callable[[str], object], *, backup: bool = False) -> None:
    """Call `write(temporary path)`, then put the result at `path` in one step; a path no
    document may take (`check_output`: the database, its journals, a backup, the attachments
    folder) is refused first, with nothing written. `backup`: the file is a backup."""
    path = Path(path)
    check_output(path, backup=backup)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise StorageError(f"Thư mục «{folder}» không tồn tại.")
    sweep_stale_temp_files(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise _failure(path, exc) from None
    os.close(fd)
    try:
        write(tmp)
        _give_mode(tmp, path)
        try:
            os.replace(tmp, path)
        except PermissionError:
            # Windows refuses to replace a file Word or Excel holds open; the old file stays as it was.
            raise StorageError(f"{FILE_IN_USE} («{path}»).") from None
    except OSError as exc:
        raise _failure(path, exc) from None
    except Exception as exc:
        message = disk_full_message(exc, f"tệp «{path}»")  # a library's own error around a full disk
        if message:
            raise StorageError(message) from None
        raise
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _give_mode(tmp: str, path: Path) -> None:
    """The temporary file is private (0600); the document gets the mode of the file it replaces,
    else the user's normal mode for a new file (0666 less the umask), readable on a shared folder."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)


# --------------------------------------------------------------------------- where no document may go

_databases: set[str] = set()


def protect_database(db_path: str | os.PathLike[str]) -> None:
    """Remember a database this process opened: no document is written over it, its journals,
    its backups or into its attachments folder (see `output_refusal`)."""
    _databases.add(os.path.abspath(db_path))


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        if os.path.samefile(a, b):  # hard links and links too
            return True
    except OSError:
        pass
    return _key(a) == _key(b)


def _inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    real, root = _key(path), _key(folder)
    try:
        return os.path.commonpath([real, root]) == root
    except ValueError:  # another drive
        return False


def _what_it_holds(path: Path) -> str | None:
    """An existing file that is a database or one of this program's backups (read as bytes)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if head == b"SQLite format 3\x00":
        return "tệp này là một cơ sở dữ liệu"
    if head[:4] == b"PK\x03\x04":
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
        if "manifest.json" in names and ("cchc.sqlite3" in names or any(n.startswith("tep-goc/") for n in names)):
            return "tệp này là một bản sao lưu"
    return None


def _attachment_folders(db: Path) -> list[Path]:
    """`paths.attachments_dir` of the database, worked out without touching the disk: the default
    database (`cchc.sqlite3` in the data folder) keeps its files in `attachments` beside it."""
    folders = [db.parent / f"{db.stem}-attachments"]
    if db.name == "cchc.sqlite3":
        folders.append(db.parent / "attachments")
    return folders


def output_refusal(target: str | os.PathLike[str], *, backup: bool = False) -> str | None:
    """Why no document may be written at `target`, in Vietnamese (None when it may): the
    database of this process or its -wal/-shm/-journal, a file inside its attachments or backups
    folder, an existing database or backup anywhere. `backup`: a backup being written, which
    belongs in the backups folder and may replace an older backup file of the same name."""
    target = Path(os.path.abspath(target))
    for db in sorted(_databases):
        for suffix, what in (("", "cơ sở dữ liệu đang dùng"), ("-wal", "tệp nhật ký (-wal) của cơ sở dữ liệu"),
                             ("-shm", "tệp chỉ mục nhật ký (-shm) của cơ sở dữ liệu"),
                             ("-journal", "tệp nhật ký (-journal) của cơ sở dữ liệu")):
            if _same_file(target, db + suffix):
                return f"tệp này là {what}"
        for folder in _attachment_folders(Path(db)):
            if _inside(target, folder):
                return f"tệp nằm trong thư mục tệp đính kèm «{folder}» của cơ sở dữ liệu"
        backups = Path(db).parent / "backups"
        if not backup and _inside(target, backups):
            return f"tệp nằm trong thư mục sao lưu «{backups}» của cơ sở dữ liệu"
    held = _what_it_holds(target)
    if held and not (backup and held.endswith("bản sao lưu")):
        return held
    return None


def check_output(target: str | os.PathLike[str], *, backup: bool = False) -> None:
    """Refuse, changing nothing, a document aimed at the database, its journals, a backup or
    the attachments folder (the one place that decides; `write_atomically` asks it first)."""
    reason = output_refusal(target, backup=backup)
    if reason:
        raise ValidationError(f"Không ghi vào «{target}»: {reason}. Hãy chọn tệp khác; không có gì bị thay đổi.")
