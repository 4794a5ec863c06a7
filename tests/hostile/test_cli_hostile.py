"""Smaller failures of a hostile environment or input: a full disk, temporary files left by a
killed export, ids and dates beyond what can be computed, a plan that does not exist."""

from __future__ import annotations

import errno
import os
import sqlite3
import time

import pytest

from cchc_desktop.cli import main
from cchc_desktop.errors import StorageError
from cchc_desktop.system import files
from cchc_desktop.system.diskfull import disk_full_message


def _cli(capsys, db, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "c.sqlite3"
    assert _cli(capsys, db, "demo")[0] == 0
    return db


# ------------------------------------------------------------------ full disk


def test_a_full_disk_while_writing_a_document_keeps_the_old_file(tmp_path) -> None:
    target = tmp_path / "phuluc.xlsx"
    target.write_bytes(b"old good file")

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(StorageError, match="^Ổ đĩa đã đầy, không ghi được tệp «.*phuluc.xlsx»"):
        files.write_atomically(target, write)
    assert target.read_bytes() == b"old good file"
    assert [p.name for p in tmp_path.iterdir()] == ["phuluc.xlsx"]


def test_cli_export_on_a_full_disk_says_so(demo_db, tmp_path, capsys, monkeypatch) -> None:
    import zipfile

    real_write = zipfile.ZipFile.writestr

    def full(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - the disk fills while Excel's parts are zipped
        real_write(self, *args, **kwargs)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    code, _, err = _cli(capsys, demo_db, "appendix", "1", "--xlsx", str(tmp_path / "pl.xlsx"))
    assert code == 2
    assert err.startswith("Lỗi: Ổ đĩa đã đầy") and "không mong đợi" not in err
    assert not (tmp_path / "pl.xlsx").exists()


def test_cli_database_write_on_a_full_disk_says_so(demo_db, capsys, monkeypatch) -> None:
    """SQLite's own SQLITE_FULL: the database may not grow by a single page."""
    from cchc_desktop.cli import core

    real_open = core.open_store

    def full_store(args):  # noqa: ANN001, ANN202
        store = real_open(args)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        return store

    monkeypatch.setattr(core, "open_store", full_store)
    code, _, err = _cli(capsys, demo_db, "task-add", "--plan", "1", "--content", "Nhiệm vụ dài " * 1500)
    assert code == 2, err
    assert "Ổ đĩa đã đầy, không ghi được vào cơ sở dữ liệu" in err and "không mong đợi" not in err
    monkeypatch.setattr(core, "open_store", real_open)
    out = _cli(capsys, demo_db, "tasks", "--plan", "1", "--json")[1]
    assert "Nhiệm vụ dài" not in out  # nothing half-written


def test_disk_full_is_recognised_through_wrapping_errors() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("writer failed") from inner
    except RuntimeError as outer:
        assert disk_full_message(outer, "tệp «a.pdf»").startswith("Ổ đĩa đã đầy, không ghi được tệp «a.pdf»")
    assert disk_full_message(sqlite3.OperationalError("database or disk is full")).startswith("Ổ đĩa đã đầy")
    assert disk_full_message(OSError(errno.EACCES, "Permission denied")) is None
    assert disk_full_message(sqlite3.OperationalError("database is locked")) is None


def test_window_crash_handler_shows_a_full_disk_as_a_message(qapp, monkeypatch) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    from ui.shell.app import install_crash_handler

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(f"{title}|{text}"))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("the crash dialog opened for a full disk"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(qapp)
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and shown[0].startswith("Ổ đĩa đã đầy") and "Ổ đĩa đã đầy, không ghi được" in shown[0]


# ------------------------------------------------------------------ temporary files of a killed export


def test_temp_files_left_by_a_killed_export_are_removed_at_the_next_write(tmp_path) -> None:
    old = time.time() - files.STALE_TEMP_SECONDS - 60
    stale = [tmp_path / ".cchc-abcd1234.pdf", tmp_path / ".cchc-k_9x0aq1.xlsx"]
    for p in stale:
        p.write_bytes(b"half written")
        os.utime(p, (old, old))
    fresh = tmp_path / ".cchc-zzzz9999.docx"  # another export may be writing it right now
    fresh.write_bytes(b"in progress")
    others = [tmp_path / ".cchc-notes.txt", tmp_path / "cchc-abcd1234.pdf", tmp_path / "bao-cao.pdf"]
    for p in others:
        p.write_bytes(b"the officer's")
        os.utime(p, (old, old))
    files.write_atomically(tmp_path / "ke-hoach.ics", lambda tmp: open(tmp, "wb").write(b"BEGIN:VCALENDAR"))
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([fresh.name, "ke-hoach.ics", *(p.name for p in others)])


# ------------------------------------------------------------------ numbers and dates beyond range


@pytest.mark.parametrize("argv", [
    ["tasks", "--plan", str(2**70)],
    ["progress", str(2**70), "--state", "done"],
    ["appendix", str(2**70), "--pdf", "x.pdf"],
    ["reminders", "--from", "9999-12-31"],
    ["reminders", "--from", "31/12/9999", "--days", "30"],
])
def test_huge_ids_and_dates_get_a_message_not_an_overflow(demo_db, capsys, argv) -> None:
    code, _, err = _cli(capsys, demo_db, *argv)
    assert code == 2, err
    assert err.startswith("Lỗi: ") and "OverflowError" not in err and "không mong đợi" not in err


def test_ics_of_a_plan_that_does_not_exist_is_refused(demo_db, tmp_path, capsys) -> None:
    code, out, err = _cli(capsys, demo_db, "ics", "--out", str(tmp_path / "a.ics"), "--plan", "999")
    assert code == 2
    assert "999" in err and "Không tìm thấy kế hoạch" in err
    assert not (tmp_path / "a.ics").exists()
