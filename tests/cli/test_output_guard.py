"""No export may be written over the database, its journals, a backup, or into the
attachments folder: every command line export and the window's save dialogs are refused
with a Vietnamese message, and the database stays byte for byte as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cli_process import run_cli as _run

from cchc_desktop.store import Store
from cchc_desktop.store.demo import load_demo


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (database, journals, backups, attachments)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    db = tmp_path / "c.sqlite3"
    store = Store.open(db)
    load_demo(store)
    store.close()
    assert _run(db, "backup").returncode == 0
    attachments = tmp_path / "c-attachments"
    attachments.mkdir()
    (attachments / "bien-ban.pdf").write_bytes(b"%PDF-1.4 evidence")
    assert _run(db, "plans").returncode == 0  # the backup's reader left empty -wal/-shm files: gone now
    return db


def _targets(db: Path) -> list[Path]:
    (backup,) = sorted((db.parent / "backups").glob("*.zip"))
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), backup,
            db.parent / "c-attachments" / "bao-cao.pdf", db.parent / "c-attachments" / "bien-ban.pdf"]


EXPORTS = [
    ("appendix-pdf", ["appendix", "1", "--pdf"]),
    ("appendix-docx", ["appendix", "1", "--docx"]),
    ("appendix-xlsx", ["appendix", "1", "--xlsx"]),
    ("plan-doc", ["plan-doc", "1", "--pdf"]),
    ("report-pdf", ["report", "--period", "2024", "--pdf"]),
    ("report-docx", ["report", "--period", "2024", "--docx"]),
    ("report-xlsx", ["report", "--period", "2024", "--xlsx"]),
    ("evidence-pdf", ["evidence", "--period", "2024", "--pdf"]),
    ("evidence-xlsx", ["evidence", "--period", "2024", "--xlsx"]),
    ("reminders-pdf", ["reminders", "--from", "2024-01-01", "--pdf"]),
    ("ics", ["ics", "--out"]),
]


@pytest.mark.parametrize(("name", "args"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_every_export_aimed_at_the_database_is_refused(office: Path, name: str, args: list[str]) -> None:
    targets = _targets(office)
    if name not in ("appendix-pdf", "report-docx"):
        targets = targets[:1] + targets[4:6]  # the database, a backup, the attachments folder
    for target in targets:
        before = _files(office.parent)
        result = _run(office, *args, str(target))
        assert result.returncode == 2, (target, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "Đã ghi" not in result.stdout
        assert "Không ghi" in result.stderr and "chọn tệp khác" in result.stderr
        assert _files(office.parent) == before, target


def test_a_relative_path_a_link_and_another_database_are_refused_too(office: Path, tmp_path: Path) -> None:
    os.symlink(office, tmp_path / "lien-ket.pdf")
    other = tmp_path / "khac.sqlite3"
    shutil.copyfile(office, other)
    before = _files(office.parent)
    for target in (Path(os.path.relpath(office)), tmp_path / "lien-ket.pdf", other):
        result = _run(office, "appendix", "1", "--pdf", str(target))
        assert result.returncode == 2, (target, result.stderr)
    assert _files(office.parent) == before


def test_a_backup_may_not_be_written_over_the_database_or_into_the_attachments(office: Path) -> None:
    before = _files(office.parent)
    for target in (office.with_suffix(".zip").with_name("c.sqlite3"), office.parent / "c-attachments" / "x.zip"):
        result = _run(office, "backup", "--out", str(target))
        assert result.returncode == 2, result.stderr
    assert _files(office.parent) == before


def test_an_ordinary_export_beside_the_database_is_written(office: Path) -> None:
    result = _run(office, "appendix", "1", "--pdf", str(office.parent / "phu-luc.pdf"))
    assert result.returncode == 0, result.stderr
    assert (office.parent / "phu-luc.pdf").read_bytes().startswith(b"%PDF")
