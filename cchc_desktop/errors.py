"""Error types of the core; each carries a Vietnamese message meant for the user."""

from __future__ import annotations


class CchcError(Exception):
    """An expected failure whose message (Vietnamese) can be shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(CchcError):
    """User input that cannot be stored; nothing was changed."""


class NotFoundError(CchcError):
    """A plan, task or agency that does not exist (any more)."""


class DatabaseBusyError(CchcError):
    """Another window or command held the database's write lock for longer than the busy
    timeout; nothing was changed and the same step can simply be tried again."""

    MESSAGE = "Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau."

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


def is_busy(exc: BaseException) -> bool:
    """Whether an SQLite error is "database is locked" (SQLITE_BUSY and its extended codes)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == 5:
        return True
    text = str(exc)
    return "database is locked" in text or "database is busy" in text


class ConflictError(CchcError):
    """A row changed elsewhere (another window, the command line, the agent) since it was
    read; the change was refused so that nothing written there is overwritten."""


class StorageError(CchcError):
    """The database file cannot be opened or used (environment failure, not a bug)."""


class ImportFailure(CchcError):
    """A document that cannot be read or recognised."""


class DatabaseDamaged(StorageError):
    """The database file fails SQLite's integrity check; nothing was written into it."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class ForeignDatabase(StorageError):
    """An SQLite file of another program; it was left exactly as it was."""


class ReadOnlyDatabase(StorageError):
    """A change was asked of a database opened read-only; nothing was changed."""
