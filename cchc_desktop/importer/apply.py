"""Saving an import: a new plan in one transaction, or the differences with a plan
already in the database (re-import never duplicates tasks)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from cchc_desktop.errors import ValidationError
from cchc_desktop.importer import limits
from cchc_desktop.importer.matching import AgencyMatcher, check_task
from cchc_desktop.importer.model import DraftTask, ImportResult
from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.store import Store
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text.textnorm import fold

SIMILAR = 0.8  # contents this alike are the same task, reworded


@dataclass
class SaveReport:
    """What saving an import changed: the plan, and how many tasks, groups and agencies were made or replaced."""
    plan: Plan
    created_tasks: int = 0
    updated_tasks: int = 0
    deleted_tasks: int = 0
    created_groups: int = 0
    created_agencies: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"kế hoạch «{self.plan.number or self.plan.title}» (mã {self.plan.id})"]
        if self.created_tasks:
            parts.append(f"thêm {self.created_tasks} nhiệm vụ")
        if self.updated_tasks:
            parts.append(f"cập nhật {self.updated_tasks} nhiệm vụ")
        if self.deleted_tasks:
            parts.append(f"xóa {self.deleted_tasks} nhiệm vụ")
        if self.created_groups:
            parts.append(f"{self.created_groups} nhóm")
        if self.created_agencies:
            parts.append(f"{len(self.created_agencies)} cơ quan mới: " + "; ".join(self.created_agencies))
        return ", ".join(parts) + "."


def _create_agencies(store: Store, names: Iterable[str]) -> list[str]:
    created = []
    for name in names:
        if name.strip() and store.agencies.match(name) is None:
            store.agencies.create(name)
            created.append(name)
    return created


def _to_task(draft: DraftTask, plan: Plan, matcher: AgencyMatcher) -> Task:
    # its names linked again: the agencies the import adds exist now (what the preview listed
    # for the officer to look at was listed when the document was read, `check_task`)
    draft.lead_refs = matcher.refs(draft.lead)
    draft.partner_refs = matcher.refs(draft.partners)
    return Task(
        plan_id=plan.id, content=draft.content, lead=list(draft.lead_refs), partners=list(draft.partner_refs),
        time_frame=draft.time_frame, output=draft.output, funding=draft.funding, notes=draft.notes,
    )


def _province(result: ImportResult) -> str:
    issuer = result.plan.issuer
    m = re.search(r"(?:tỉnh|thành phố)\s+(.+)$", issuer)
    return m.group(1) if m else result.plan.place


def save_new_plan(store: Store, result: ImportResult, *, new_agencies: Sequence[str] | None = None) -> SaveReport:
    """Create the plan, its appendices, groups and the included tasks in one transaction."""
    tasks = result.included
    limits.check_task_count(len(tasks))
    plan_draft = replace(result.plan, id=None, appendices=[Appendix(title=a.title) for a in result.plan.appendices] or [Appendix()])
    with many_objects(), store.db.atomic():  # thousands of tasks, no reference cycles
        created_agencies = _create_agencies(store, result.new_agencies if new_agencies is None else new_agencies)
        plan = store.plans.create(plan_draft)
        matcher = AgencyMatcher(store, _province(result))
        report = SaveReport(plan=plan, created_agencies=created_agencies)
        groups: dict[tuple[int, str], int] = {}
        batch: list[Task] = []
        for draft in tasks:
            index = min(max(draft.appendix, 0), len(plan.appendices) - 1)
            appendix_id = plan.appendices[index].id
            task = _to_task(draft, plan, matcher)
            task.appendix_id = appendix_id
            if draft.group.strip():
                key = (index, draft.group.strip())
                if key not in groups:
                    groups[key] = int(store.tasks.add_group(int(appendix_id), draft.group.strip()).id)  # type: ignore[arg-type]
                    report.created_groups += 1
                task.group_id = groups[key]
            batch.append(task)
        store.tasks.create_many(batch)
        report.created_tasks = len(batch)
        report.plan = store.plans.get(int(plan.id))  # type: ignore[arg-type]
    return report


# --------------------------------------------------------------------------- re-import


@dataclass
class TaskDiff:
    """One line of the comparison between the document and the plan in the database."""

    kind: str  # "added", "changed", "unchanged", "missing"
    draft: DraftTask | None = None
    existing: Task | None = None
    changes: list[str] = field(default_factory=list)  # Vietnamese field names that differ
    accept: bool = False

    @property
    def label(self) -> str:
        return DIFF_LABELS[self.kind]


DIFF_LABELS = {"added": "Mới", "changed": "Thay đổi", "unchanged": "Giữ nguyên", "missing": "Không còn trong văn bản"}
_FIELDS = (("content", "Nội dung"), ("lead", "Cơ quan chủ trì"), ("partners", "Cơ quan phối hợp"),
           ("time_frame", "Thời gian thực hiện"), ("output", "Sản phẩm/chỉ tiêu"), ("funding", "Kinh phí"))


def _values_of_task(task: Task) -> dict[str, str]:
    return {
        "content": task.content, "lead": "; ".join(task.lead_names), "partners": "; ".join(task.partner_names),
        "time_frame": task.time_frame, "output": task.output, "funding": task.funding,
    }


def _values_of_draft(draft: DraftTask) -> dict[str, str]:
    return {
        "content": draft.content, "lead": "; ".join(draft.lead_names), "partners": "; ".join(draft.partner_names),
        "time_frame": draft.time_frame, "output": draft.output, "funding": draft.funding,
    }


def _changes(draft: DraftTask, task: Task) -> list[str]:
    a, b = _values_of_draft(draft), _values_of_task(task)
    return [label for key, label in _FIELDS if fold(a[key]) != fold(b[key])]


def diff_plan(store: Store, plan_id: int, result: ImportResult) -> list[TaskDiff]:
    """Match the document's included tasks with the plan's tasks by their content."""
    plan = store.plans.get(plan_id)
    existing = store.tasks.tasks_of_plan(plan_id)
    matcher = AgencyMatcher(store, _province(result))
    drafts = result.included
    for d in drafts:
        check_task(d, plan, matcher)
    by_key: dict[str, list[Task]] = {}
    for t in existing:
        by_key.setdefault(fold(t.content), []).append(t)
    used: set[int] = set()
    pairs: dict[int, Task] = {}
    for i, d in enumerate(drafts):
        for t in by_key.get(fold(d.content), []):
            if t.id not in used:
                pairs[i] = t
                used.add(int(t.id))  # type: ignore[arg-type]
                break
    for i, d in enumerate(drafts):  # reworded contents
        if i in pairs:
            continue
        best, best_ratio = None, SIMILAR
        for t in existing:
            if t.id in used:
                continue
            ratio = difflib.SequenceMatcher(None, fold(d.content), fold(t.content)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = t, ratio
        if best is not None:
            pairs[i] = best
            used.add(int(best.id))  # type: ignore[arg-type]
    out: list[TaskDiff] = []
    for i, d in enumerate(drafts):
        if i in pairs:
            changes = _changes(d, pairs[i])
            kind = "changed" if changes else "unchanged"
            out.append(TaskDiff(kind=kind, draft=d, existing=pairs[i], changes=changes, accept=bool(changes)))
        else:
            out.append(TaskDiff(kind="added", draft=d, accept=True))
    for t in existing:
        if t.id not in used:
            out.append(TaskDiff(kind="missing", existing=t, accept=False))
    return out


def apply_diff(store: Store, plan_id: int, diffs: Sequence[TaskDiff], result: ImportResult,
               *, new_agencies: Sequence[str] | None = None) -> SaveReport:
    """Apply the accepted lines in one transaction: add new tasks, update changed ones (their
    status and progress stay), delete tasks no longer in the document only when accepted."""
    limits.check_task_count(sum(1 for d in diffs if d.accept and d.kind in ("added", "changed")))
    plan = store.plans.get(plan_id)
    if not plan.appendices:
        raise ValidationError("Kế hoạch không có phụ lục để thêm nhiệm vụ.")
    with store.db.atomic():
        report = SaveReport(plan=plan)
        wanted = result.new_agencies if new_agencies is None else new_agencies
        report.created_agencies = _create_agencies(store, wanted)
        matcher = AgencyMatcher(store, _province(result))
        groups = {(g.appendix_id, fold(g.title)): g.id for g in store.tasks.groups_of_plan(plan_id)}
        to_delete: list[int] = []
        for diff in diffs:
            if not diff.accept:
                continue
            if diff.kind == "added" and diff.draft is not None:
                task = _to_task(diff.draft, plan, matcher)
                index = min(max(diff.draft.appendix, 0), len(plan.appendices) - 1)
                task.appendix_id = plan.appendices[index].id
                if diff.draft.group.strip():
                    key = (task.appendix_id, fold(diff.draft.group))
                    if key not in groups:
                        groups[key] = store.tasks.add_group(int(task.appendix_id), diff.draft.group.strip()).id  # type: ignore[arg-type]
                        report.created_groups += 1
                    task.group_id = groups[key]
                store.tasks.create(task)
                report.created_tasks += 1
            elif diff.kind == "changed" and diff.draft is not None and diff.existing is not None:
                new = _to_task(diff.draft, plan, matcher)
                updated = replace(
                    diff.existing, content=new.content, lead=new.lead, partners=new.partners,
                    time_frame=new.time_frame, output=new.output or diff.existing.output,
                    funding=new.funding or diff.existing.funding,
                )
                store.tasks.update(updated)
                report.updated_tasks += 1
            elif diff.kind == "missing" and diff.existing is not None:
                to_delete.append(int(diff.existing.id))  # type: ignore[arg-type]
        if to_delete:
            store.tasks.delete(to_delete)
            report.deleted_tasks = len(to_delete)
        report.plan = store.plans.get(plan_id)
    return report
