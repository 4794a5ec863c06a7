"""What the officer and the command line do with the result of `backup.check_database`: the
day's full check with its message (`daily_check`), and the sweep of the leftovers of
interrupted writes once none of them can be a write in progress (`sweep_leftovers`)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import StorageError
from cchc_desktop.store.backup import LEFTOVER_AGE_SECONDS, CheckReport, _relative, check_database


def window_open(db_path: Path) -> bool:
    """Whether a window has the database open (its `.lock` file names a running process): its
    undo history may still bring back rows whose files no row names now."""
    lock = Path(db_path).with_name(Path(db_path).name + ".lock")
    try:
        first = lock.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # held and unreadable: open
    try:
        pid = int(first)
    except ValueError:
        return True
    return _process_alive(pid)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


@dataclass
class SweepResult:
    """What clearing the leftovers of interrupted writes removed, and what it kept and why."""
    removed: list[str] = field(default_factory=list)  # relative to the database's folder
    kept_young: int = 0  # too recent: may be a write in progress
    kept_for_window: int = 0  # files no row names while a window that may undo is open

    def as_json(self) -> dict:
        return {"removed": self.removed, "kept_recent": self.kept_young, "kept_for_window": self.kept_for_window}


def sweep_leftovers(db_path: Path, *, now: float | None = None) -> SweepResult:
    """Remove what interrupted writes left once none of it can be a write in progress: the
    temporary files (`.cchc-*`) and the attachment files no row names, last written more than
    LEFTOVER_AGE_SECONDS ago. Files no row names stay while a window has the database open
    (its undo may name them again; the window sweeps them itself when it closes), and nothing
    is removed from a database whose rows cannot all be read."""
    import time

    db_path = Path(db_path)
    now = time.time() if now is None else now
    limit = now - LEFTOVER_AGE_SECONDS
    report = check_database(db_path)
    result = SweepResult()
    if report.integrity or report.unsafe_paths:
        return result  # a damaged file may name files it cannot show
    candidates = [db_path.parent / rel for rel in report.temporary_files]
    if window_open(db_path):
        result.kept_for_window = len(report.orphan_files)
    else:
        candidates += [report.attachments_dir / rel for rel in report.orphan_files]
    for path in candidates:
        try:
            if path.lstat().st_mtime >= limit:
                result.kept_young += 1
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue  # open in another program (Windows): next time
        result.removed.append(_relative(db_path, path))
    return result


def damage_message(report: CheckReport) -> str:
    """What the officer is told about the damage `check_database` found (leftovers are not damage)."""
    parts = []
    if report.integrity:
        parts.append("SQLite báo cấu trúc tệp bị hỏng (" + "; ".join(report.integrity[:3]) + ")")
    if report.damaged_rows:
        rows = ", ".join(f"bảng {r['table']} mã {r['id']}" for r in report.damaged_rows[:5])
        more = f" và {len(report.damaged_rows) - 5} dòng khác" if len(report.damaged_rows) > 5 else ""
        parts.append(f"{len(report.damaged_rows)} dòng có chữ bị hỏng ({rows}{more})")
    if report.foreign_keys:
        parts.append(f"{len(report.foreign_keys)} dòng trỏ tới dòng không còn")
    if report.missing_files:
        parts.append(f"{len(report.missing_files)} tệp đính kèm bị thiếu")
    if report.unsafe_paths:
        parts.append(f"{len(report.unsafe_paths)} đường dẫn tệp đính kèm không hợp lệ")
    return (f"Lần kiểm tra hằng ngày thấy cơ sở dữ liệu «{report.database}» có vấn đề: " + "; ".join(parts)
            + ". Phần dữ liệu còn lại vẫn dùng được. Xem chi tiết bằng lệnh «cchc-desktop check»; nếu cần, "
            "khôi phục bản sao lưu tốt gần nhất (Tệp → Sao lưu / Khôi phục).")


def daily_check(db_path: Path) -> str | None:
    """The full check (`integrity_check`, every text cell, foreign keys, attachments) that runs
    with the first automatic backup of the day: None when nothing is damaged, else the message
    for the officer. The open path runs only the quick check, to start fast."""
    try:
        report = check_database(Path(db_path))
    except StorageError as exc:
        return exc.message
    return None if report.ok else damage_message(report)
