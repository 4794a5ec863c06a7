"""Writing the files the officer asks for (PDF, Word, Excel, .ics): through a temporary file
in the same folder, so that a failure leaves neither a half file nor a damaged old one, and
with a Vietnamese message instead of an OSError."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import StorageError

FILE_IN_USE = "Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại"


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
        try:
            os.replace(tmp, path)
        except PermissionError:
            # Windows refuses to replace a file Word or Excel holds open; the old file stays as it was.
            raise StorageError(f"{FILE_IN_USE} («{path}»).") from None
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp «{path}»: {exc.strerror or exc}.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
