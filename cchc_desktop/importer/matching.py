"""Matching what a document names to the agency registry, in one place, after the document is read:
agency lists split and linked to registry agencies, the issuer written as the registry writes it,
agencies worth proposing for the registry, and the problems the officer should look at in each task."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from cchc_desktop.importer.lines import _strip_end
from cchc_desktop.importer.model import DraftTask, ImportResult
from cchc_desktop.scheduling.timeframe import parse_time_frame
from cchc_desktop.store.domain import AgencyRef, Plan
from cchc_desktop.store.store import Store
from cchc_desktop.text.agencies import is_vague_phrase, split_agency_parts
from cchc_desktop.text.textnorm import fold


class AgencyMatcher:
    """Names to registry agencies, with the province's own forms ("Đài PT-TH Vĩnh Long")."""

    def __init__(self, store: Store | None, province: str = "") -> None:
        self.store = store
        self.province = province
        self.known = store.agencies.known_names() if store is not None else []
        # each list split and matched once (the same few recur in a plan), against the registry
        # as read here, like `known`
        self._refs: dict[str, list[tuple[str, int | None, str]]] = {}

    def match(self, name: str) -> int | None:
        if self.store is None:
            return None
        name = _strip_end(name)
        candidates = [name]
        base = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        if base != name:
            candidates.append(base)
        for n in list(candidates):
            if self.province:
                for suffix in (f" tỉnh {self.province}", f" {self.province}", f" thành phố {self.province}"):
                    if fold(n).endswith(fold(suffix)):
                        stem = n[: len(n) - len(suffix)]
                        candidates += [stem + " tỉnh", stem]
            candidates.append(n + " tỉnh")
        for n in list(candidates):
            if "ủy ban nhân dân" in n.lower():
                candidates.append(re.sub("ủy ban nhân dân", "UBND", n, flags=re.I))
            elif "UBND" in n:
                candidates.append(n.replace("UBND", "Ủy ban nhân dân"))
        for c in candidates:
            aid = self.store.agencies.match(c)
            if aid is not None:
                return aid
        return None

    def refs(self, text: str) -> list[AgencyRef]:
        if text not in self._refs:
            self._refs[text] = [
                (_strip_end(name), self.match(name), sep)
                for sep, name in split_agency_parts(text, self.known)
                if _strip_end(name)
            ]
        return [AgencyRef(text=name, agency_id=aid, separator=sep) for name, aid, sep in self._refs[text]]


@lru_cache(maxsize=4096)  # a plan names the same few agencies on every row
def proposable(name: str) -> bool:
    """An unmatched name worth adding to the registry (not a phrase like "các đơn vị")."""
    key = fold(name)
    if not key or not name[:1].isupper() or is_vague_phrase(name) or key.startswith(("cac ", "moi ", "toan the", "nhung ")):
        return False
    if any(word in f" {key} " for word in (" tai ", " tren dia ban ", " co lien quan ", " thuoc ")):
        return False
    return 2 <= len(key.split()) <= 15


def check_task(task: DraftTask, plan: Plan, matcher: AgencyMatcher) -> None:
    """Link agencies and list what the officer should look at (again after an edit)."""
    task.problems = [p for p in task.problems if not p.startswith(_COMPUTED)]
    task.lead_refs = matcher.refs(task.lead)
    task.partner_refs = matcher.refs(task.partners)
    if not task.content.strip():
        task.problems.append("Chưa có nội dung nhiệm vụ.")
    if not task.lead.strip():
        task.problems.append("Chưa có cơ quan chủ trì.")
    if not task.time_frame.strip():
        task.problems.append("Chưa có thời gian thực hiện.")
        task.schedule_understood = False
    else:
        tf = parse_time_frame(task.time_frame, plan.period_start or dt.date.today().year, plan.period_end or None)
        task.schedule_understood = tf.understood
        if not tf.understood:
            task.problems.append(f"Chưa hiểu thời gian «{task.time_frame}»; giữ nguyên chữ, hãy đặt lịch bằng tay sau khi lưu.")
    unknown = [r.text for r in [*task.lead_refs, *task.partner_refs] if r.agency_id is None and proposable(r.text)]
    if unknown and matcher.store is not None:
        task.problems.append("Cơ quan chưa có trong danh mục: " + "; ".join(unknown) + ".")


_COMPUTED = ("Chưa có nội dung", "Chưa có cơ quan chủ trì", "Chưa có thời gian", "Chưa hiểu thời gian", "Cơ quan chưa có")


NO_ISSUER = "Không nhận ra cơ quan ban hành; hãy nhập."


def registry_name(store: Store | None, name: str) -> str:
    """`name` as the registry writes it, when the registry knows it."""
    if store is not None and name:
        aid = store.agencies.match(name)
        if aid is not None:
            return store.agencies.get(aid).name
    return name


def match_registry(result: ImportResult, store: Store | None) -> ImportResult:
    """Link what a read document names to the agency registry of `store`: the issuer (by name or by
    the abbreviation in the symbol), each task's lead and partners, and the names worth proposing
    for the registry. Without a store, every agency stays as written and nothing is proposed."""
    plan = result.plan
    if plan.issuer:
        plan.issuer = registry_name(store, plan.issuer)
    elif result.issuer_abbreviation and store is not None:
        plan.issuer = registry_name(store, result.issuer_abbreviation)
        if plan.issuer == result.issuer_abbreviation:
            plan.issuer = ""  # an abbreviation the registry does not know is no issuer's name
        if plan.issuer:
            result.problems = [p for p in result.problems if p != NO_ISSUER]
    matcher = AgencyMatcher(store, result.province)
    for t in [*result.tasks, *result.duties, *result.assignments]:
        check_task(t, plan, matcher)
    result.new_agencies = proposed_agencies([*result.tasks, *result.duties]) if store is not None else []
    return result


def proposed_agencies(tasks: Iterable[DraftTask]) -> list[str]:
    """The names of the tasks' agencies the registry does not know and that are worth adding to
    it, each once (as first written). An assignment's are not proposed: it is offered only, and
    its unknown agencies are kept as written."""
    new: dict[str, str] = {}
    for t in tasks:
        if t.kind == "assignment":
            continue
        for ref in [*t.lead_refs, *t.partner_refs]:
            if ref.agency_id is None and proposable(ref.text):
                new.setdefault(fold(ref.text), ref.text)
    return list(new.values())
