"""Progress history: every report of work on a task or on one of its occurrences.

Entries are only ever added; the current state of a task or occurrence is its latest
entry. A non-recurring task's `status`/`completed_on` follow its latest task-level entry.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_desktop.errors import ValidationError, os_error_text
from cchc_desktop.store import attachments
from cchc_desktop.store.checks import MAX_FIELD_CHARS, _now, as_read, check_text
from cchc_desktop.store.connection import in_chunks, marks
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.store import Store
from cchc_desktop.system import paths


@dataclass
class ProgressEntry:
    """One report of work on a task or on one of its rounds, with its evidence; never overwritten."""
    id: int | None = None
    task_id: int = 0
    occurrence_due: dt.date | None = None  # None: the task as a whole
    state: TaskStatus = TaskStatus.DOING
    done_on: dt.date | None = None  # the date the work was done
    note: str = ""
    count: int | None = None  # quantity achieved against the quota ("3 tin, bài")
    officer: str = ""
    evidence_number: str = ""  # "Công văn số 12/STTTT-TTBCXB"
    evidence_date: dt.date | None = None
    evidence_link: str = ""
    created_at: str = ""
    created_by: str = ""
    attachments: list[str] = field(default_factory=list)  # file names as attached


@dataclass
class Attachment:
    """A file attached to a progress entry, copied into the database's attachments folder."""

    id: int
    progress_id: int
    file_name: str  # the name it had when attached
    stored_path: str  # relative to the database's attachments folder (`attachments_dir`)
    folder: Path  # that folder, where the database is now
    created_at: str = ""

    @property
    def path(self) -> Path:
        """The file, inside the attachments folder; a stored path pointing anywhere else
        (absolute, `..`, UNC) raises ValidationError and is never opened."""
        return attachments.resolve(self.folder, self.stored_path)

    @property
    def unsafe(self) -> str | None:
        """Why the stored path may not be opened, or None."""
        try:
            attachments.resolve(self.folder, self.stored_path)
        except ValidationError as exc:
            return exc.message
        return None


# Attachments of in-memory databases: a temporary folder each, removed when the store goes.
_TEMPORARY_FOLDERS: weakref.WeakKeyDictionary[Store, tempfile.TemporaryDirectory[str]] = weakref.WeakKeyDictionary()


def attachments_dir(store: Store) -> Path:
    """The attachments folder of `store`'s database (`paths.attachments_dir`); a temporary one in memory."""
    if store.path is not None:
        return paths.attachments_dir(store.path)
    folder = _TEMPORARY_FOLDERS.get(store)
    if folder is None:
        folder = _TEMPORARY_FOLDERS[store] = paths.temporary_attachments_dir()
    return Path(folder.name)


def attachment_path(store: Store, stored_path: str) -> Path:
    """Where an attachment lives now (the database may have moved since it was attached).
    Files attached before each database had its own folder are found in the per-user one."""
    path = attachments.resolve(attachments_dir(store), stored_path)
    if not path.exists() and store.path is not None:
        earlier = paths.data_dir() / "attachments" / stored_path
        if earlier.exists():
            return earlier
    return path


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _current_user() -> str:
    import getpass  # (for writing an entry only: reading one does not load it)

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some Windows set-ups; the entry still counts
        return ""


