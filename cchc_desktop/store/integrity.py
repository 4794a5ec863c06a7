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

import contextlib
import json
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
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged schema's bytes in SQLite's message
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
    """The note of the last passing check of `path`, named after its full path (the note also
    holds the path itself, so two paths sharing a name only check again)."""
    from cchc_desktop.system.paths import data_dir, short_name

    return data_dir() / "checks" / f"{short_name(os.path.abspath(str(path)))}.json"


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


SQLITE_HEADER = b"SQLite format 3\x00"

# Database files this process has open through `db.open_database`, by (device, inode): reading
# such a file from Python would close a descriptor of it, and POSIX drops every lock the process
# holds on a file when any descriptor of it closes (the other connection's locks included).
_open_in_process: dict[tuple[int, int], int] = {}


def file_key(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_open_in_process(path: Path | str) -> bool:
    key = file_key(path)
    return key is not None and _open_in_process.get(key, 0) > 0


def hold(path: Path | str) -> tuple[int, int] | None:
    key = file_key(path)
    if key is not None:
        _open_in_process[key] = _open_in_process.get(key, 0) + 1
    return key


def release(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    left = _open_in_process.get(key, 0) - 1
    if left > 0:
        _open_in_process[key] = left
    else:
        _open_in_process.pop(key, None)


def file_head(path: Path | str, size: int = 16) -> bytes:
    """The first bytes of a database file, read without disturbing this process's own
    connections: a file already open here was checked when it was opened."""
    if is_open_in_process(path):
        return SQLITE_HEADER[:size]
    with open(path, "rb") as fh:
        return fh.read(size)


def pending_sidecars(path: Path | str) -> list[Path]:
    """The -wal and hot -journal beside `path` that hold writes not yet in the file (looked at
    as bytes: SQLite would replay or roll them back, changing the file, as soon as it read it)."""
    found = []
    wal = Path(f"{path}-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            found.append(wal)
    journal = Path(f"{path}-journal")
    with contextlib.suppress(OSError), open(journal, "rb") as fh:
        if fh.read(28).strip(b"\x00"):  # a zeroed header: a journal already committed
            found.append(journal)
    return found


def immutable_uri(path: Path | str) -> str:
    """Read the main file only, as bytes on disk: no lock, no journal or WAL replayed, nothing created."""
    return read_only_uri(path) + "&immutable=1"


def look_before_open(path: Path | str) -> None:
    """Refuse another program's SQLite file before SQLite opens it writable.

    The main file is read as it lies on disk (`immutable`: no lock, no -wal replayed, no hot
    journal rolled back, nothing created). When it does not tell whose file it is and writes
    are pending beside it (-wal, hot -journal), a copy of the three is opened in a temporary
    folder instead, so that SQLite's recovery happens to the copy."""
    pending = pending_sidecars(path)
    try:
        conn = sqlite3.connect(immutable_uri(path), uri=True)
        try:
            if is_foreign(conn):
                raise ForeignDatabase(foreign_message(path))
            if applied_migrations(conn):
                return  # ours: the normal open replays what is pending
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        pass  # a torn or damaged main file: decided below or by the normal open's checks
    if not pending:
        return
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cchc-kiem-tra-") as work:
        copy = Path(work) / "db.sqlite3"
        try:
            shutil.copyfile(path, copy)
            for side in pending:
                shutil.copyfile(side, f"{copy}{side.name[len(Path(path).name):]}")
            conn = sqlite3.connect(str(copy))
            try:
                foreign = is_foreign(conn)
            finally:
                conn.close()
        except (OSError, sqlite3.DatabaseError, UnicodeDecodeError):
            return  # the normal open refuses a damaged file with its own message
    if foreign:
        raise ForeignDatabase(foreign_message(path))


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


# --------------------------------------------------------------------------- damaged content


def decode_text(data: bytes) -> str:
    """How a connection reads text once it met a cell that is not UTF-8 (damage from outside:
    a bad sector, a tool that wrote bytes; see `connection.Cursor`): U+FFFD where the bad bytes are,
    instead of stopping every list and report that reads it; `damaged_rows` names the row."""
    return data.decode("utf-8", "replace")


JSON_COLUMNS = {"plans": ("legal_bases", "recipients", "sections"), "tasks": ("schedule",), "settings": ("value",)}
"""Cells that hold JSON: one that does not parse is damage too."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def damaged_rows(conn: sqlite3.Connection) -> list[dict]:
    """Every row holding a text cell that is not valid UTF-8 (read as bytes), or a JSON cell
    that does not parse: `table`, `id` (the rowid, which is the id of every table of ours) and
    the `columns` concerned."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY name")]
    found: list[dict] = []
    old = conn.text_factory
    conn.text_factory = bytes
    try:
        for table in tables:
            quoted = _quoted(table)
            columns = [str(r[1], "utf-8", "replace") if isinstance(r[1], bytes) else str(r[1])
                       for r in conn.execute(f"PRAGMA table_info({quoted})")]
            if not columns:
                continue
            cells = ", ".join(f"CASE WHEN typeof({_quoted(c)}) = 'text' THEN {_quoted(c)} END" for c in columns)
            try:
                rows = conn.execute(f"SELECT rowid, {cells} FROM {quoted}")
            except sqlite3.OperationalError:
                continue  # a table without rowid: not one of ours
            as_json = JSON_COLUMNS.get(table, ())
            for row in rows:
                bad = []
                for name, value in zip(columns, row[1:], strict=True):
                    if value is not None:
                        try:
                            text = value.decode("utf-8")
                            if name in as_json and text:
                                json.loads(text)
                        except ValueError:  # not UTF-8, or JSON that does not parse
                            bad.append(name)
                if bad:
                    found.append({"table": table, "id": row[0], "columns": bad})
    finally:
        conn.text_factory = old
    return found
