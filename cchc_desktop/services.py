"""Services over the database: plans, appendices, groups, tasks, agencies and settings.

Every public method that writes runs in one transaction and either changes everything
it was asked to or nothing. Methods take and return domain dataclasses; nothing outside
the core sees SQL.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlite_utils

from . import agencies as agency_names
from .db import Database, open_database
from .domain import (
    NUMBER_SYMBOL_RE,
    Agency,
    AgencyRef,
    Appendix,
    DeletedTasks,
    Plan,
    PlanSnapshot,
    PlanStatus,
    Section,
    Task,
    TaskGroup,
    TaskHistory,
    TaskRow,
    TaskStatus,
)
from .errors import ConflictError, NotFoundError, ValidationError
from .textnorm import clean, fold, one_line, sort_key

MAX_FIELD_CHARS = 20_000
MAX_SHORT_CHARS = 1_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_TEXT = re.compile("[\ufffe\uffff\ud800-\udfff]")  # non-characters; a lone surrogate is a byte that was not UTF-8


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def check_text(label: str, value: str | None, *, limit: int = MAX_FIELD_CHARS, required: bool = False) -> str:
    """NFC-normalised text, or a Vietnamese ValidationError for empty/huge/garbage input."""
    text = clean(value)
    if required and not text:
        raise ValidationError(f"{label} không được để trống.")
    if len(text) > limit:
        raise ValidationError(
            f"{label} quá dài ({len(text):,} ký tự; tối đa {limit:,}).".replace(",", ".")
        )
    if _CONTROL.search(text):
        raise ValidationError(f"{label} có ký tự điều khiển không in được (dữ liệu dán vào bị lỗi?).")
    if _NOT_TEXT.search(text):
        raise ValidationError(f"{label} có ký tự không hợp lệ (mã U+FFFE/U+FFFF, hoặc byte không phải UTF-8 ở dòng lệnh); "
                              "hãy gõ lại hoặc dán lại đoạn chữ đó.")
    return text


def number_symbol_warning(number: str) -> str | None:
    """A warning (not an error) when a number/symbol is not of the usual shape."""
    if not number.strip():
        return None
    if NUMBER_SYMBOL_RE.match(number):
        return None
    return (
        f"Số, ký hiệu «{number}» không theo dạng thường gặp (ví dụ 95/KH-UBND, 3060/QĐ-UBND). "
        "Vẫn lưu như đã nhập."
    )


class Store:
    """All services over one database file."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.plans = PlanService(self)
        self.tasks = TaskService(self)
        self.agencies = AgencyService(self)
        self.settings = SettingsService(self)
        self._cache_version = self._poll_version = self._data_version()
        if isinstance(db, Database):
            db.on_begin = self._drop_stale_caches

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _drop_stale_caches(self) -> None:
        """At the start of each write: what another process committed since the caches were
        filled (an agency added or removed elsewhere) is read again before it is relied on."""
        version = self._data_version()
        if version != self._cache_version:
            self._cache_version = version
            self.agencies._invalidate()

    def changed_elsewhere(self) -> bool:
        """Whether another window or process committed a change since the last call (the
        window polls this to reload its views); the caches are dropped when it did."""
        version = self._data_version()
        if version == self._poll_version:
            return False
        self._poll_version = version
        self._drop_stale_caches()
        return True

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        from . import paths

        db_path = Path(path) if path is not None else paths.default_db_path()
        store = cls(open_database(db_path), db_path)
        store.agencies.ensure_defaults()
        return store

    @classmethod
    def memory(cls) -> Store:
        store = cls(open_database(memory=True))
        store.agencies.ensure_defaults()
        return store

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------- settings


