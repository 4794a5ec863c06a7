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


_OS_REASONS = {
    "ENOENT": "không có tệp hoặc thư mục này",
    "EISDIR": "đây là một thư mục, không phải một tệp",
    "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
    "EACCES": "không có quyền truy cập",
    "EPERM": "không được phép thao tác này",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã hết dung lượng được cấp trên ổ đĩa",
    "EROFS": "ổ đĩa chỉ cho phép đọc",
    "EEXIST": "tệp đã có",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "EBUSY": "tệp đang được chương trình khác dùng",
    "ETXTBSY": "tệp đang được chương trình khác dùng",
    "EINVAL": "tên hoặc giá trị không hợp lệ",
    "EMFILE": "đang mở quá nhiều tệp",
    "ENFILE": "hệ thống đang mở quá nhiều tệp",
    "EIO": "lỗi đọc ghi ổ đĩa",
    "ELOOP": "đường dẫn vòng lặp (liên kết trỏ vào chính nó)",
    "ENOTEMPTY": "thư mục không rỗng",
    "EXDEV": "không chuyển được sang ổ đĩa khác",
    "ENODEV": "không có thiết bị",
    "ENXIO": "không có thiết bị",
    "EAGAIN": "tài nguyên tạm thời không sẵn sàng, thử lại sau",
    "ETIMEDOUT": "hết thời gian chờ (ổ mạng không trả lời)",
    "EHOSTUNREACH": "không kết nối được máy chứa tệp",
    "ENETUNREACH": "không kết nối được mạng",
}
_WINDOWS_REASONS = {  # winerror codes without an errno of their own
    32: "tệp đang được chương trình khác dùng",
    33: "một phần của tệp đang bị chương trình khác khóa",
    53: "không tìm thấy đường dẫn mạng",
    67: "không tìm thấy tên mạng",
    112: "ổ đĩa đã đầy",
    123: "tên tệp, tên thư mục hoặc nhãn ổ đĩa không đúng cú pháp",
    1920: "hệ thống không truy cập được tệp",
}


def os_error_text(exc: OSError) -> str:
    """Why the system refused a file, in Vietnamese ("đây là một thư mục, không phải một tệp"
    for "Is a directory"); the system's own words only where no reason is known."""
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    return f"lỗi hệ thống ({exc.strerror or exc})"
