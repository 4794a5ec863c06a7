"""Plans and their appendices: validation, create, the field-wise edit that refuses a conflicting
change made elsewhere, delete with its snapshot for undo, duplicate."""

from __future__ import annotations

import builtins
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ConflictError, NotFoundError, ValidationError
from cchc_desktop.store.checks import (
    MAX_FIELD_CHARS,
    MAX_SECTION_CHARS,
    MAX_SHORT_CHARS,
    _date_or_none,
    _now,
    as_read,
    check_text,
    number_symbol_warning,
    putting_back,
    stored_json,
)
from cchc_desktop.store.connection import id_filters, in_chunks, marks
from cchc_desktop.store.domain import (
    Appendix,
    Plan,
    PlanListing,
    PlanSnapshot,
    PlanStatus,
    Section,
    TaskStatus,
)
from cchc_desktop.text.textnorm import clean, one_line

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database
    from cchc_desktop.store.store import Store


class PlanService:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> Database:
        return self.store.db

    # reading ------------------------------------------------------------

    def _from_row(self, row: dict[str, Any], appendices: list[Appendix]) -> Plan:
        return Plan(
            id=row["id"],
            number=as_read(row["number"], 100),
            issuer=as_read(row["issuer"], MAX_SHORT_CHARS),
            parent_body=as_read(row["parent_body"], MAX_SHORT_CHARS),
            act_authority=as_read(row["act_authority"], MAX_SHORT_CHARS),
            place=as_read(row["place"], 200),
            issue_date=_date_or_none(row["issue_date"]),
            period_start=row["period_start"],
            period_end=row["period_end"],
            title=as_read(row["title"], MAX_SHORT_CHARS * 2),
            status=PlanStatus(row["status"]),
            signer_authority=as_read(row["signer_authority"], 200),
            signer_position=as_read(row["signer_position"], 200),
            signer_name=as_read(row["signer_name"], 200),
            proposer=as_read(row["proposer"], MAX_SHORT_CHARS * 2),
            legal_bases=[as_read(b, MAX_SHORT_CHARS * 4) for b in stored_json(row["legal_bases"], [])
                         if isinstance(b, str)],
            recipients=[as_read(r, MAX_SHORT_CHARS) for r in stored_json(row["recipients"], []) if isinstance(r, str)],
            sections=[Section(as_read(s.get("heading"), MAX_SHORT_CHARS), as_read(s.get("body"), MAX_SECTION_CHARS))
                      for s in stored_json(row["sections"], []) if isinstance(s, dict)],
            appendices=appendices,
            notes=as_read(row["notes"], MAX_FIELD_CHARS),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    def _appendices_by_plan(self, plan_ids: Sequence[int] | None = None) -> dict[int, list[Appendix]]:
        out: dict[int, list[Appendix]] = defaultdict(list)
        for where, params in id_filters("plan_id", plan_ids):
            for aid, pid, pos, title in self.db.execute(
                    f"SELECT id, plan_id, position, title FROM appendices{' WHERE ' if where else ''}{where} "
                    "ORDER BY plan_id, position, id", params):
                out[pid].append(Appendix(id=aid, plan_id=pid, position=pos, title=as_read(title, MAX_SHORT_CHARS)))
        return out

    def list(self, years: tuple[int, int] | None = None) -> list[Plan]:
        """All plans, newest period first; `years` (first, last): only those whose years meet
        them (a plan without a first year meets none; without a last year, it lasts one year)."""
        where, params = "", []
        if years is not None:
            where = ("WHERE period_start IS NOT NULL AND period_start <> 0 AND period_start <= ? "
                     "AND coalesce(nullif(period_end, 0), period_start) >= ? ")
            params = [years[1], years[0]]
        rows = list(self.db.query(f"SELECT * FROM plans {where}ORDER BY period_start DESC, issue_date DESC, id DESC",
                                  params))
        apps = self._appendices_by_plan([r["id"] for r in rows] if years is not None and len(rows) <= 500 else None)
        return [self._from_row(r, apps.get(r["id"], [])) for r in rows]

    def register(self, *, counts: bool = True) -> builtins.list[PlanListing]:
        """The plan register as the Kế hoạch tab lists it, in the order of `list`: only the
        columns shown and each plan's number of tasks, in one query (ten years of plans list
        without reading their sections, bases and appendices). `counts=False`: without the
        numbers of tasks (`task_count` None), which cost most of the query (every task of the
        database counted); `task_counts(ids)` counts those of the plans wanted."""
        counted = "(SELECT count(*) FROM tasks t WHERE t.plan_id = p.id)" if counts else "NULL"
        rows = self.db.execute(
            f"SELECT p.id, p.number, p.title, p.issuer, p.issue_date, p.period_start, p.period_end, p.status, {counted}"
            " FROM plans p ORDER BY p.period_start DESC, p.issue_date DESC, p.id DESC"
        ).fetchall()
        return [
            PlanListing(id=pid, number=as_read(number, 100), title=as_read(title, MAX_SHORT_CHARS * 2),
                        issuer=as_read(issuer, MAX_SHORT_CHARS), issue_date=_date_or_none(issued),
                        period_start=start, period_end=end, status=PlanStatus(status), task_count=count)
            for pid, number, title, issuer, issued, start, end, status, count in rows
        ]

    def get(self, plan_id: int) -> Plan:
        rows = list(self.db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
        if not rows:
            raise NotFoundError(f"Không tìm thấy kế hoạch số hiệu nội bộ {plan_id}.")
        return self._from_row(rows[0], self._appendices_by_plan([plan_id]).get(plan_id, []))

    def count(self) -> int:
        """How many plans the database holds."""
        return int(self.db.execute("SELECT count(*) FROM plans").fetchone()[0])

    def task_count(self, plan_id: int) -> int:
        return int(self.db.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", [plan_id]).fetchone()[0])

    def task_counts(self, plan_ids: Iterable[int] | None = None) -> dict[int, int]:
        """The number of tasks of each plan that has any; of `plan_ids` only, each of them
        (0 for a plan without tasks), when given."""
        if plan_ids is None:
            return dict(self.db.execute("SELECT plan_id, count(*) FROM tasks GROUP BY plan_id").fetchall())
        wanted = list(dict.fromkeys(plan_ids))
        found = dict.fromkeys(wanted, 0)
        for chunk in in_chunks(wanted):
            found.update(self.db.execute(
                f"SELECT plan_id, count(*) FROM tasks WHERE plan_id IN ({marks(chunk)}) GROUP BY plan_id", chunk).fetchall())
        return found

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
            Section(check_text("Tiêu đề mục", s.heading, limit=MAX_SHORT_CHARS), check_text("Nội dung mục", s.body, limit=MAX_SECTION_CHARS))
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
            plan_id = self.db.insert("plans", row)
            appendices = p.appendices or [Appendix(title="")]
            for i, a in enumerate(appendices):
                arow: dict[str, Any] = {"plan_id": plan_id, "position": i, "title": a.title}
                if a.id is not None and plan.id is not None:
                    arow["id"] = a.id
                self.db.insert("appendices", arow)
        return self.get(int(plan_id))  # type: ignore[arg-type]

    def update(self, plan: Plan, base: Plan | None = None) -> Plan:
        """Save metadata and the appendix list (added, renamed, reordered, removed); see `edit`."""
        return self.edit(plan, base).after

    def edit(self, plan: Plan, base: Plan | None = None, *, undoing: bool = False,
             new_ids: Sequence[int] = ()) -> PlanEdit:
        """Save the plan form. With `base`, the plan as it was read into the form, only the
        fields and appendices the form changed are written: a field another window or process
        changed since is refused (ConflictError, nothing saved), and appendices the form never
        showed (added elsewhere) are kept. Without `base` the form is taken as the whole plan.
        `undoing`: appendices to remove must still be empty (an undo removes only what its
        edit created, never tasks added since). `new_ids`: the ids the appendices the form adds
        are given, in turn (redo puts them back under the ids the save first gave them, which the
        steps after it name them by)."""
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
            ids = list(new_ids)
            for i, a in enumerate([*kept, *unseen]):
                if a.id is None:
                    row = {"plan_id": p.id, "position": i, "title": a.title}
                    added.append(self.db.insert("appendices", {"id": ids.pop(0), **row} if ids else row))
                    continue
                title = a.title if a.id in known and a.title != known[a.id].title else now_apps[a.id].title
                self.db.execute("UPDATE appendices SET position = ?, title = ? WHERE id = ? AND plan_id = ?",
                                [i, title, a.id, p.id])
        return PlanEdit(before=before, after=self.get(int(p.id)), removed=snap, added=tuple(added))  # type: ignore[arg-type]

    def undo_edit(self, edit: PlanEdit) -> None:
        """Take back exactly what `edit` did: its fields, renamed and removed appendices (with
        their tasks and history), the appendices it added (only while still empty). Refused
        with ConflictError where something was changed again since."""
        with putting_back("kế hoạch như trước khi sửa"), self.db.atomic():
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
        with putting_back("các phụ lục đã xóa"), self.db.atomic():
            for a in snap.plan.appendices:
                self.db.execute("INSERT INTO appendices (id, plan_id, position, title) VALUES (?, ?, ?, ?)",
                                [a.id, snap.plan.id, a.position, a.title])
            for g in snap.groups:
                self.db.insert("task_groups",
                               {"id": g.id, "appendix_id": g.appendix_id, "position": g.position, "title": g.title})
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
        with putting_back(f"kế hoạch «{one_line(snap.plan.title)[:80]}»"), self.db.atomic():
            plan = self.create(snap.plan)
            for g in snap.groups:
                self.db.insert("task_groups",
                               {"id": g.id, "appendix_id": g.appendix_id, "position": g.position, "title": g.title})
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
                gid = self.db.insert("task_groups",
                                     {"appendix_id": app_map[g.appendix_id], "position": g.position, "title": g.title})
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
