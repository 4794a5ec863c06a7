"""A portable copy of the bundle keeps its window layout beside its data, not in the PC's registry."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cchc_desktop.system import paths
from ui.shell.app import keep_settings_with_portable_data


@pytest.fixture
def restore_settings_format():
    before = QSettings.defaultFormat()
    yield
    QSettings.setDefaultFormat(before)


def test_portable_copy_keeps_window_layout_in_its_data_folder(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              restore_settings_format) -> None:
    bundle = tmp_path / "USB" / "CCHC Desktop"
    bundle.mkdir(parents=True)
    (bundle / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "cchc-desktop-gui"))
    monkeypatch.delenv("CCHC_DATA_DIR")
    keep_settings_with_portable_data()
    settings = QSettings()  # what the window uses
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).is_relative_to(bundle / "data")


def test_an_installed_copy_keeps_the_native_settings(qapp, tmp_path: Path, restore_settings_format) -> None:
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    keep_settings_with_portable_data()  # not frozen: nothing changes
    assert QSettings.defaultFormat() == QSettings.Format.NativeFormat
