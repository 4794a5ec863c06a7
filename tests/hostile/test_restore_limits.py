"""A restore takes no decompression bomb: the sizes of what a backup holds are checked by its
zip directory and again while every member is extracted (through a stream that stops at the
limit, whatever the directory says); a refused backup changes nothing, byte for byte. The
backups kept before each restore are pruned to the last few.
`bench/bench_hostile_import.py --restore` measures the gigabyte versions."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest
from hostile_archives import backup_bomb

from cchc_desktop.cli import main
from cchc_desktop.errors import ValidationError
from cchc_desktop.store import Store, backup
from cchc_desktop.store.attachments import MAX_ATTACHMENT_BYTES
from cchc_desktop.store.demo import load_demo

MB = 1024 * 1024


def _files(db_path: Path) -> dict[str, bytes]:
    """The database with its sidecars and every file of its folder but the backups."""
    return {str(p.relative_to(db_path.parent)): p.read_bytes() for p in sorted(db_path.parent.rglob("*"))
            if p.is_file() and "backups" not in p.parts}


@pytest.fixture
def office(db_path: Path):
    store = Store.open(db_path)
    load_demo(store)
    store.close()
    return db_path


@pytest.fixture
def good_database(office: Path, tmp_path: Path) -> Path:
    """A whole database of ours, as a backup would hold it."""
    made = backup.create_backup(office, out=tmp_path / "that.zip")
    work = tmp_path / "that"
    work.mkdir()
    return backup.verify_backup(made.path, work).database


def _refused(db_path: Path, source: Path, capsys, *words: str) -> str:
    before = _files(db_path)
    backups_before = backup.list_backups(db_path)
    tracemalloc.start()
    try:
        code = main(["--db", str(db_path), "restore", str(source)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert code == 2, err
    for word in words:
        assert word in err, err
    assert _files(db_path) == before  # the database and the attachments folder byte for byte
    assert backup.list_backups(db_path) == backups_before
    assert not list(db_path.parent.glob(".cchc-khoi-phuc-*"))  # nothing extracted is left
    assert peak < 16 * MB, f"{peak / 1e6:.1f} MB allocated"
    return err


def test_an_attached_file_over_the_attachment_limit_is_refused_before_it_is_extracted(
        office: Path, good_database: Path, tmp_path: Path, capsys) -> None:
    bomb = backup_bomb(tmp_path / "bom.zip", good_database, attachments={"task-1/bom.pdf": MAX_ATTACHMENT_BYTES + MB})
    assert bomb.stat().st_size < 2 * MB
    _refused(office, bomb, capsys, "«bom.zip»", "attachments/task-1/bom.pdf", "51 MB", "50 MB")


def test_a_directory_that_understates_an_attached_file_writes_no_more_than_it_says(
        office: Path, good_database: Path, tmp_path: Path, capsys) -> None:
    bomb = backup_bomb(tmp_path / "doi.zip", good_database, attachments={"task-1/doi.pdf": 80 * MB},
                       lie={"attachments/task-1/doi.pdf": 1_000})
    _refused(office, bomb, capsys, "«doi.zip»", "attachments/task-1/doi.pdf")


def test_a_database_member_over_its_limit_is_refused(office: Path, good_database: Path, tmp_path: Path,
                                                     capsys, monkeypatch) -> None:
    monkeypatch.setattr(backup, "MAX_RESTORE_DATABASE_BYTES", 8 * MB)  # the real limit is 1 GB
    bomb = backup_bomb(tmp_path / "csdl.zip", good_database, database_size=9 * MB)
    _refused(office, bomb, capsys, "«csdl.zip»", "cchc.sqlite3", "9 MB")


def test_many_files_each_under_the_limit_that_inflate_far_beyond_the_backup_are_refused(
        office: Path, good_database: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(backup, "RATIO_FROM", 64 * MB)  # the real threshold is 1 GB
    bomb = backup_bomb(tmp_path / "nhieu.zip", good_database,
                       attachments={f"task-1/tep-{k}.pdf": 40 * MB for k in range(3)})
    _refused(office, bomb, capsys, "«nhieu.zip»", "không phải bản sao lưu thật")


def test_a_backup_within_the_limits_is_restored(office: Path, good_database: Path, tmp_path: Path) -> None:
    fine = backup_bomb(tmp_path / "duoc.zip", good_database, attachments={"task-1/bien-ban.pdf": 2 * MB})
    backup.restore(office, fine)
    store = Store.open(office)
    try:
        assert len(store.tasks.rows()) == 14
    finally:
        store.close()


def test_only_the_last_few_states_before_a_restore_are_kept(office: Path, tmp_path: Path) -> None:
    made = backup.create_backup(office, now=dt.datetime(2025, 1, 1, 8, 0)).path
    for k in range(backup.KEEP_BEFORE_RESTORE + 3):
        backup.restore(office, made, now=dt.datetime(2025, 1, 2, 8, k))
    kept = [b for b in backup.list_backups(office) if b.kind == backup.BEFORE_RESTORE]
    assert len(kept) == backup.KEEP_BEFORE_RESTORE
    assert [b.created.minute for b in kept] == list(range(backup.KEEP_BEFORE_RESTORE + 2, 2, -1))  # the newest
    assert made.exists()  # a backup made by hand is never removed


def test_verify_refuses_with_a_vietnamese_message(office: Path, good_database: Path, tmp_path: Path) -> None:
    bomb = backup_bomb(tmp_path / "bom.zip", good_database, attachments={"a.pdf": MAX_ATTACHMENT_BYTES + MB})
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(ValidationError) as info:
        backup.verify_backup(bomb, work)
    assert "không khôi phục được" in info.value.message
    assert not (work / "attachments").exists()
