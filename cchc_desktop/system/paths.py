"""Every file location the application uses, from one place (platformdirs)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from cchc_desktop.errors import StorageError, os_error_text

APP_DIR_NAME = "CCHCDesktop"
ENV_DATA_DIR = "CCHC_DATA_DIR"

# The bundled application (packaging/): one folder with these executables side by side.
BUNDLE_NAME = "CCHC Desktop"
WINDOW_EXE = "cchc-desktop-gui"
CLI_EXE = "cchc-desktop"
AGENT_EXE = "cchc-desktop-agent"
# A file of this name beside the bundled executables makes the copy portable: its data is
# kept in the folder PORTABLE_DATA next to them instead of the per-user data folder.
PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"


def bundle_dir() -> Path | None:
    """The folder of the bundled executables when running from the bundle, else None."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def bundled_executable(name: str) -> Path | None:
    """The path of one of the bundle's executables (WINDOW_EXE, CLI_EXE, AGENT_EXE), or None."""
    folder = bundle_dir()
    if folder is None:
        return None
    return folder / (f"{name}.exe" if sys.platform == "win32" else name)


def portable_data_dir() -> Path | None:
    """`data` beside the bundled executables when the `portable` marker is there, else None."""
    folder = bundle_dir()
    if folder is None or not (folder / PORTABLE_MARKER).is_file():
        return None
    return folder / PORTABLE_DATA


def data_dir() -> Path:
    """The data folder: CCHC_DATA_DIR if set (tests, a chosen folder), else `data` beside a
    portable copy of the bundle, else the per-user data folder (platformdirs)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        path = Path(override)
    else:
        path = portable_data_dir() or user_data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Không tạo được thư mục dữ liệu «{path}»: {os_error_text(exc)}.") from None
    return path


def user_data_dir() -> Path:
    """The per-user data folder of the platform (platformdirs, imported only here: a portable
    copy, or a folder chosen through CCHC_DATA_DIR, starts without it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def short_name(text: str) -> str:
    """24 hex digits naming something after a longer text (a path): the note of a database's
    last check, the socket of its window. zlib checksums, which the start has loaded already
    (PySide6 reads zip files); hashlib would load OpenSSL on each start."""
    import zlib

    key = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}{zlib.crc32(key[::-1]):08x}"


def default_db_path() -> Path:
    return data_dir() / "cchc.sqlite3"


def backup_dir(db_path: Path) -> Path:
    path = db_path.parent / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def attachments_dir(db_path: Path) -> Path:
    """The folder of the files attached to progress entries of the database at `db_path`.

    The files belong to their database: `<data dir>/attachments` for the default database
    (as it always was), `<db stem>-attachments/` beside any other database file, so that
    moving or copying a database with its folder keeps the evidence, and two databases
    never share one folder. Made when the first file is attached, not here.
    """
    db_path = Path(db_path).absolute()
    if db_path.resolve() == default_db_path().resolve():
        return data_dir() / "attachments"
    return db_path.parent / f"{db_path.stem}-attachments"


def temporary_attachments_dir() -> tempfile.TemporaryDirectory[str]:
    """A folder for the attachments of an in-memory database, removed with it."""
    return tempfile.TemporaryDirectory(prefix="cchc-attachments-")


def resources_dir() -> Path:
    """The installed `resources` package (demo data, icons)."""
    import resources

    return Path(resources.__file__).resolve().parent


# Windows opens a path of 260 characters or more (248 for a folder) only in its `\\?\` form
# unless long paths are enabled machine-wide, which office PCs seldom have.
_WINDOWS_PATH_LIMIT = 248
# File names the application makes itself are kept so that their whole path stays below this.
SAFE_PATH_LENGTH = 240


def long_path(path: str | os.PathLike[str], *, windows: bool | None = None) -> str:
    """`path` as a string that the OS opens whatever its length: on Windows an absolute path
    of 248 characters or more gets the `\\\\?\\` prefix (`\\\\?\\UNC\\` for a network share)."""
    text = os.fspath(path)
    if not (sys.platform == "win32" if windows is None else windows):
        return text
    import ntpath

    if len(text) < _WINDOWS_PATH_LIMIT or text.startswith("\\\\?\\") or not ntpath.isabs(text):
        return text
    text = ntpath.normpath(text)  # the \\?\ form takes no "/", "." or ".." parts
    if text.startswith("\\\\"):
        return "\\\\?\\UNC\\" + text[2:]
    return "\\\\?\\" + text


def fit_name(name: str, folder: str | os.PathLike[str], limit: int = SAFE_PATH_LENGTH) -> str:
    """`name`, its stem shortened if needed, so that `folder/name` stays within `limit` characters
    (the extension is kept: Word and Excel open the file by it)."""
    room = limit - len(os.fspath(folder)) - 1
    if len(name) <= room:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    suffix = f".{suffix}" if suffix else ""
    keep = max(room - len(suffix) - 1, 8)  # one character for "…"
    return f"{stem[:keep].rstrip()}…{suffix}"