class SettingsService:
    """Office-wide settings stored in the database (office name, document defaults ...)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self.store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self.store.db.atomic():
            self.store.db.execute(
                "INSERT INTO settings(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    def all(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.store.db.execute("SELECT key, value FROM settings")}


# --------------------------------------------------------------------------- plans


class PlanService:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    # reading ------------------------------------------------------------

    def _from_row(self, row: dict[str, Any], appendices: list[Appendix]) -> Plan:
        return Plan(
            id=row["id"],
            number=row["number"],
            issuer=row["issuer"],
            parent_body=row["parent_body"],
            act_authority=row["act_authority"],
            place=row["place"],
            issue_date=_date_or_none(row["issue_date"]),
            period_start=row["period_start"],
            period_end=row["period_end"],
            title=row["title"],
            status=PlanStatus(row["status"]),
            signer_authority=row["signer_authority"],
            signer_position=row["signer_position"],
            signer_name=row["signer_name"],
            proposer=row["proposer"],
            legal_bases=json.loads(row["legal_bases"]),
            recipients=json.loads(row["recipients"]),
            sections=[Section(**s) for s in json.loads(row["sections"])],
            appendices=appendices,
            notes=row["notes"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    def _appendices_by_plan(self, plan_ids: Sequence[int] | None = None) -> dict[int, list[Appendix]]:
        sql = "SELECT id, plan_id, position, title FROM appendices"
        params: list[Any] = []
        if plan_ids is not None:
            sql += f" WHERE plan_id IN ({','.join('?' * len(plan_ids))})"
            params = list(plan_ids)
        out: dict[int, list[Appendix]] = defaultdict(list)
        for aid, pid, pos, title in self.db.execute(sql + " ORDER BY plan_id, position, id", params):
            out[pid].append(Appendix(id=aid, plan_id=pid, position=pos, title=title))
        return out

    def list(self) -> list[Plan]:
        """All plans, newest period first."""
        rows = list(self.db.query("SELECT * FROM plans ORDER BY period_start DESC, issue_date DESC, id DESC"))
        apps = self._appendices_by_plan()
        return [self._from_row(r, apps.get(r["id"], [])) for r in rows]

    def get(self, plan_id: int) -> Plan:
        rows = list(self.db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
        if not rows:
            raise NotFoundError(f"Không tìm thấy kế hoạch số hiệu nội bộ {plan_id}.")
        return self._from_row(rows[0], self._appendices_by_plan([plan_id]).get(plan_id, []))

    def task_count(self, plan_id: int) -> int:
        return int(self.db.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", [plan_id]).fetchone()[0])

    def task_counts(self) -> dict[int, int]:
        return dict(self.db.execute("SELECT plan_id, count(*) FROM tasks GROUP BY plan_id").fetchall())

    # validation ---------------------------------------------------------

    def validate(self, plan: Plan) -> tuple[Plan, builtins.list[str]]:
        """A cleaned copy of the plan and the warnings to show; raises on errors."""
        warnings: list[str] = []
        p = replace(plan)
        p.title = check_text("Trích yếu (tên kế hoạch)", plan.title, limit=MAX_SHORT_CHARS * 2, required=True)
        p.number = one_line(check_text("Số, ký hiệu", plan.number, limit=100))
        p.issuer = check_text("Cơ quan ban hành", plan.issuer, limit=MAX_SHORT_CHARS)
        p.parent_body = check_text("Cơ quan chủ quản", plan.parent_body, limit=MAX_SHORT_CHARS)
        p.act_authority = check_text("Thẩm quyền ban hành", plan.act_authority, limit=MAX_SHORT_CHARS)
        p.place = check_text("Địa danh", plan.place, limit=200)
        p.signer_authority = check_text("Quyền hạn ký", plan.signer_authority, limit=200)
        p.signer_position = check_text("Chức vụ người ký", plan.signer_position, limit=200)
        p.signer_name = check_text("Họ tên người ký", plan.signer_name, limit=200)
        p.proposer = check_text("Theo đề nghị của", plan.proposer, limit=MAX_SHORT_CHARS * 2)
        p.notes = check_text("Ghi chú", plan.notes)
        p.legal_bases = [check_text("Căn cứ", b, limit=MAX_SHORT_CHARS * 4) for b in plan.legal_bases if clean(b)]
        p.recipients = [check_text("Nơi nhận", r, limit=MAX_SHORT_CHARS) for r in plan.recipients if clean(r)]
        p.sections = [
            Section(check_text("Tiêu đề mục", s.heading, limit=MAX_SHORT_CHARS), check_text("Nội dung mục", s.body, limit=200_000))
            for s in plan.sections
            if clean(s.heading) or clean(s.body)
        ]
        p.appendices = [
            replace(a, title=check_text("Tên phụ lục", a.title, limit=MAX_SHORT_CHARS)) for a in plan.appendices
        ]
        if not p.period_start or not (1945 <= p.period_start <= 2200):
            raise ValidationError("Kỳ kế hoạch phải là một năm hợp lệ (ví dụ 2025).")
        if not p.period_end:
            p.period_end = p.period_start
        if not (p.period_start <= p.period_end <= p.period_start + 20):
            raise ValidationError("Năm kết thúc kỳ kế hoạch phải từ năm bắt đầu trở đi (tối đa 20 năm).")
        if p.issue_date is not None and not (1945 <= p.issue_date.year <= 2200):
            raise ValidationError("Ngày ban hành không hợp lệ.")
        warning = number_symbol_warning(p.number)
        if warning:
            warnings.append(warning)
        if not isinstance(p.status, PlanStatus):
            p.status = PlanStatus(p.status)
        return p, warnings

    # writing ------------------------------------------------------------

    def _row(self, p: Plan) -> dict[str, Any]:
        return {
            "number": p.number,
            "issuer": p.issuer,
            "parent_body": p.parent_body,
            "act_authority": p.act_authority,
            "place": p.place,
            "issue_date": p.issue_date.isoformat() if p.issue_date else None,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "title": p.title,
            "status": p.status.value,
            "signer_authority": p.signer_authority,
            "signer_position": p.signer_position,
            "signer_name": p.signer_name,
            "proposer": p.proposer,
            "legal_bases": json.dumps(p.legal_bases, ensure_ascii=False),
            "recipients": json.dumps(p.recipients, ensure_ascii=False),
            "sections": json.dumps([{"heading": s.heading, "body": s.body} for s in p.sections], ensure_ascii=False),
            "notes": p.notes,
        }

    def create(self, plan: Plan) -> Plan:
        p, _ = self.validate(plan)
        now = _now()
        with self.db.atomic():
            row = self._row(p) | {"created_at": now, "updated_at": now}
            if plan.id is not None:
                row["id"] = plan.id
            plan_id = self.db.table("plans").insert(row).last_pk
            appendices = p.appendices or [Appendix(title="")]
            for i, a in enumerate(appendices):
                arow: dict[str, Any] = {"plan_id": plan_id, "position": i, "title": a.title}
                if a.id is not None and plan.id is not None:
                    arow["id"] = a.id
                self.db.table("appendices").insert(arow)
        return self.get(int(plan_id))  # type: ignore[arg-type]

    def update(self, plan: Plan, base: Plan | None = None) -> Plan:
        """Save metadata and the appendix list (added, renamed, reordered, removed); see `edit`."""
        return self.edit(plan, base).after

    def edit(self, plan: Plan, base: Plan | None = None, *, undoing: bool = False) -> PlanEdit:
        """Save the plan form. With `base`, the plan as it was read into the form, only the
        fields and appendices the form changed are written: a field another window or process
        changed since is refused (ConflictError, nothing saved), and appendices the form never
        showed (added elsewhere) are kept. Without `base` the form is taken as the whole plan.
        `undoing`: appendices to remove must still be empty (an undo removes only what its
        edit created, never tasks added since)."""
        if plan.id is None:
            raise ValidationError("Kế hoạch chưa được lưu.")
        self.get(plan.id)
        p, _ = self.validate(plan)
        if not p.appendices:
            raise ValidationError("Kế hoạch phải có ít nhất một phụ lục.")
        with self.db.atomic():
            current = self.get(int(p.id))  # type: ignore[arg-type]
            before = base if base is not None else current
            new_row, base_row, now_row = self._row(p), self._row(before), self._row(current)
            names = [k for k in new_row if new_row[k] != base_row[k]]
            stale = [_PLAN_FIELD_LABELS.get(k, k) for k in names if now_row[k] not in (base_row[k], new_row[k])]
            known = {a.id: a for a in before.appendices if a.id is not None}
            now_apps = {a.id: a for a in current.appendices}
            kept = [a for a in p.appendices if a.id is None or a.id in now_apps]
            for a in p.appendices:
                old = known.get(a.id) if a.id is not None else None
                if a.id is not None and old is not None and a.title != old.title:
                    if a.id not in now_apps:
                        stale.append(f"phụ lục «{old.title}» (đã bị xóa)")
                    elif now_apps[a.id].title not in (old.title, a.title):
                        stale.append(f"tên phụ lục «{old.title}»")
            if stale:
                raise ConflictError(
                    f"Kế hoạch «{one_line(current.title)[:80]}» vừa được thay đổi ở nơi khác (cửa sổ khác, dòng lệnh "
                    f"hoặc nhập văn bản): {', '.join(stale)}. Thay đổi của bạn chưa được lưu để không ghi đè lên đó; "
                    "hãy xem lại kế hoạch rồi sửa lại nếu cần."
                )
            wanted = {a.id for a in kept if a.id is not None}
            removed = [now_apps[aid] for aid in known if aid not in wanted and aid in now_apps]
            if not kept:
                raise ValidationError("Kế hoạch phải có ít nhất một phụ lục.")
            snap = self._appendices_snapshot(current, removed)
            if undoing:
                for a in removed:
                    if any(t.appendix_id == a.id for t in snap.tasks) or any(g.appendix_id == a.id for g in snap.groups):
                        raise ConflictError(
                            f"Phụ lục «{a.title}» đã có nhiệm vụ được thêm sau khi tạo; không hoàn tác được "
                            "để không xóa các nhiệm vụ đó."
                        )
            if names:
                sets = ", ".join(f"{k} = ?" for k in names)
                self.db.execute(f"UPDATE plans SET {sets}, updated_at = ? WHERE id = ?",
                                [*(new_row[k] for k in names), _now(), p.id])
            for a in removed:
                self.db.execute("DELETE FROM appendices WHERE id = ?", [a.id])
            unseen = [a for a in current.appendices if a.id not in known and a.id not in wanted]
            added: builtins.list[int] = []
            for i, a in enumerate([*kept, *unseen]):
                if a.id is None:
                    added.append(int(self.db.table("appendices").insert(  # type: ignore[arg-type]
                        {"plan_id": p.id, "position": i, "title": a.title}).last_pk))
                    continue
                title = a.title if a.id in known and a.title != known[a.id].title else now_apps[a.id].title
                self.db.execute("UPDATE appendices SET position = ?, title = ? WHERE id = ? AND plan_id = ?",
                                [i, title, a.id, p.id])
        return PlanEdit(before=before, after=self.get(int(p.id)), removed=snap, added=tuple(added))  # type: ignore[arg-type]

    def undo_edit(self, edit: PlanEdit) -> None:
        """Take back exactly what `edit` did: its fields, renamed and removed appendices (with
        their tasks and history), the appendices it added (only while still empty). Refused
        with ConflictError where something was changed again since."""
        with self.db.atomic():
            self.restore_appendices(edit.removed)
            before_ids = {a.id for a in edit.before.appendices}
            seen = replace(edit.after, appendices=[a for a in edit.after.appendices
                                                   if a.id in before_ids or a.id in edit.added])
            self.edit(edit.before, seen, undoing=True)

    def _appendices_snapshot(self, plan: Plan, appendices: Sequence[Appendix]) -> PlanSnapshot:
        ids = {a.id for a in appendices}
        groups = [g for g in self.store.tasks.groups_of_plan(int(plan.id)) if g.appendix_id in ids] if ids else []  # type: ignore[arg-type]
        tasks = [t for t in self.store.tasks.tasks_of_plan(int(plan.id)) if t.appendix_id in ids] if ids else []  # type: ignore[arg-type]
        history = self.store.tasks.history_of([int(t.id) for t in tasks])  # type: ignore[arg-type]
        return PlanSnapshot(plan=replace(plan, appendices=list(appendices)), groups=groups, tasks=tasks, history=history)

    def restore_appendices(self, snap: PlanSnapshot) -> None:
        """Put removed appendices back with the same ids, groups, tasks and history."""
        with self.db.atomic():
            for a in snap.plan.appendices:
                self.db.execute("INSERT INTO appendices (id, plan_id, position, title) VALUES (?, ?, ?, ?)",
                                [a.id, snap.plan.id, a.position, a.title])
            for g in snap.groups:
                self.db.table("task_groups").insert(
                    {"id": g.id, "appendix_id": g.appendix_id, "position": g.position, "title": g.title}
                )
            self.store.tasks._insert_many(snap.tasks, keep_ids=True)
            self.store.tasks.restore_history(snap.history)

    def snapshot(self, plan_id: int) -> PlanSnapshot:
        plan = self.get(plan_id)
        groups = self.store.tasks.groups_of_plan(plan_id)
        tasks = self.store.tasks.tasks_of_plan(plan_id)
        history = self.store.tasks.history_of([int(t.id) for t in tasks])  # type: ignore[arg-type]
        return PlanSnapshot(plan=plan, groups=groups, tasks=tasks, history=history)

    def delete(self, plan_id: int) -> PlanSnapshot:
        """Delete a plan with its appendices and tasks; the snapshot restores it."""
        snap = self.snapshot(plan_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
        return snap

    def take_back(self, plan_id: int, created_tasks: Iterable[int]) -> PlanSnapshot:
        """Delete a plan just created (undo of create, duplicate, import), unless tasks or
        progress were added to it since (elsewhere, or in this window): those are refused
        with ConflictError rather than deleted with it."""
        with self.db.atomic():
            snap = self.snapshot(plan_id)
            extra = {int(t.id) for t in snap.tasks} - set(created_tasks)  # type: ignore[arg-type]
            if extra or snap.history.progress:
                raise ConflictError(
                    f"Kế hoạch «{one_line(snap.plan.title)[:80]}» đã có "
                    + ("nhiệm vụ" if extra else "tiến độ")
                    + " được thêm sau khi tạo; không hoàn tác được để không xóa dữ liệu đó "
                    "(hãy xóa kế hoạch nếu thật sự muốn)."
                )
            self.db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
        return snap

    def restore(self, snap: PlanSnapshot) -> Plan:
        """Put a deleted plan back with the same ids (undo of delete)."""
        with self.db.atomic():
            plan = self.create(snap.plan)
            for g in snap.groups:
                self.db.table("task_groups").insert(
                    {"id": g.id, "appendix_id": g.appendix_id, "position": g.position, "title": g.title}
                )
            self.store.tasks._insert_many(snap.tasks, keep_ids=True)
            self.store.tasks.restore_history(snap.history)
        return plan

    def import_snapshot(self, snap: PlanSnapshot) -> Plan:
        """Insert a plan with fresh ids (duplicate, carry forward, import)."""
        with self.db.atomic():
            src = snap.plan
            plan = self.create(replace(src, id=None, appendices=[replace(a, id=None) for a in src.appendices]))
            app_map = {old.id: new.id for old, new in zip(src.appendices, plan.appendices, strict=False)}
            group_map: dict[int | None, int | None] = {None: None}
            for g in snap.groups:
                gid = self.db.table("task_groups").insert(
                    {"appendix_id": app_map[g.appendix_id], "position": g.position, "title": g.title}
                ).last_pk
                group_map[g.id] = gid
            first_app = plan.appendices[0].id
            tasks = [
                replace(
                    t,
                    id=None,
                    plan_id=plan.id,
                    appendix_id=app_map.get(t.appendix_id, first_app),
                    group_id=group_map.get(t.group_id),
                )
                for t in snap.tasks
            ]
            self.store.tasks._insert_many(tasks, keep_ids=False)
        return self.get(int(plan.id))  # type: ignore[arg-type]

    def duplicate(self, plan_id: int) -> Plan:
        """A draft copy for new work: the tasks come without their progress, so open again."""
        snap = self.snapshot(plan_id)
        p = snap.plan
        snap.plan = replace(p, title=f"{p.title} (bản sao)", status=PlanStatus.DRAFT, number=_blank_number(p.number))
        snap.tasks = [replace(t, status=TaskStatus.TODO, completed_on=None) for t in snap.tasks]
        return self.import_snapshot(snap)


@dataclass
class PlanEdit:
    """One save of the plan form: the plan as the form read it and as saved, the appendices
    the save removed (with their groups, tasks and history) and the ids of those it added."""

    before: Plan
    after: Plan
    removed: PlanSnapshot
    added: tuple[int, ...] = ()


_PLAN_FIELD_LABELS = {
    "number": "số, ký hiệu", "issuer": "cơ quan ban hành", "parent_body": "cơ quan chủ quản",
    "act_authority": "thẩm quyền ban hành", "place": "địa danh", "issue_date": "ngày ban hành",
    "period_start": "năm bắt đầu", "period_end": "năm kết thúc", "title": "trích yếu",
    "status": "trạng thái", "signer_authority": "quyền hạn ký", "signer_position": "chức vụ người ký",
    "signer_name": "người ký", "proposer": "theo đề nghị của", "legal_bases": "căn cứ",
    "recipients": "nơi nhận", "sections": "nội dung các mục", "notes": "ghi chú",
}


def _blank_number(number: str) -> str:
    """A copy is a draft: keep the symbol, drop the number ("/KH-UBND")."""
    if "/" in number:
        return "/" + number.split("/", 1)[1]
    return ""


# --------------------------------------------------------------------------- tasks


class TaskService:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    # groups -------------------------------------------------------------

    def groups(self, appendix_id: int) -> list[TaskGroup]:
        return [
            TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=r[3])
            for r in self.db.execute(
                "SELECT id, appendix_id, position, title FROM task_groups WHERE appendix_id = ? ORDER BY position, id",
                [appendix_id],
            )
        ]

    def groups_of_plan(self, plan_id: int) -> list[TaskGroup]:
        return [
            TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=r[3])
            for r in self.db.execute(
                "SELECT g.id, g.appendix_id, g.position, g.title FROM task_groups g "
                "JOIN appendices a ON a.id = g.appendix_id WHERE a.plan_id = ? ORDER BY a.position, g.position, g.id",
                [plan_id],
            )
        ]

    def groups_by_appendix(self, plan_id: int | None = None) -> dict[int, list[TaskGroup]]:
        """Groups of every appendix (of one plan, or of all plans), in printed order."""
        sql = "SELECT g.id, g.appendix_id, g.position, g.title FROM task_groups g"
        params: list[Any] = []
        if plan_id is not None:
            sql += " JOIN appendices a ON a.id = g.appendix_id WHERE a.plan_id = ?"
            params.append(plan_id)
        out: dict[int, list[TaskGroup]] = defaultdict(list)
        for r in self.db.execute(sql + " ORDER BY g.appendix_id, g.position, g.id", params):
            out[r[1]].append(TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=r[3]))
        return out

    def add_group(self, appendix_id: int, title: str, position: int | None = None) -> TaskGroup:
        title = check_text("Tên nhóm", title, limit=MAX_SHORT_CHARS, required=True)
        with self.db.atomic():
            if position is None:
                position = int(
                    self.db.execute(
                        "SELECT coalesce(max(position) + 1, 0) FROM task_groups WHERE appendix_id = ?", [appendix_id]
                    ).fetchone()[0]
                )
            else:
                self.db.execute(
                    "UPDATE task_groups SET position = position + 1 WHERE appendix_id = ? AND position >= ?",
                    [appendix_id, position],
                )
            gid = self.db.table("task_groups").insert({"appendix_id": appendix_id, "position": position, "title": title}).last_pk
        return TaskGroup(id=int(gid), appendix_id=appendix_id, position=position, title=title)  # type: ignore[arg-type]

    def rename_group(self, group_id: int, title: str) -> None:
        title = check_text("Tên nhóm", title, limit=MAX_SHORT_CHARS, required=True)
        with self.db.atomic():
            self.db.execute("UPDATE task_groups SET title = ? WHERE id = ?", [title, group_id])

    def delete_group(self, group_id: int) -> TaskGroup:
        """Remove a group row; its tasks stay, ungrouped at the end of the appendix."""
        row = self.db.execute("SELECT id, appendix_id, position, title FROM task_groups WHERE id = ?", [group_id]).fetchone()
        if not row:
            raise NotFoundError("Không tìm thấy nhóm.")
        with self.db.atomic():
            base = self._next_position(row[1], None)
            ids = [r[0] for r in self.db.execute("SELECT id FROM tasks WHERE group_id = ? ORDER BY position", [group_id])]
            for i, tid in enumerate(ids):
                self.db.execute("UPDATE tasks SET group_id = NULL, position = ? WHERE id = ?", [base + i, tid])
            self.db.execute("DELETE FROM task_groups WHERE id = ?", [group_id])
        return TaskGroup(id=row[0], appendix_id=row[1], position=row[2], title=row[3])

    # reading ------------------------------------------------------------

    def _refs(self, task_ids: Sequence[int] | None) -> dict[int, tuple[list[AgencyRef], list[AgencyRef]]]:
        out: dict[int, tuple[list[AgencyRef], list[AgencyRef]]] = defaultdict(lambda: ([], []))
        sql = "SELECT task_id, role, agency_id, text, separator FROM task_agencies"
        params: list[Any] = []
        if task_ids is not None:
            if not task_ids:
                return out
            sql += f" WHERE task_id IN ({','.join('?' * len(task_ids))})"
            params = list(task_ids)
        for tid, role, aid, text, sep in self.db.execute(sql + " ORDER BY task_id, role, position", params):
            out[tid][0 if role == "lead" else 1].append(AgencyRef(text=text, agency_id=aid, separator=sep))
        return out

    _TASK_COLS = (
        "t.id, t.plan_id, t.appendix_id, t.group_id, t.position, t.content, t.time_frame, t.output, t.funding, "
        "t.status, t.notes, t.officer, t.completed_on, t.schedule, t.created_at, t.updated_at, t.search_key"
    )

    def _task_from(self, r: Sequence[Any], refs: dict[int, tuple[list[AgencyRef], list[AgencyRef]]]) -> Task:
        lead, partners = refs.get(r[0], ([], []))
        return Task(
            id=r[0], plan_id=r[1], appendix_id=r[2], group_id=r[3], position=r[4], content=r[5],
            time_frame=r[6], output=r[7], funding=r[8], status=TaskStatus(r[9]), notes=r[10], officer=r[11],
            completed_on=_date_or_none(r[12]), schedule=json.loads(r[13]) if r[13] else None,
            created_at=r[14], updated_at=r[15], lead=list(lead), partners=list(partners),
        )

    def get(self, task_id: int) -> Task:
        row = self.db.execute(f"SELECT {self._TASK_COLS} FROM tasks t WHERE t.id = ?", [task_id]).fetchone()
        if not row:
            raise NotFoundError(f"Không tìm thấy nhiệm vụ số hiệu nội bộ {task_id}.")
        return self._task_from(row, self._refs([task_id]))

    def get_many(self, task_ids: Sequence[int]) -> list[Task]:
        by_id = {t.id: t for t in self._select("t.id IN (%s)" % ",".join("?" * len(task_ids)), list(task_ids))}
        return [by_id[i] for i in task_ids if i in by_id]

    def _select(self, where: str, params: list[Any]) -> list[Task]:
        rows = self.db.execute(
            f"SELECT {self._TASK_COLS} FROM tasks t WHERE {where} ORDER BY t.appendix_id, t.position", params
        ).fetchall()
        refs = self._refs([r[0] for r in rows]) if len(rows) < 900 else self._refs(None)
        return [self._task_from(r, refs) for r in rows]

    def tasks_of_plan(self, plan_id: int) -> list[Task]:
        return self._select("t.plan_id = ?", [plan_id])

    def rows(self, plan_id: int | None = None, appendix_id: int | None = None) -> list[TaskRow]:
        """Tasks in printed order (appendix, ungrouped first, then groups), STT per group."""
        where, params = [], []
        if plan_id is not None:
            where.append("t.plan_id = ?")
            params.append(plan_id)
        if appendix_id is not None:
            where.append("t.appendix_id = ?")
            params.append(appendix_id)
        sql = (
            f"SELECT {self._TASK_COLS}, coalesce(g.title, ''), coalesce(g.position, -1), p.number, p.title "
            "FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN appendices a ON a.id = t.appendix_id "
            "LEFT JOIN task_groups g ON g.id = t.group_id "
            + ("WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY p.period_start DESC, p.id DESC, a.position, a.id, coalesce(g.position, -1), t.position, t.id"
        )
        rows = self.db.execute(sql, params).fetchall()
        refs = self._refs([r[0] for r in rows]) if len(rows) < 900 else self._refs(None)
        out: list[TaskRow] = []
        last_key: tuple[int, int, int] | None = None
        stt = 0
        for r in rows:
            task = self._task_from(r, refs)
            key = (task.plan_id or 0, task.appendix_id or 0, r[18])
            stt = stt + 1 if key == last_key else 1
            last_key = key
            out.append(
                TaskRow(task=task, group_title=r[17], group_position=r[18], plan_number=r[19], plan_title=r[20],
                        stt=stt, search_key=r[16])
            )
        return out

    # writing ------------------------------------------------------------

    def _validate(self, task: Task) -> Task:
        t = replace(task)
        t.content = check_text("Nội dung nhiệm vụ", task.content, required=True)
        t.time_frame = check_text("Thời gian thực hiện", task.time_frame, limit=MAX_SHORT_CHARS)
        t.output = check_text("Sản phẩm/chỉ tiêu", task.output, limit=MAX_SHORT_CHARS * 2)
        t.funding = check_text("Kinh phí", task.funding, limit=MAX_SHORT_CHARS)
        t.notes = check_text("Ghi chú", task.notes)
        t.officer = check_text("Người theo dõi", task.officer, limit=200)
        t.status = TaskStatus(task.status)
        t.lead = [replace(r, text=check_text("Cơ quan chủ trì", r.text, limit=MAX_SHORT_CHARS)) for r in task.lead if clean(r.text)]
        t.partners = [
            replace(r, text=check_text("Cơ quan phối hợp", r.text, limit=MAX_SHORT_CHARS)) for r in task.partners if clean(r.text)
        ]
        if any(r.agency_id is not None for r in [*t.lead, *t.partners]):
            # A name linked while the registry was read may denote an agency removed since
            # (in another window): link it again by its name.
            known = self.store.agencies.names_by_id()
            t.lead, t.partners = (
                [r if r.agency_id is None or r.agency_id in known else replace(r, agency_id=self.store.agencies.match(r.text))
                 for r in refs]
                for refs in (t.lead, t.partners)
            )
        if t.plan_id is None:
            raise ValidationError("Nhiệm vụ phải thuộc một kế hoạch.")
        if t.appendix_id is None:
            t.appendix_id = self._first_appendix(t.plan_id)
        else:
            row = self.db.execute("SELECT plan_id FROM appendices WHERE id = ?", [t.appendix_id]).fetchone()
            if not row or row[0] != t.plan_id:
                raise ValidationError("Phụ lục không thuộc kế hoạch đã chọn.")
        if t.group_id is not None:
            row = self.db.execute("SELECT appendix_id FROM task_groups WHERE id = ?", [t.group_id]).fetchone()
            if not row or row[0] != t.appendix_id:
                raise ValidationError("Nhóm không thuộc phụ lục của nhiệm vụ.")
        if t.status == TaskStatus.DONE and t.completed_on is None:
            t.completed_on = dt.date.today()
        if t.status != TaskStatus.DONE:
            t.completed_on = None
        return t

    def _first_appendix(self, plan_id: int) -> int:
        row = self.db.execute(
            "SELECT id FROM appendices WHERE plan_id = ? ORDER BY position, id LIMIT 1", [plan_id]
        ).fetchone()
        if not row:
            raise NotFoundError(f"Không tìm thấy kế hoạch số hiệu nội bộ {plan_id}.")
        return int(row[0])

    def _next_position(self, appendix_id: int, group_id: int | None) -> int:
        return int(
            self.db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM tasks WHERE appendix_id = ? AND group_id IS ?",
                [appendix_id, group_id],
            ).fetchone()[0]
        )

    def search_key_of(self, task: Task) -> str:
        names = self.store.agencies.names_by_id()
        parts = [task.content, task.time_frame, task.output, task.funding, task.notes, task.officer]
        for ref in [*task.lead, *task.partners]:
            parts.append(ref.text)
            if ref.agency_id in names:
                parts.extend(names[ref.agency_id])
        return fold(" | ".join(p for p in parts if p))

    def _write_refs(self, task: Task) -> None:
        self.db.execute("DELETE FROM task_agencies WHERE task_id = ?", [task.id])
        rows = []
        for role, refs in (("lead", task.lead), ("partner", task.partners)):
            for i, ref in enumerate(refs):
                rows.append(
                    {"task_id": task.id, "role": role, "position": i, "agency_id": ref.agency_id,
                     "text": ref.text, "separator": ref.separator if i else ""}
                )
        if rows:
            self.db.conn.executemany(
                "INSERT INTO task_agencies (task_id, role, position, agency_id, text, separator) "
                "VALUES (:task_id, :role, :position, :agency_id, :text, :separator)",
                rows,
            )

    def _task_row(self, t: Task) -> dict[str, Any]:
        return {
            "plan_id": t.plan_id, "appendix_id": t.appendix_id, "group_id": t.group_id, "position": t.position,
            "content": t.content, "time_frame": t.time_frame, "output": t.output, "funding": t.funding,
            "status": t.status.value, "notes": t.notes, "officer": t.officer,
            "completed_on": t.completed_on.isoformat() if t.completed_on else None,
            "schedule": json.dumps(t.schedule, ensure_ascii=False) if t.schedule else None,
            "search_key": self.search_key_of(t),
        }

    def _insert_many(self, tasks: Iterable[Task], *, keep_ids: bool) -> list[int]:
        ids = []
        now = _now()
        for task in tasks:
            t = self._validate(task)
            row = self._task_row(t) | {"created_at": t.created_at or now, "updated_at": now}
            if keep_ids and t.id is not None:
                row["id"] = t.id
            columns = ", ".join(row)
            cursor = self.db.execute(
                f"INSERT INTO tasks ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )
            t.id = int(cursor.lastrowid)  # type: ignore[arg-type]
            self._write_refs(t)
            ids.append(t.id)
        return ids

    def create(self, task: Task, *, after_id: int | None = None) -> Task:
        """Add a task at the end of its group (or right after `after_id`)."""
        with self.db.atomic():
            t = self._validate(task)
            if after_id is not None:
                after = self.get(after_id)
                t.group_id = after.group_id
                t.appendix_id = after.appendix_id
                self.db.execute(
                    "UPDATE tasks SET position = position + 1 WHERE appendix_id = ? AND group_id IS ? AND position > ?",
                    [after.appendix_id, after.group_id, after.position],
                )
                t.position = after.position + 1
            else:
                t.position = self._next_position(int(t.appendix_id), t.group_id)  # type: ignore[arg-type]
            (tid,) = self._insert_many([t], keep_ids=False)
        return self.get(tid)

    def create_many(self, tasks: Sequence[Task]) -> list[int]:
        """Add several tasks at the end of their groups, in one transaction."""
        with self.db.atomic():
            ids = []
            for task in tasks:
                t = self._validate(task)
                t.position = self._next_position(int(t.appendix_id), t.group_id)  # type: ignore[arg-type]
                ids.extend(self._insert_many([t], keep_ids=False))
        return ids

    def update(self, task: Task, base: Task | None = None) -> Task:
        """Save a task. With `base`, the task as it was read into the form or the list, only
        the fields that differ from it are written, over the row as it is now; if another
        window or process changed one of those fields since, ConflictError and nothing is
        saved. Without `base` every field is written (callers that read inside the same
        transaction)."""
        if task.id is None:
            raise ValidationError("Nhiệm vụ chưa được lưu.")
        self.get(task.id)
        with self.db.atomic():
            t = self._validate(task if base is None else self._merge(self.get(int(task.id)), base, task))
            self.db.table("tasks").update(int(t.id), self._task_row(t) | {"updated_at": _now()})  # type: ignore[arg-type]
            self._write_refs(t)
        return self.get(int(t.id))  # type: ignore[arg-type]

    @staticmethod
    def changed_fields(base: Task, edited: Task) -> builtins.list[str]:
        """The fields an edit changes (a change of state carries its completion date)."""
        names = [n for n in _TASK_FIELDS if getattr(base, n) != getattr(edited, n)]
        if "status" in names and "completed_on" not in names:
            names.append("completed_on")
        return names

    def _merge(self, current: Task, base: Task, edited: Task) -> Task:
        """The row as it is now with the fields changed from `base` to `edited` applied;
        ConflictError when one of those fields was changed by someone else meanwhile."""
        names = [n for n in _TASK_FIELDS if getattr(base, n) != getattr(edited, n)]

        def same(name: str, a: Task, b: Task) -> bool:
            x, y = getattr(a, name), getattr(b, name)
            if name in ("lead", "partners"):  # the names as written; their registry links may be refreshed
                return [(r.text, r.separator) for r in x] == [(r.text, r.separator) for r in y]
            return bool(x == y)

        stale = [n for n in names if not same(n, current, base) and not same(n, current, edited)]
        if stale:
            labels = ", ".join(_TASK_FIELD_LABELS[n] for n in stale)
            raise ConflictError(
                f"Nhiệm vụ «{one_line(current.content)[:80]}» vừa được thay đổi ở nơi khác (cửa sổ khác, dòng lệnh "
                f"hoặc tác tử nhắc việc): {labels}. Thay đổi của bạn chưa được lưu để không ghi đè lên đó; "
                "hãy xem lại nhiệm vụ rồi sửa lại nếu cần."
            )
        merged = replace(current, **{n: getattr(edited, n) for n in names})
        if "status" in names and "completed_on" not in names and current.status != edited.status:
            merged.completed_on = edited.completed_on  # a new state: its own date (today when done)
        return merged

    def history_of(self, task_ids: Sequence[int]) -> TaskHistory:
        """Progress entries, attachments and reminder links of tasks, as stored."""
        history = TaskHistory()
        if not task_ids:
            return history
        marks = ",".join("?" * len(task_ids))
        history.progress = list(self.db.query(f"SELECT * FROM progress_entries WHERE task_id IN ({marks}) ORDER BY id", list(task_ids)))
        history.attachments = list(self.db.query(
            f"SELECT a.* FROM attachments a JOIN progress_entries p ON p.id = a.progress_id WHERE p.task_id IN ({marks})",
            list(task_ids),
        ))
        history.reminder_links = [
            (r[0], r[1])
            for r in self.db.execute(f"SELECT id, task_id FROM reminders WHERE task_id IN ({marks})", list(task_ids))
        ]
        return history

    def restore_history(self, history: TaskHistory) -> None:
        """Put back what `history_of` saw (after the tasks themselves are back)."""
        with self.db.atomic():
            for table, rows in (("progress_entries", history.progress), ("attachments", history.attachments)):
                for row in rows:
                    columns = ", ".join(row)
                    self.db.execute(
                        f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
                    )
            for reminder_id, task_id in history.reminder_links:
                self.db.execute("UPDATE reminders SET task_id = ? WHERE id = ?", [task_id, reminder_id])

    def withdraw_progress(self, entry_id: int) -> TaskHistory:
        """Take back one progress entry just recorded (undo): its rows are returned for redo
        (`restore_history`); its attached files stay in the attachments folder for that."""
        history = TaskHistory()
        history.progress = list(self.db.query("SELECT * FROM progress_entries WHERE id = ?", [entry_id]))
        history.attachments = list(self.db.query("SELECT * FROM attachments WHERE progress_id = ?", [entry_id]))
        with self.db.atomic():
            self.db.execute("DELETE FROM progress_entries WHERE id = ?", [entry_id])
        return history

    def take_back(self, task_ids: Sequence[int]) -> DeletedTasks:
        """Delete tasks just added (undo of add, paste), unless progress was recorded on them
        since: that is refused with ConflictError rather than deleted with them."""
        with self.db.atomic():
            marks = ",".join("?" * len(task_ids))
            row = self.db.execute(
                f"SELECT t.content FROM progress_entries p JOIN tasks t ON t.id = p.task_id "
                f"WHERE p.task_id IN ({marks}) LIMIT 1", list(task_ids)).fetchone() if task_ids else None
            if row:
                raise ConflictError(
                    f"Nhiệm vụ «{one_line(row[0])[:80]}» đã có tiến độ được ghi sau khi thêm; không hoàn tác "
                    "được việc thêm để không mất tiến độ đó."
                )
            return self.delete(task_ids)

    def delete(self, task_ids: Sequence[int]) -> DeletedTasks:
        """Delete tasks; the returned copies (with their progress history) restore them (undo)."""
        tasks = self.get_many(task_ids)
        history = self.history_of([int(t.id) for t in tasks])  # type: ignore[arg-type]
        with self.db.atomic():
            for t in tasks:
                self.db.execute("DELETE FROM tasks WHERE id = ?", [t.id])
        return DeletedTasks(tasks, history)

    def restore(self, tasks: Sequence[Task]) -> None:
        """Put deleted tasks back with their ids, places and (given `delete`'s result) history."""
        with self.db.atomic():
            for t in tasks:
                self.db.execute(
                    "UPDATE tasks SET position = position + 1 WHERE appendix_id = ? AND group_id IS ? AND position >= ?",
                    [t.appendix_id, t.group_id, t.position],
                )
                self._insert_many([t], keep_ids=True)
            if isinstance(tasks, DeletedTasks):
                self.restore_history(tasks.history)

    def order_of(self, appendix_id: int) -> list[tuple[int, int | None]]:
        """(task id, group id) in order, for undo of reordering."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT t.id, t.group_id FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id "
                "WHERE t.appendix_id = ? ORDER BY coalesce(g.position, -1), t.position, t.id",
                [appendix_id],
            )
        ]

    def set_order(self, appendix_id: int, order: Sequence[tuple[int, int | None]]) -> None:
        """Set the group and position of every listed task of an appendix."""
        existing = {tid for tid, _ in self.order_of(appendix_id)}
        if {tid for tid, _ in order} != existing:
            raise ValidationError("Danh sách nhiệm vụ đã thay đổi; hãy tải lại rồi sắp xếp lại.")
        groups = {g.id for g in self.groups(appendix_id)}
        counters: dict[int | None, int] = defaultdict(int)
        with self.db.atomic():
            for tid, gid in order:
                if gid is not None and gid not in groups:
                    raise ValidationError("Nhóm không thuộc phụ lục này.")
                self.db.execute("UPDATE tasks SET group_id = ?, position = ? WHERE id = ?", [gid, counters[gid], tid])
                counters[gid] += 1

    def move(self, task_ids: Sequence[int], step: int) -> None:
        """Move tasks up (step -1) or down (+1) within the printed order, across groups."""
        if not task_ids:
            return
        first = self.get(task_ids[0])
        order = self.order_of(int(first.appendix_id))  # type: ignore[arg-type]
        group_seq: list[int | None] = [None]
        group_seq += [g.id for g in self.groups(int(first.appendix_id))]  # type: ignore[arg-type]
        selected = set(task_ids)
        items = list(order)
        indices = [i for i, (tid, _) in enumerate(items) if tid in selected]
        if step < 0:
            for i in indices:
                tid, gid = items[i]
                if i > 0 and items[i - 1][0] not in selected:
                    prev_tid, prev_gid = items[i - 1]
                    if prev_gid == gid:
                        items[i - 1], items[i] = items[i], items[i - 1]
                    else:
                        items[i] = (tid, prev_gid)  # enter the previous group at its end
                elif i == 0 and gid is not None:
                    pos = group_seq.index(gid)
                    items[i] = (tid, group_seq[pos - 1])
        else:
            for i in reversed(indices):
                tid, gid = items[i]
                if i + 1 < len(items) and items[i + 1][0] not in selected:
                    next_tid, next_gid = items[i + 1]
                    if next_gid == gid:
                        items[i + 1], items[i] = items[i], items[i + 1]
                    else:
                        items[i] = (tid, next_gid)  # enter the next group at its start
                elif i == len(items) - 1:
                    pos = group_seq.index(gid)
                    if pos + 1 < len(group_seq):
                        items[i] = (tid, group_seq[pos + 1])
        self.set_order(int(first.appendix_id), self._normalise(items, group_seq))  # type: ignore[arg-type]

    @staticmethod
    def _normalise(items: list[tuple[int, int | None]], group_seq: list[int | None]) -> list[tuple[int, int | None]]:
        """Stable sort by group order so that the printed order is what was shown."""
        rank = {g: i for i, g in enumerate(group_seq)}
        return sorted(items, key=lambda item: rank.get(item[1], 0))

    def move_to_group(self, task_ids: Sequence[int], group_id: int | None, before_task: int | None = None) -> None:
        """Move tasks into a group (None: ungrouped), at its end or before another task."""
        if not task_ids:
            return
        first = self.get(task_ids[0])
        appendix_id = int(first.appendix_id)  # type: ignore[arg-type]
        order = [item for item in self.order_of(appendix_id) if item[0] not in set(task_ids)]
        moving = [(tid, group_id) for tid in task_ids]
        if before_task is not None and any(tid == before_task for tid, _ in order):
            idx = next(i for i, (tid, _) in enumerate(order) if tid == before_task)
            order[idx:idx] = moving
        else:
            last = max((i for i, (_, gid) in enumerate(order) if gid == group_id), default=None)
            if last is None:
                order.extend(moving)
            else:
                order[last + 1:last + 1] = moving
        group_seq = [None] + [g.id for g in self.groups(appendix_id)]
        self.set_order(appendix_id, self._normalise(order, group_seq))

    def set_status(self, task_ids: Sequence[int], status: TaskStatus, done_on: dt.date | None = None) -> None:
        with self.db.atomic():
            for t in self.get_many(task_ids):
                t.status = status
                t.completed_on = done_on if status == TaskStatus.DONE else None
                self.update(t)

    def refresh_search_keys(self, task_ids: Iterable[int] | None = None) -> None:
        with self.db.atomic():
            ids = list(task_ids) if task_ids is not None else [r[0] for r in self.db.execute("SELECT id FROM tasks")]
            for t in self.get_many(ids) if ids else []:
                self.db.execute("UPDATE tasks SET search_key = ? WHERE id = ?", [self.search_key_of(t), t.id])


_TASK_FIELD_LABELS = {
    "plan_id": "kế hoạch", "appendix_id": "phụ lục", "group_id": "nhóm", "position": "thứ tự",
    "content": "nội dung", "lead": "cơ quan chủ trì", "partners": "cơ quan phối hợp",
    "time_frame": "thời gian thực hiện", "output": "sản phẩm/chỉ tiêu", "funding": "kinh phí",
    "status": "trạng thái", "notes": "ghi chú", "officer": "người theo dõi",
    "completed_on": "ngày hoàn thành", "schedule": "lịch thực hiện",
}
_TASK_FIELDS = tuple(_TASK_FIELD_LABELS)


def filter_rows(
    rows: Sequence[TaskRow],
    *,
    text: str = "",
    agency_id: int | None = None,
    agency_text: str = "",
    role: str | None = None,
    status: str | None = None,
    group_title: str | None = None,
    within: Sequence[int] | None = None,
    keys: Sequence[str] | None = None,
) -> list[int]:
    """Indices of the rows that pass every filter (free text ignores diacritics and case).

    The folded text is looked up as a phrase in the stored search keys ("so noi vu"
    finds "Sở Nội vụ", not a task that has "số", "nội dung" and "nhiệm vụ" apart); one
    pass over precomputed keys keeps typing instant on tens of thousands of rows, and
    `within` (the previous matches, when the officer types on) narrows that pass further;
    `keys` are the rows' search keys, passed in by callers that filter the same rows often.
    """
    query = fold(text)
    pool: Iterable[int] = within if within is not None else range(len(rows))
    if keys is None:
        keys = [row.search_key for row in rows]
    candidates: Iterable[int] = [i for i in pool if query in keys[i]] if query else pool
    agency_key = fold(agency_text)
    if not (status or group_title is not None or agency_id is not None or agency_key):
        return list(candidates)
    out = []
    for i in candidates:
        row = rows[i]
        t = row.task
        if status and t.status.value != status:
            continue
        if group_title is not None and row.group_title != group_title:
            continue
        if agency_id is not None or agency_key:
            refs = t.lead if role == "lead" else t.partners if role == "partner" else [*t.lead, *t.partners]
            if agency_id is not None and not any(r.agency_id == agency_id for r in refs):
                continue
            if agency_key and not any(agency_key in fold(r.text) for r in refs):
                continue
        out.append(i)
    return out


# --------------------------------------------------------------------------- agencies


@dataclass(frozen=True)
class AgencySnapshot:
    """Agencies as they were, for undo: their rows, aliases and every task's link to them.

    `links` also holds the names typed on tasks that were linked to no agency, since
    adding or renaming an agency links those that now match. An id in `agency_ids` with
    no row in `agencies` did not exist: restoring removes it.
    """

    agency_ids: tuple[int, ...]
    agencies: tuple[dict[str, Any], ...]
    aliases: tuple[dict[str, Any], ...]
    links: tuple[tuple[int, int | None, str], ...]  # task_agencies (id, agency_id, text)

    def with_ids(self, agency_ids: Iterable[int]) -> AgencySnapshot:
        """The same state, also covering agencies made after it was taken (absent in it)."""
        return replace(self, agency_ids=tuple(dict.fromkeys([*self.agency_ids, *agency_ids])))


class AgencyService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._names_cache: dict[int, list[str]] | None = None
        self._key_cache: dict[str, int] | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    def _invalidate(self) -> None:
        self._names_cache = None
        self._key_cache = None

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        """A registry write: one transaction, and a name taken meanwhile by another window or
        process (caught by the database itself) is the same message as one taken before."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as exc:
            self._invalidate()
            raise ValidationError(
                "Tên cơ quan (hoặc tên gọi khác) vừa được dùng cho một cơ quan khác ở cửa sổ khác. "
                "Danh mục đã được tải lại; hãy xem lại rồi lưu lại."
            ) from exc

    def ensure_defaults(self) -> None:
        """Fill an empty registry with the agencies every province's plans name."""
        if self.db.execute("SELECT count(*) FROM agencies").fetchone()[0]:
            return
        with self.db.atomic():
            # Asked again under the write lock: another process starting at the same time may
            # have filled it meanwhile.
            if self.db.execute("SELECT count(*) FROM agencies").fetchone()[0]:
                return
            self._invalidate()
            for name, abbreviation, aliases in agency_names.DEFAULT_AGENCIES:
                self.create(name, abbreviation, list(aliases))

    def list(self) -> builtins.list[Agency]:
        aliases: dict[int, list[str]] = defaultdict(list)
        for aid, alias in self.db.execute("SELECT agency_id, alias FROM agency_aliases ORDER BY id"):
            aliases[aid].append(alias)
        agencies = [
            Agency(id=r[0], name=r[1], abbreviation=r[2], aliases=aliases.get(r[0], []))
            for r in self.db.execute("SELECT id, name, abbreviation FROM agencies")
        ]
        return sorted(agencies, key=lambda a: sort_key(a.name))

    def get(self, agency_id: int) -> Agency:
        for a in self.list():
            if a.id == agency_id:
                return a
        raise NotFoundError("Không tìm thấy cơ quan.")

    def names_by_id(self) -> dict[int, builtins.list[str]]:
        if self._names_cache is None:
            self._names_cache = {int(a.id): a.all_names for a in self.list()}  # type: ignore[arg-type]
        return self._names_cache

    def _keys(self) -> dict[str, int]:
        if self._key_cache is None:
            keys: dict[str, int] = {}
            for aid, names in self.names_by_id().items():
                for n in names:
                    keys.setdefault(fold(n), aid)
            self._key_cache = keys
        return self._key_cache

    def known_names(self) -> builtins.list[str]:
        return [n for names in self.names_by_id().values() for n in names]

    def match(self, text: str) -> int | None:
        """The agency a name denotes (by name, alias or abbreviation), or None."""
        return self._keys().get(fold(text))

    def resolve(self, text: str, keep: Iterable[str] = ()) -> builtins.list[AgencyRef]:
        """Split a typed list and link each name to the registry where it matches; `keep`:
        more names never split (those the officer joined by hand on this task)."""
        return [
            AgencyRef(text=name, agency_id=self.match(name), separator=sep)
            for sep, name in agency_names.split_agency_parts(text, [*self.known_names(), *keep])
        ]

    def _check_free(self, names: Iterable[str], own_id: int | None) -> None:
        for n in names:
            hit = self._keys().get(fold(n))
            if hit is not None and hit != own_id:
                other = self.names_by_id()[hit][0]
                raise ValidationError(f"Tên «{n}» đã dùng cho cơ quan «{other}». Hãy gộp hai cơ quan nếu là một.")

    def create(self, name: str, abbreviation: str = "", aliases: Sequence[str] = ()) -> Agency:
        name = one_line(check_text("Tên cơ quan", name, limit=MAX_SHORT_CHARS, required=True))
        abbreviation = one_line(check_text("Tên viết tắt", abbreviation, limit=100))
        aliases = [one_line(check_text("Tên gọi khác", a, limit=MAX_SHORT_CHARS)) for a in aliases if clean(a)]
        names = [name, *aliases] + ([abbreviation] if abbreviation else [])
        if len({fold(n) for n in names}) != len(names):
            names = list(dict.fromkeys(names))
        with self._write_lock():
            self._check_free(names, None)  # under the write lock: an agency added elsewhere counts
            aid = int(self.db.table("agencies").insert({"name": name, "abbreviation": abbreviation, "name_key": fold(name)}).last_pk)  # type: ignore[arg-type]
            for alias in dict.fromkeys(aliases):
                if fold(alias) != fold(name):
                    self.db.table("agency_aliases").insert({"agency_id": aid, "alias": alias, "alias_key": fold(alias)})
            self._invalidate()
            self._relink_unmatched()
        return self.get(aid)

    def update(self, agency: Agency) -> Agency:
        if agency.id is None:
            raise ValidationError("Cơ quan chưa được lưu.")
        name = one_line(check_text("Tên cơ quan", agency.name, limit=MAX_SHORT_CHARS, required=True))
        abbreviation = one_line(check_text("Tên viết tắt", agency.abbreviation, limit=100))
        aliases = [one_line(check_text("Tên gọi khác", a, limit=MAX_SHORT_CHARS)) for a in agency.aliases if clean(a)]
        with self._write_lock():
            self._check_free([name, *aliases] + ([abbreviation] if abbreviation else []), agency.id)
            self.db.execute(
                "UPDATE agencies SET name = ?, abbreviation = ?, name_key = ? WHERE id = ?",
                [name, abbreviation, fold(name), agency.id],
            )
            self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?", [agency.id])
            for alias in dict.fromkeys(aliases):
                if fold(alias) != fold(name):
                    self.db.table("agency_aliases").insert({"agency_id": agency.id, "alias": alias, "alias_key": fold(alias)})
            self._invalidate()
            self._relink_unmatched()
            self.store.tasks.refresh_search_keys(self._tasks_of([agency.id]))
        return self.get(agency.id)

    def delete(self, agency_id: int) -> None:
        """Remove an agency; tasks keep the names as written, unlinked."""
        with self.db.atomic():
            tasks = self._tasks_of([agency_id])
            self.db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
            self._invalidate()
            self.store.tasks.refresh_search_keys(tasks)

    def usage(self) -> dict[int, int]:
        return dict(
            self.db.execute(
                "SELECT agency_id, count(DISTINCT task_id) FROM task_agencies WHERE agency_id IS NOT NULL GROUP BY agency_id"
            ).fetchall()
        )

    def _tasks_of(self, agency_ids: Sequence[int]) -> builtins.list[int]:
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT task_id FROM task_agencies WHERE agency_id IN ({','.join('?' * len(agency_ids))})",
                list(agency_ids),
            )
        ]

    def _relink_unmatched(self) -> None:
        """Names typed before their agency existed get linked once it does."""
        keys = self._keys()
        changed = []
        for rid, text, task_id in self.db.execute(
            "SELECT id, text, task_id FROM task_agencies WHERE agency_id IS NULL"
        ).fetchall():
            aid = keys.get(fold(text))
            if aid is not None:
                self.db.execute("UPDATE task_agencies SET agency_id = ? WHERE id = ?", [aid, rid])
                changed.append(task_id)
        if changed:
            self.store.tasks.refresh_search_keys(set(changed))

    def snapshot(self, agency_ids: Iterable[int]) -> AgencySnapshot:
        """What `restore` needs to put these agencies and the tasks' links to them back."""
        ids = tuple(dict.fromkeys(int(i) for i in agency_ids))
        marks = ",".join("?" * len(ids))
        agencies: tuple[dict[str, Any], ...] = ()
        aliases: tuple[dict[str, Any], ...] = ()
        where = "agency_id IS NULL"
        if ids:
            agencies = tuple(self.db.query(f"SELECT * FROM agencies WHERE id IN ({marks}) ORDER BY id", ids))
            aliases = tuple(self.db.query(f"SELECT * FROM agency_aliases WHERE agency_id IN ({marks}) ORDER BY id", ids))
            where += f" OR agency_id IN ({marks})"
        links = tuple(
            (int(r[0]), r[1], str(r[2]))
            for r in self.db.execute(f"SELECT id, agency_id, text FROM task_agencies WHERE {where} ORDER BY id", list(ids))
        )
        return AgencySnapshot(ids, agencies, aliases, links)

    def restore(self, snap: AgencySnapshot) -> None:
        """Put the agencies of a snapshot back exactly (same ids, names, aliases) with every
        task's link and name as they were, in one transaction. Agencies of the snapshot that
        did not exist then are removed; tasks linked to them keep the names as written."""
        ids = list(snap.agency_ids)
        marks = ",".join("?" * len(ids))
        try:
            with self.db.atomic():
                affected = {int(r[0]) for r in self.db.execute(
                    f"SELECT task_id FROM task_agencies WHERE agency_id IN ({marks})", ids)} if ids else set()
                if ids:
                    self.db.execute(f"UPDATE task_agencies SET agency_id = NULL WHERE agency_id IN ({marks})", ids)
                    self.db.execute(f"DELETE FROM agency_aliases WHERE agency_id IN ({marks})", ids)
                    self.db.execute(f"DELETE FROM agencies WHERE id IN ({marks})", ids)
                for table, rows in (("agencies", snap.agencies), ("agency_aliases", snap.aliases)):
                    for row in rows:
                        columns = ", ".join(row)
                        self.db.execute(
                            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
                        )
                own = set(ids)
                for rid, aid, text in snap.links:
                    # A name now linked to an agency outside the snapshot is not this snapshot's to change.
                    cursor = self.db.execute(
                        f"UPDATE task_agencies SET agency_id = ?, text = ? WHERE id = ? "
                        f"AND (agency_id IS NULL{f' OR agency_id IN ({marks})' if own else ''}) "
                        "AND (agency_id IS NOT ? OR text IS NOT ?) RETURNING task_id",
                        [aid, text, rid, *ids, aid, text],
                    )
                    affected.update(int(r[0]) for r in cursor.fetchall())
                self._invalidate()
                self.store.tasks.refresh_search_keys(affected)
        except sqlite3.IntegrityError as exc:
            raise ValidationError("Không khôi phục được danh mục cơ quan: tên đã dùng cho cơ quan khác.") from exc
        finally:
            self._invalidate()

    def merge(self, keep_id: int, other_ids: Sequence[int]) -> Agency:
        """Merge agencies into one: their names become aliases, every reference follows."""
        others = [a for a in self.list() if a.id in set(other_ids) and a.id != keep_id]
        if not others:
            raise ValidationError("Hãy chọn ít nhất hai cơ quan khác nhau để gộp.")
        keep = self.get(keep_id)
        with self.db.atomic():
            affected = self._tasks_of([keep_id, *[int(o.id) for o in others]])  # type: ignore[arg-type]
            new_aliases = list(keep.aliases)
            for o in others:
                new_aliases.extend([o.name, *o.aliases])
                if o.abbreviation and not keep.abbreviation:
                    keep.abbreviation = o.abbreviation
                elif o.abbreviation:
                    new_aliases.append(o.abbreviation)
                self.db.execute("UPDATE task_agencies SET agency_id = ? WHERE agency_id = ?", [keep_id, o.id])
                self.db.execute("DELETE FROM agencies WHERE id = ?", [o.id])
            self._invalidate()
            keep.aliases = [a for a in dict.fromkeys(new_aliases) if fold(a) not in {fold(keep.name), fold(keep.abbreviation)}]
            self.update(keep)
            self.store.tasks.refresh_search_keys(affected)
        return self.get(keep_id)
