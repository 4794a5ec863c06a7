"""Attached files live with their database: beside a database file, in the data folder for
the default one, in a temporary folder for an in-memory store."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from cchc_desktop.store import progress
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store
from cchc_desktop.system import paths


@pytest.fixture
def proof(tmp_path: Path) -> Path:
    src = tmp_path / "incoming" / "Biên bản.pdf"
    src.parent.mkdir()
    src.write_bytes(b"%PDF-1.4 bien ban")
    return src


def _attach(store: Store, src: Path):  # noqa: ANN202 - an Attachment
    task = store.tasks.rows()[0].task
    service = ProgressService(store)
    entry = service.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING), files=[src])
    (att,) = service.attachments([int(entry.id)])
    return task, att


def test_files_go_beside_a_database_file_and_stay_relative(tmp_path: Path, proof: Path, _data_dir: Path) -> None:
    db = tmp_path / "office" / "c.sqlite3"
    db.parent.mkdir()
    store = Store.open(db)
    load_demo(store)
    task, att = _attach(store, proof)
    assert att.path.parent.parent == db.parent / "c-attachments"
    assert att.path.read_bytes() == b"%PDF-1.4 bien ban"
    assert att.stored_path == f"task-{task.id}/{att.path.name}"  # relative: the folder may move
    assert not (_data_dir / "attachments").exists() or not any((_data_dir / "attachments").iterdir())
    store.close()
    # The database moved with its folder: the evidence is found at the new place.
    moved = tmp_path / "usb"
    shutil.copytree(db.parent, moved)
    shutil.rmtree(db.parent)
    again = Store.open(moved / "c.sqlite3")
    (found,) = ProgressService(again).attachments([att.progress_id])
    assert found.path == moved / "c-attachments" / att.stored_path
    assert found.path.read_bytes() == b"%PDF-1.4 bien ban"
    again.close()


def test_two_databases_do_not_share_a_folder(tmp_path: Path, proof: Path) -> None:
    first, second = Store.open(tmp_path / "a.sqlite3"), Store.open(tmp_path / "b.sqlite3")
    assert progress.attachments_dir(first) == tmp_path / "a-attachments"
    assert progress.attachments_dir(second) == tmp_path / "b-attachments"
    first.close()
    second.close()


def test_default_database_keeps_the_data_folder(proof: Path, _data_dir: Path) -> None:
    store = Store.open()
    assert store.path == paths.default_db_path()
    load_demo(store)
    _, att = _attach(store, proof)
    assert att.path.is_relative_to(_data_dir / "attachments") and att.path.read_bytes() == b"%PDF-1.4 bien ban"
    store.close()


def test_in_memory_store_uses_a_temporary_folder(proof: Path, _data_dir: Path) -> None:
    store = Store.memory()
    load_demo(store)
    _, att = _attach(store, proof)
    folder = progress.attachments_dir(store)
    assert att.path.is_relative_to(folder) and att.path.read_bytes() == b"%PDF-1.4 bien ban"
    assert not folder.is_relative_to(_data_dir)
    store.close()
    del store
    gc.collect()
    assert not folder.exists()


def test_undoing_deletions_finds_the_attached_files_again(tmp_path: Path, proof: Path) -> None:
    store = Store.open(tmp_path / "c.sqlite3")
    load_demo(store)
    task, att = _attach(store, proof)
    service = ProgressService(store)
    store.tasks.restore(store.tasks.delete([int(task.id)]))
    (back,) = service.attachments([att.progress_id])
    assert back.path == att.path and back.path.read_bytes() == b"%PDF-1.4 bien ban"
    store.plans.restore(store.plans.delete(int(task.plan_id)))
    (back,) = service.attachments([att.progress_id])
    assert back.path == att.path and back.path.exists()
    store.close()


def test_cli_attach_copies_beside_the_database(tmp_path: Path, proof: Path, _data_dir: Path, capsys) -> None:
    from cchc_desktop.cli import main

    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "demo"]) == 0
    store = Store.open(db)
    task_id = int(store.tasks.rows()[0].task.id)
    store.close()
    capsys.readouterr()
    assert main(["--db", str(db), "progress", str(task_id), "--state", "done", "--attach", str(proof)]) == 0
    copies = list((tmp_path / "c-attachments").rglob("*Biên bản.pdf"))
    assert len(copies) == 1 and copies[0].read_bytes() == b"%PDF-1.4 bien ban"
    assert not list(_data_dir.rglob("*Biên bản.pdf"))


def test_files_attached_before_the_database_had_its_own_folder_are_still_found(tmp_path) -> None:
    from cchc_desktop.store.progress import attachment_path
    from cchc_desktop.store.store import Store
    from cchc_desktop.system import paths

    store = Store.open(tmp_path / "other.sqlite3")
    try:
        earlier = paths.data_dir() / "attachments" / "task-1" / "1-bc.pdf"
        earlier.parent.mkdir(parents=True)
        earlier.write_bytes(b"%PDF-1.4")
        assert attachment_path(store, "task-1/1-bc.pdf") == earlier
        assert attachment_path(store, "task-9/2-x.pdf") == tmp_path / "other-attachments" / "task-9" / "2-x.pdf"
    finally:
        store.close()
