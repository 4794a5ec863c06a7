"""The files attached as evidence, inside one database's attachments folder.

- Stored paths are relative to the folder and stay inside it: an absolute path, a drive,
  a UNC path or a `..` step (as a database copied from elsewhere may carry) is refused when
  read, never opened, and reported by `check`.
- A file is copied in through a temporary file in the same folder and put in place in one
  step, so a failure (full disk, a kill) never leaves a half or empty file under a real name.
- Each file is at most `MAX_ATTACHMENT_BYTES`.
- Files no row names any more (the task or entry was deleted) are removed by `sweep`, which
  the window runs when it closes — when its undo history, the only thing that could bring
  such rows back, is gone — and which spares every file written since the window opened.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from cchc_desktop.errors import ValidationError
from cchc_desktop.system import paths

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENT_LABEL = "50 MB"
TEMP_PREFIX = ".cchc-"
_CHUNK = 1024 * 1024


def unsafe_reason(stored_path: str) -> str | None:
    """Why a stored path may not be used (None when it is a plain relative path inside the folder)."""
    text = stored_path or ""
    if not text.strip():
        return "đường dẫn trống"
    if "\x00" in text:
        return "đường dẫn có ký tự không hợp lệ"
    win = PureWindowsPath(text)
    if text.startswith(("\\\\", "//")) or win.drive.startswith("\\\\"):
        return "đường dẫn mạng (UNC)"
    if win.drive or ":" in text:
        return "đường dẫn có ổ đĩa"
    if text.startswith(("/", "\\")) or PurePosixPath(text).is_absolute():
        return "đường dẫn tuyệt đối"
    parts = text.replace("\\", "/").split("/")
    if any(p == ".." for p in parts):
        return "đường dẫn ra ngoài thư mục đính kèm (..)"
    return None


def resolve(folder: Path, stored_path: str) -> Path:
    """The file a stored path names, refusing anything outside `folder` (symbolic links included)."""
    reason = unsafe_reason(stored_path)
    if reason is None:
        path = folder / stored_path.replace("\\", "/")
        root = os.path.realpath(folder)
        real = os.path.realpath(path)
        if os.path.commonpath([root, real]) != root:
            reason = "tệp nằm ngoài thư mục đính kèm"
        else:
            return path
    raise ValidationError(f"Không mở tệp đính kèm «{stored_path}»: {reason}. "
                          "Chỉ tệp trong thư mục đính kèm của cơ sở dữ liệu mới được mở.")


def size_label(size: int) -> str:
    from cchc_desktop.text.vnformat import number

    return f"{number(size / (1024 * 1024), 1)} MB"


def check_size(src: Path) -> None:
    size = os.stat(paths.long_path(src)).st_size  # a Windows path past 260 characters too
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"Tệp «{src.name}» quá lớn ({size_label(size)}); "
                              f"mỗi tệp đính kèm tối đa {MAX_ATTACHMENT_LABEL}.")


def copy_atomically(src: Path, target: Path) -> None:
    """Copy `src` to `target` through a temporary file beside it; at most MAX_ATTACHMENT_BYTES
    (checked while copying too: the file may grow). On any failure nothing is left behind."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=paths.long_path(target.parent))
    try:
        with os.fdopen(fd, "wb") as out, open(paths.long_path(src), "rb") as inp:
            copied = 0
            while chunk := inp.read(_CHUNK):
                copied += len(chunk)
                if copied > MAX_ATTACHMENT_BYTES:
                    raise ValidationError(f"Tệp «{src.name}» quá lớn; mỗi tệp đính kèm tối đa {MAX_ATTACHMENT_LABEL}.")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, paths.long_path(target))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def stored_rows(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(attachment id, stored path) of every attachment row."""
    return [(int(r[0]), str(r[1])) for r in conn.execute("SELECT id, stored_path FROM attachments ORDER BY id")]


def _files_in(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@dataclass
class FolderReport:
    """How the attachment folder and the rows naming its files disagree."""
    folder: Path
    missing: list[dict] = field(default_factory=list)  # rows whose file is not there
    orphans: list[str] = field(default_factory=list)  # files no row names (relative, posix)
    unsafe: list[dict] = field(default_factory=list)  # rows whose path points outside the folder


def scan(folder: Path, rows: Iterable[tuple[int, str]], legacy: Path | None = None) -> FolderReport:
    report = FolderReport(folder)
    named: set[str] = set()
    for att_id, stored in rows:
        try:
            path = resolve(folder, stored)
        except ValidationError:
            report.unsafe.append({"attachment_id": att_id, "stored_path": stored, "reason": unsafe_reason(stored)
                                  or "tệp nằm ngoài thư mục đính kèm"})
            continue
        named.add(PurePosixPath(stored.replace("\\", "/")).as_posix())
        if not path.is_file() and not (legacy is not None and (legacy / stored).is_file()):
            report.missing.append({"attachment_id": att_id, "stored_path": stored})
    for path in sorted(_files_in(folder)):
        rel = path.relative_to(folder).as_posix()
        if rel not in named:
            report.orphans.append(rel)
    return report


def sweep(folder: Path, rows: Iterable[tuple[int, str]], written_before: float) -> list[str]:
    """Remove the files of `folder` that no row names and that were last written before
    `written_before` (a time.time() value), left-over temporary files included; then the
    emptied task folders. Returns the removed files (relative paths)."""
    report = scan(folder, rows)
    removed: list[str] = []
    for rel in report.orphans:
        path = folder / rel
        try:
            if path.stat().st_mtime >= written_before:
                continue  # written during this session: an undo/redo may still name it
            path.unlink()
            removed.append(rel)
        except OSError:
            continue  # open in another program (Windows): next time
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True) \
            if folder.is_dir() else []:
        try:
            sub.rmdir()  # only when empty
        except OSError:
            pass
    return removed