class ProgressService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, entry: ProgressEntry, files: Sequence[str | Path] = ()) -> ProgressEntry:
        """Add an entry (one transaction); a task-level entry also updates the task's state.
        `files` are copied into the database's attachments folder and listed as the entry's attachments."""
        task = self.store.tasks.get(entry.task_id)
        sources = [Path(f) for f in files]
        for src in sources:
            if not os.path.isfile(paths.long_path(src)):
                raise ValidationError(f"Không tìm thấy tệp đính kèm «{src}».")
            attachments.check_size(src)
        state = TaskStatus(entry.state)
        note = check_text("Kết quả thực hiện", entry.note)
        officer = check_text("Người thực hiện", entry.officer, limit=200)
        number = check_text("Số văn bản minh chứng", entry.evidence_number, limit=200)
        link = check_text("Đường dẫn minh chứng", entry.evidence_link, limit=2000)
        if entry.count is not None and not (0 <= entry.count <= 1_000_000):
            raise ValidationError("Số lượng phải là số nguyên từ 0 đến 1.000.000.")
        done_on = entry.done_on or (dt.date.today() if state == TaskStatus.DONE else None)
        if done_on and done_on > dt.date.today() + dt.timedelta(days=1):
            raise ValidationError("Ngày thực hiện không thể ở tương lai.")
        row: dict[str, Any] = {
            "task_id": task.id,
            "occurrence_due": entry.occurrence_due.isoformat() if entry.occurrence_due else None,
            "state": state.value,
            "done_on": done_on.isoformat() if done_on else None,
            "note": note,
            "count": entry.count,
            "officer": officer,
            "evidence_number": number,
            "evidence_date": entry.evidence_date.isoformat() if entry.evidence_date else None,
            "evidence_link": link,
            "created_at": _now(),
            "created_by": entry.created_by or _current_user(),
        }
        copied: list[Path] = []
        try:
            with self.store.db.atomic():
                # under the write lock: a task another process deleted since it was read above is
                # "not found", not a foreign key error
                task = self.store.tasks.get(int(task.id or 0))
                pid = self.store.db.insert("progress_entries", row)
                for src in sources:
                    stored = self._copy_in(int(task.id or 0), pid, src)
                    copied.append(attachment_path(self.store, stored))
                    self.store.db.insert(
                        "attachments",
                        {"progress_id": pid, "file_name": src.name, "stored_path": stored, "created_at": row["created_at"]})
                self._update_task(task, entry, state, done_on, officer)
        except OSError as exc:
            for path in copied:
                path.unlink(missing_ok=True)
            raise ValidationError(f"Không chép được tệp đính kèm: {os_error_text(exc)}") from exc
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
        return self.get(pid)

    def _copy_in(self, task_id: int, progress_id: int, src: Path) -> str:
        root = attachments_dir(self.store)
        folder = root / f"task-{task_id}"
        folder.mkdir(parents=True, exist_ok=True)
        # A long Vietnamese file name is shortened in the data folder (the list shows the
        # original name) so that Windows programs can open it; the source is read whatever its length.
        target = folder / paths.fit_name(f"{progress_id}-{src.name}", folder)
        n = 1
        while os.path.exists(paths.long_path(target)):
            n += 1
            target = folder / paths.fit_name(f"{progress_id}-{n}-{src.name}", folder)
        attachments.copy_atomically(src, target)  # temp + replace: never a half or 0-byte file
        return target.relative_to(root).as_posix()

    def _update_task(self, task: Any, entry: ProgressEntry, state: TaskStatus, done_on: dt.date | None,
                     officer: str) -> None:
        if entry.occurrence_due is not None:
            return  # an occurrence's state lives in its entries only
        task = self.store.tasks.get(int(task.id))  # as it is now, under the write lock: no other field goes back
        task.status = state
        task.completed_on = done_on if state == TaskStatus.DONE else None
        if officer and not task.officer:
            task.officer = officer
        self.store.tasks.update(task)

    def _from_row(self, r: dict[str, Any]) -> ProgressEntry:
        return ProgressEntry(
            id=r["id"], task_id=r["task_id"], occurrence_due=_d(r["occurrence_due"]), state=TaskStatus(r["state"]),
            done_on=_d(r["done_on"]), note=as_read(r["note"], MAX_FIELD_CHARS), count=r["count"],
            officer=as_read(r["officer"], 200), evidence_number=as_read(r["evidence_number"], 200),
            evidence_date=_d(r["evidence_date"]), evidence_link=as_read(r["evidence_link"], 2000),
            created_at=r["created_at"], created_by=r["created_by"],
        )

    def get(self, entry_id: int) -> ProgressEntry:
        rows = list(self.store.db.query("SELECT * FROM progress_entries WHERE id = ?", [entry_id]))
        if not rows:
            raise ValidationError("Không tìm thấy mục tiến độ.")
        entry = self._from_row(rows[0])
        entry.attachments = self.attachment_names([entry_id]).get(entry_id, [])
        return entry

    def history(self, task_id: int) -> list[ProgressEntry]:
        """All entries of a task, oldest first, with the names of their attached files."""
        entries = [
            self._from_row(r)
            for r in self.store.db.query("SELECT * FROM progress_entries WHERE task_id = ? ORDER BY id", [task_id])
        ]
        names = self.attachment_names([int(e.id or 0) for e in entries])
        for e in entries:
            e.attachments = names.get(int(e.id or 0), [])
        return entries

    def attachments(self, entry_ids: Sequence[int]) -> list[Attachment]:
        """The files attached to these entries, in the order attached."""
        if not entry_ids:
            return []
        out: list[Attachment] = []
        folder = attachments_dir(self.store)
        for chunk in in_chunks(entry_ids):
            out.extend(
                Attachment(id=r["id"], progress_id=r["progress_id"], file_name=r["file_name"],
                           stored_path=r["stored_path"], folder=folder, created_at=r["created_at"])
                for r in self.store.db.query(f"SELECT * FROM attachments WHERE progress_id IN ({marks(chunk)})", chunk)
            )
        out.sort(key=lambda a: a.id)
        return out

    def attachment_names(self, entry_ids: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for a in self.attachments(entry_ids):
            out[a.progress_id].append(a.file_name)
        return dict(out)

    def entries(self, task_ids: Sequence[int] | None = None) -> list[ProgressEntry]:
        """Entries of many tasks (all when None), oldest first."""
        rows: list[dict[str, Any]] = []
        if task_ids is None:
            rows.extend(self.store.db.query("SELECT * FROM progress_entries ORDER BY id"))
        else:
            for chunk in in_chunks(task_ids):
                rows.extend(self.store.db.query(f"SELECT * FROM progress_entries WHERE task_id IN ({marks(chunk)})", chunk))
            rows.sort(key=lambda r: r["id"])
        return [self._from_row(r) for r in rows]

    def entries_of_plans(self, plan_ids: Sequence[int]) -> list[ProgressEntry]:
        """Entries of the tasks of these plans, oldest first (`entries` of their task ids, read
        without naming each task)."""
        rows: list[dict[str, Any]] = []
        ids = list(dict.fromkeys(plan_ids))
        # Most of the plans: each entry read once and its task's plan looked up (SQLite would
        # otherwise look up the entries of every task of those plans); a few: their tasks' entries.
        join = "CROSS JOIN" if ids and 2 * len(ids) > self.store.plans.count() else "JOIN"
        for chunk in in_chunks(ids):
            rows.extend(self.store.db.query(
                f"SELECT e.* FROM progress_entries e {join} tasks t ON t.id = e.task_id WHERE t.plan_id IN ({marks(chunk)})",
                chunk))
        rows.sort(key=lambda r: r["id"])
        return [self._from_row(r) for r in rows]

    def latest_by_occurrence(self, task_ids: Sequence[int] | None = None) -> dict[tuple[int, dt.date | None], ProgressEntry]:
        """The current entry of each (task, occurrence due date); due None is the task as a whole."""
        out: dict[tuple[int, dt.date | None], ProgressEntry] = {}
        for e in self.entries(task_ids):
            out[(e.task_id, e.occurrence_due)] = e
        return out
