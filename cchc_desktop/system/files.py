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

from cchc_desktop.errors import StorageError
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
    return StorageError(message or f"Không ghi được tệp «{path}»: {exc.strerror or exc}.")
FILE_IN_USE = "Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại"


def write_atomically(path: str | Path, write: Callable[[str], object]) -> None:
    """Call `write(temporary path)`, then put the result at `path` in one step."""
    path = Path(path)
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
