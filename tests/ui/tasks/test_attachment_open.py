"""The progress history never hands a path outside the attachments folder to the system."""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService


def test_an_attachment_path_pointing_outside_is_not_opened(qtbot, demo_store, errors, monkeypatch, tmp_path: Path) -> None:
    from ui.common.controller import Controller
    from ui.tasks import progress_dialog

    src = tmp_path / "Biên bản.pdf"
    src.write_bytes(b"%PDF-1.4")
    task = demo_store.tasks.rows()[0].task
    service = ProgressService(demo_store)
    good = service.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING), files=[src])
    bad = service.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING), files=[src])
    demo_store.db.execute("UPDATE attachments SET stored_path = ? WHERE progress_id = ?",
                          ["\\\\may-chu\\chung\\virus.exe", bad.id])
    opened: list[str] = []
    monkeypatch.setattr(progress_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    dialog = progress_dialog.ProgressDialog(Controller(demo_store), int(task.id))
    qtbot.addWidget(dialog)
    column = len(progress_dialog.HISTORY_COLUMNS) - 1
    # newest first: row 0 is the tampered entry, row 1 the good one
    dialog._open_attachment(dialog.history.model().index(0, column))
    assert opened == [] and errors and "thư mục đính kèm" in errors[-1]
    dialog._open_attachment(dialog.history.model().index(1, column))
    (att,) = service.attachments([int(good.id)])
    assert opened == [str(att.path)]
