"""A full disk (or quota) while writing a document or the database, recognised wherever it
surfaces — an OSError from a document library, SQLite's "database or disk is full" — so the
officer reads what happened and what to do instead of an unexpected-error report."""

from __future__ import annotations

import errno
import sqlite3

SQLITE_FULL = 13
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_WINDOWS_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL

MESSAGE = ("Ổ đĩa đã đầy, không ghi được {what}. Hãy xóa bớt tệp hoặc chọn thư mục trên ổ đĩa khác rồi thử lại; "
           "dữ liệu đã lưu trước đó vẫn nguyên vẹn.")


def is_disk_full(exc: BaseException | None) -> bool:
    """True for a full disk, also when the error is the cause of another one."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and (exc.errno in _FULL_ERRNOS or getattr(exc, "winerror", None) in _WINDOWS_FULL):
            return True
        if isinstance(exc, sqlite3.Error) and (
            getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "database or disk is full" in str(exc)
        ):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def disk_full_message(exc: BaseException | None, what: str = "dữ liệu") -> str | None:
    """The Vietnamese message for a full disk, or None when `exc` is something else."""
    if not is_disk_full(exc):
        return None
    if isinstance(exc, sqlite3.Error) or "database" in str(exc):
        what = "vào cơ sở dữ liệu (thay đổi vừa rồi chưa được lưu)"
    return MESSAGE.format(what=what)
