"""Attachments stay inside their folder, are copied atomically, are limited in size, and the
files of deleted tasks are swept once nothing can bring their rows back."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.store import attachments
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService, attachment_path, attachments_dir
from cchc_desktop.store.store import Store


@pytest.fixture
def office(db_path: Path):
    store = Store.open(db_path)
    load_demo(store)
    yield store
    store.close()


@pytest.fixture
def proof(tmp_path: Path) -> Path:
    src = tmp_path / "incoming" / "Biên bản.pdf"
    src.parent.mkdir()
    src.write_bytes(b"%PDF-1.4 bien ban" * 100)
    return src


def _task(store: Store):  # noqa: ANN202
    return store.tasks.rows()[0].task


def _record(store: Store, files: list[Path]):  # noqa: ANN202
    return ProgressService(store).record(ProgressEntry(task_id=int(_task(store).id), state=TaskStatus.DOING), files=files)


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("stored", [
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "C:win.ini",
    "\\\\may-chu\\chung\\bao-cao.pdf",
    "//may-chu/chung/bao-cao.pdf",
    "../../ngoai.pdf",
    "task-1\\..\\..\\ngoai.pdf",
])
def test_a_stored_path_outside_the_folder_is_refused_on_read(office: Store, proof: Path, stored: str) -> None:
    entry = _record(office, [proof])
    office.db.execute("UPDATE attachments SET stored_path = ? WHERE progress_id = ?", [stored, entry.id])
    (att,) = ProgressService(office).attachments([int(entry.id)])
    assert att.unsafe and "thư mục đính kèm" in att.unsafe
    with pytest.raises(ValidationError):
        att.path  # noqa: B018
    with pytest.raises(ValidationError):
        attachment_path(office, stored)


def test_a_symbolic_link_out_of_the_folder_is_refused(office: Store, proof: Path, tmp_path: Path) -> None:
    entry = _record(office, [proof])
    folder = attachments_dir(office)
    link = folder / "lien-ket"
    try:
        link.symlink_to(tmp_path / "incoming", target_is_directory=True)
    except OSError as exc:  # Windows, for an account without the privilege to make symbolic links
        pytest.skip(f"this account cannot make a symbolic link: {exc}")
    if not link.is_symlink():  # Wine 8 accepts the call and makes nothing
        pytest.skip("this system made no symbolic link")
    office.db.execute("UPDATE attachments SET stored_path = 'lien-ket/Biên bản.pdf' WHERE progress_id = ?", [entry.id])
    (att,) = ProgressService(office).attachments([int(entry.id)])
    assert att.unsafe


def test_a_failed_copy_leaves_no_file_and_no_row(office: Store, proof: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _record(office, [proof])  # the folder exists with one good file
    before_files = _all_files(attachments_dir(office))
    before_rows = office.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0]

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachments.os, "fsync", full_disk)
    with pytest.raises(ValidationError) as info:
        _record(office, [proof])
    assert "Không chép được tệp đính kèm" in info.value.message
    assert _all_files(attachments_dir(office)) == before_files  # no 0-byte file, no temporary file
    assert office.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == before_rows


def test_a_file_over_the_limit_is_refused_with_a_message(office: Store, tmp_path: Path) -> None:
    big = tmp_path / "Video phóng sự.mp4"
    with open(big, "wb") as fh:
        fh.truncate(attachments.MAX_ATTACHMENT_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(ValidationError) as info:
        _record(office, [big])
    assert "quá lớn" in info.value.message and "tối đa 50 MB" in info.value.message
    assert _all_files(attachments_dir(office)) == []
    assert office.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == 0


def test_sweep_removes_only_unnamed_files_written_before_the_session(office: Store, proof: Path, tmp_path: Path) -> None:
    kept_entry = _record(office, [proof])
    task = office.tasks.rows()[1].task
    gone_entry = ProgressService(office).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE), files=[proof])
    (kept,) = ProgressService(office).attachments([int(kept_entry.id)])
    (gone,) = ProgressService(office).attachments([int(gone_entry.id)])
    folder = attachments_dir(office)
    leftover = folder / "task-1" / ".cchc-abc.tmp"  # a copy killed half-way
    leftover.write_bytes(b"half")
    hour_ago = time.time() - 3600
    for path in (kept.path, gone.path, leftover):
        os.utime(path, (hour_ago, hour_ago))

    office.tasks.delete([int(task.id)])  # its rows go; its file stays for undo
    assert gone.path.exists()
    session_start = time.time() - 60
    fresh = folder / "task-99" / "moi-chep.pdf"  # written in this session, named by no row (yet)
    fresh.parent.mkdir()
    fresh.write_bytes(b"new")

    rows = attachments.stored_rows(office.db.conn)
    removed = attachments.sweep(folder, rows, written_before=session_start)

    assert sorted(removed) == sorted([gone.stored_path, "task-1/.cchc-abc.tmp"])
    assert kept.path.read_bytes() == proof.read_bytes()
    assert fresh.exists()
    assert not gone.path.parent.exists()  # the emptied task folder went too
