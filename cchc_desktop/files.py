"""Writing the files the officer asks for (PDF, Word, Excel, .ics): through a temporary file
in the same folder, so that a failure leaves neither a half file nor a damaged old one, and
with a Vietnamese message instead of an OSError."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import StorageError


def write_atomically(path: str | Path, write: Callable[[str], object]) -> None:
    """Call `write(temporary path)`, then put the result at `path` in one step."""
    path = Path(path)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise StorageError(f"Thư mục «{folder}» không tồn tại.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cchc-", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp «{path}»: {exc.strerror or exc}.") from None
    os.close(fd)
    try:
        write(tmp)
        _give_mode(tmp, path)
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp «{path}»: {exc.strerror or exc}.") from None
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
