"""Progress history: every report of work on a task or on one of its occurrences.

Entries are only ever added; the current state of a task or occurrence is its latest
entry. A non-recurring task's `status`/`completed_on` follow its latest task-level entry.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .domain import TaskStatus
from .errors import ValidationError
from .services import Store, _now, check_text


@dataclass
class ProgressEntry:
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
    attachments: list[str] = field(default_factory=list)


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some Windows set-ups; the entry still counts
        return ""


class ProgressService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, entry: ProgressEntry) -> ProgressEntry:
        """Add an entry (one transaction); a task-level entry also updates the task's state."""
        task = self.store.tasks.get(entry.task_id)
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
        with self.store.db.atomic():
            pid = int(self.store.db.table("progress_entries").insert(row).last_pk)  # type: ignore[arg-type]
            if entry.occurrence_due is None:
                task.status = state
                task.completed_on = done_on if state == TaskStatus.DONE else None
                if officer and not task.officer:
                    task.officer = officer
                self.store.tasks.update(task)
        return self.get(pid)

    def _from_row(self, r: dict[str, Any]) -> ProgressEntry:
        return ProgressEntry(
            id=r["id"], task_id=r["task_id"], occurrence_due=_d(r["occurrence_due"]), state=TaskStatus(r["state"]),
            done_on=_d(r["done_on"]), note=r["note"], count=r["count"], officer=r["officer"],
            evidence_number=r["evidence_number"], evidence_date=_d(r["evidence_date"]),
            evidence_link=r["evidence_link"], created_at=r["created_at"], created_by=r["created_by"],
        )

    def get(self, entry_id: int) -> ProgressEntry:
        rows = list(self.store.db.query("SELECT * FROM progress_entries WHERE id = ?", [entry_id]))
        if not rows:
            raise ValidationError("Không tìm thấy mục tiến độ.")
        return self._from_row(rows[0])

    def history(self, task_id: int) -> list[ProgressEntry]:
        """All entries of a task, oldest first."""
        return [
            self._from_row(r)
            for r in self.store.db.query("SELECT * FROM progress_entries WHERE task_id = ? ORDER BY id", [task_id])
        ]

    def entries(self, task_ids: Sequence[int] | None = None) -> list[ProgressEntry]:
        """Entries of many tasks (all when None), oldest first."""
        if task_ids is None:
            rows = self.store.db.query("SELECT * FROM progress_entries ORDER BY id")
        else:
            if not task_ids:
                return []
            rows = self.store.db.query(
                f"SELECT * FROM progress_entries WHERE task_id IN ({','.join('?' * len(task_ids))}) ORDER BY id",
                list(task_ids),
            )
        return [self._from_row(r) for r in rows]

    def latest_by_occurrence(self, task_ids: Sequence[int] | None = None) -> dict[tuple[int, dt.date | None], ProgressEntry]:
        """The current entry of each (task, occurrence due date); due None is the task as a whole."""
        out: dict[tuple[int, dt.date | None], ProgressEntry] = {}
        for e in self.entries(task_ids):
            out[(e.task_id, e.occurrence_due)] = e
        return out
