"""The bundled application: a `portable` marker beside its executables keeps the data next to them."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from cchc_desktop.errors import StorageError
from cchc_desktop.store.store import Store
from cchc_desktop.system import paths


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run as the window executable of a bundle in `Bản di động/CCHC Desktop`; no CCHC_DATA_DIR."""
    folder = tmp_path / "Bản di động" / "CCHC Desktop"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "cchc-desktop-gui"))
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)
    per_user = tmp_path / "per-user" / "CCHCDesktop"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(per_user))
    return folder


def test_portable_marker_keeps_database_and_backups_beside_the_executables(bundle: Path, tmp_path: Path) -> None:
    (bundle / "portable").write_text("", encoding="utf-8")
    store = Store.open()
    try:
        assert store.path == bundle / "data" / "cchc.sqlite3"
        assert store.path.is_file()
    finally:
        store.close()
    assert paths.backup_dir(paths.default_db_path()) == bundle / "data" / "backups"
    assert paths.attachments_dir(paths.default_db_path()) == bundle / "data" / "attachments"
    assert not (tmp_path / "per-user").exists()


def test_without_the_marker_the_bundle_uses_the_per_user_folder(bundle: Path, tmp_path: Path) -> None:
    assert paths.portable_data_dir() is None
    assert paths.default_db_path() == tmp_path / "per-user" / "CCHCDesktop" / "cchc.sqlite3"
    assert not (bundle / "data").exists()


def test_a_marker_beside_python_itself_means_nothing(bundle: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (bundle / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", False)
    assert paths.bundle_dir() is None and paths.bundled_executable(paths.AGENT_EXE) is None
    assert paths.data_dir() == tmp_path / "per-user" / "CCHCDesktop"


def test_cchc_data_dir_still_wins_over_the_marker(bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (bundle / "portable").write_text("", encoding="utf-8")
    monkeypatch.setenv("CCHC_DATA_DIR", str(tmp_path / "chosen"))
    assert paths.data_dir() == tmp_path / "chosen"


def test_a_data_folder_that_cannot_be_made_gives_a_vietnamese_message(bundle: Path) -> None:
    (bundle / "portable").write_text("", encoding="utf-8")
    (bundle / "data").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StorageError, match="Không tạo được thư mục dữ liệu"):
        paths.data_dir()


def test_bundled_executables_are_named_for_the_platform(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert paths.bundled_executable(paths.AGENT_EXE) == bundle / "cchc-desktop-agent"
    monkeypatch.setattr(sys, "platform", "win32")
    assert paths.bundled_executable(paths.WINDOW_EXE) == bundle / "cchc-desktop-gui.exe"

