"""Every file location the application uses, from one place (platformdirs)."""

from __future__ import annotations

import os
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


def attachments_dir() -> Path:
    path = data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The installed `resources` package (demo data, icons)."""
    import resources

    return Path(resources.__file__).resolve().parent
