"""Every file location the application uses, from one place (platformdirs)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP_DIR_NAME = "CCHCDesktop"
_ENV_DATA_DIR = "CCHC_DATA_DIR"


def data_dir() -> Path:
    """Per-user data folder; CCHC_DATA_DIR overrides it (portable installs, tests)."""
    override = os.environ.get(_ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


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
