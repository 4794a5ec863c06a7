"""What is checked before the application writes anything into a database file.

- the file is ours: an SQLite file with tables but without this application's recorded
  migrations belongs to another program and is refused unchanged;
- the file is whole: `PRAGMA quick_check` on open; a damaged file is refused before anything
  is written into it (the officer is offered the latest good backup instead). A passing check
  is remembered (in the data folder) with the size and modification time of the file and of
  its write-ahead log: an open within a day that finds both unchanged since that check reuses
  its result instead of reading the whole file again; any change, or a day gone, checks again;
- where the file lives: on a network share SQLite's WAL mode is not safe (it needs shared
  memory between the processes of one computer), so such a database is used in
  rollback-journal mode (`journal_mode=DELETE`) and the officer is told why.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

from cchc_desktop.errors import DatabaseDamaged, ForeignDatabase

MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "cchc"

# File system types of network shares in /proc/mounts.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "fuse.glusterfs",
    "fuse.sshfs", "sshfs", "9p", "davfs", "fuse.davfs2", "lustre", "gpfs", "beegfs", "fuse.rclone",
})

_DRIVE_REMOTE = 4  # GetDriveTypeW
_PLATFORM = sys.platform  # read through this name so that tests can simulate Windows


def damaged_message(path: Path | str | None, detail: str = "") -> str:
    where = f" «{path}»" if path else ""
    why = f" (SQLite: {detail})" if detail else ""
    return (
        f"Không mở được cơ sở dữ liệu{where}: tệp bị hỏng{why}. Phần mềm không ghi gì vào tệp này. "
        "Hãy khôi phục bản sao lưu tốt gần nhất (cửa sổ chương trình đề nghị việc này khi mở; "
        "dòng lệnh: cchc-desktop --db TỆP restore BẢN_SAO_LƯU)."
    )


def foreign_message(path: Path | str | None) -> str:
    return (
        f"Tệp «{path}» là cơ sở dữ liệu SQLite của chương trình khác, không phải của CCHC Desktop. "
        "Tệp được giữ nguyên; hãy chọn tệp dữ liệu khác."
    )


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    if MIGRATIONS_TABLE not in table_names(conn):
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]


def is_foreign(conn: sqlite3.Connection) -> bool:
    """Tables of its own but none of this application's migrations recorded. An empty
    migrations table alone is a first start under way in another process, not a foreign file."""
    own = {name for name in table_names(conn) if name != MIGRATIONS_TABLE and not name.startswith("sqlite_")}
    return bool(own) and not applied_migrations(conn)


def quick_check(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """The problems `PRAGMA quick_check` (or `integrity_check`) finds; empty when the file is whole."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def check_before_use(conn: sqlite3.Connection, path: Path | str | None) -> None:
    """Refuse a foreign or damaged file; reads only, so a refused file stays byte for byte as it was."""
    try:
        if is_foreign(conn):
            raise ForeignDatabase(foreign_message(path))
        if path is not None and checked_unchanged(path):
            return
        problems = quick_check(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(damaged_message(path, str(exc)), path) from exc
    if problems:
        raise DatabaseDamaged(damaged_message(path, "; ".join(problems[:3])), path)
    if path is not None:
        remember_check(path)


CHECK_KEPT_SECONDS = 24 * 3600  # a passing quick_check is reused for a day at most
FRESH_SECONDS = 5


def _file_state(path: Path | str) -> list[int] | None:
    """Size and modification time (ns) of the file and of its write-ahead log when it holds
    anything (an empty log comes and goes with every connection)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    state = [st.st_size, st.st_mtime_ns]
    try:
        wal = os.stat(f"{path}-wal")
        if wal.st_size:
            state += [wal.st_size, wal.st_mtime_ns]
    except OSError:
        pass
    return state


def _check_record(path: Path | str) -> Path:
    import hashlib

    from cchc_desktop.system.paths import data_dir

    name = hashlib.sha256(os.path.abspath(str(path)).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return data_dir() / "checks" / f"{name}.json"


def remember_check(path: Path | str) -> None:
    """Note that `path`, as it is now, passed `quick_check` (best effort: a folder that cannot be
    written only means the next open checks again)."""
    import json
    import time

    state = _file_state(path)
    now = time.time()
    # A file changed in the last seconds is not noted: a later change within the same tick of
    # the file system's clock (2 s on FAT) would leave size and time as noted.
    if state is None or max(state[1::2]) > (now - FRESH_SECONDS) * 1e9:
        return
    from cchc_desktop.system.files import write_atomically

    text = json.dumps({"path": os.path.abspath(str(path)), "state": state, "at": now})
    try:
        record = _check_record(path)
        record.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(record, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except Exception:  # noqa: BLE001 - never stop an open for a note
        return


def checked_unchanged(path: Path | str) -> bool:
    """A passing `quick_check` of this very file, unchanged since, less than a day ago."""
    import json
    import time

    try:
        data = json.loads(_check_record(path).read_text(encoding="utf-8"))
        age = time.time() - float(data["at"])
        return (data["path"] == os.path.abspath(str(path)) and 0 <= age < CHECK_KEPT_SECONDS
                and data["state"] == _file_state(path))
    except Exception:  # noqa: BLE001 - no note, or not readable: check again
        return False


def read_only_uri(path: Path | str) -> str:
    """An SQLite URI that opens `path` read-only (`mode=ro`); UNC paths keep their two leading
    slashes behind an empty authority (file:////server/share/...), as SQLite expects."""
    from urllib.parse import quote

    full = os.path.abspath(str(path)).replace("\\", "/")
    if not full.startswith("/"):
        full = "/" + full  # C:/... -> /C:/...
    return f"file://{quote(full, safe='/:')}?mode=ro"


def looks_damaged(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


# --------------------------------------------------------------------------- network shares


def is_unc(path: Path | str) -> bool:
    text = str(path)
    return text.startswith("\\\\") or text.startswith("//") or PureWindowsPath(text).drive.startswith("\\\\")


def _existing(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 ...)
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def linux_file_system(path: Path | str) -> str:
    """The type (nfs, cifs, ext4 ...) of the mount that holds `path`, from /proc/mounts."""
    target = PurePosixPath(os.path.realpath(_existing(Path(path))))
    best, best_type = -1, ""
    for line in _read_mounts().splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = PurePosixPath(_unescape_mount(parts[1]))
        if (target == mount or mount in target.parents) and len(mount.parts) > best:
            best, best_type = len(mount.parts), parts[2]
    return best_type


def _drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def is_network_path(path: Path | str) -> bool:
    """Whether the database at `path` lives on a network share (UNC path, mapped network
    drive on Windows; nfs/cifs/smb and the like on Linux)."""
    if is_unc(path):
        return True
    if _PLATFORM == "win32":
        full = os.path.abspath(str(path))
        if is_unc(full):
            return True
        drive = PureWindowsPath(full).drive
        if drive:
            try:
                return _drive_type(drive + "\\") == _DRIVE_REMOTE
            except (OSError, AttributeError):
                return False
        return False
    if _PLATFORM.startswith("linux"):
        return linux_file_system(path) in NETWORK_FILE_SYSTEMS
    return False


def network_message(path: Path | str) -> str:
    return (
        f"Cơ sở dữ liệu «{path}» nằm trên ổ mạng dùng chung: phần mềm dùng chế độ ghi nhật ký "
        "thông thường (chậm hơn) vì chế độ WAL không an toàn trên ổ mạng. Nên để tệp dữ liệu "
        "trên ổ đĩa của máy này và sao lưu lên ổ mạng."
    )


def read_only_message(path: Path | str | None) -> str:
    return (
        f"Cơ sở dữ liệu «{path}» đang mở chỉ để đọc (tệp hoặc thư mục không cho ghi). "
        "Có thể xem và in nhưng không lưu được thay đổi."
    )
