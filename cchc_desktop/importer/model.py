"""What an import produces before anything is saved: the plan draft, task drafts with the
source lines they came from and what could not be read, reporting duties, new agencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc_desktop.store.domain import AgencyRef, Plan


@dataclass
class DraftTask:
    """A task as it will be stored, with where it came from and what to check."""

    content: str = ""
    lead: str = ""  # as written ("Sở Nội vụ; các cơ quan, đơn vị liên quan")
    partners: str = ""
    time_frame: str = ""  # exactly as written
    output: str = ""
    funding: str = ""
    notes: str = ""
    group: str = ""  # title of the Roman-numeral group row it sits under ("" for none)
    appendix: int = 0  # index into plan.appendices
    source: list[int] = field(default_factory=list)  # source line numbers
    problems: list[str] = field(default_factory=list)  # Vietnamese, for the officer
    kind: str = "task"  # "task" (appendix row or labelled prose) or "duty" (reporting duty)
    include: bool = True
    lead_refs: list[AgencyRef] = field(default_factory=list)
    partner_refs: list[AgencyRef] = field(default_factory=list)
    schedule_understood: bool = True
    # values not written on the task's own lines: field -> how it was found ("kế thừa từ tiêu đề
    # «Sở Nội vụ»", "kế thừa thời gian thực hiện chung của kế hoạch", "lấy từ nội dung nhiệm vụ")
    derived: dict[str, str] = field(default_factory=dict)

    @property
    def lead_names(self) -> list[str]:
        return [r.text for r in self.lead_refs]

    @property
    def partner_names(self) -> list[str]:
        return [r.text for r in self.partner_refs]

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "lead": self.lead_names,
            "partners": self.partner_names,
            "when": self.time_frame,
            "output": self.output,
            "funding": self.funding,
            "notes": self.notes,
            "group": self.group or None,
            "appendix": self.appendix + 1,
            "source": self.source,
            "problems": self.problems,
            "schedule_understood": self.schedule_understood,
            "derived": self.derived,
        }


@dataclass
class Fragment:
    """A piece of the document the recogniser could not place, shown to the officer."""

    text: str
    source: list[int]
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "reason": self.reason}


@dataclass
class ImportResult:
    """What reading one document found: the plan, its tasks and duties, what was not understood, and the
    problems to show the officer before anything is saved."""
    source_name: str
    kind: str  # reader kind: "text", "docx", "pdf", "xlsx", "csv"
    plan: Plan
    tasks: list[DraftTask] = field(default_factory=list)
    duties: list[DraftTask] = field(default_factory=list)
    # duties "Tổ chức thực hiện" assigns per agency, offered unticked beside the tasks
    assignments: list[DraftTask] = field(default_factory=list)
    unrecognised: list[Fragment] = field(default_factory=list)
    new_agencies: list[str] = field(default_factory=list)  # names proposed for the registry
    problems: list[str] = field(default_factory=list)  # about the plan's metadata
    line_count: int = 0
    columns: list[str] = field(default_factory=list)  # spreadsheet: the field of each column
    column_titles: list[str] = field(default_factory=list)  # spreadsheet: the header cells
    province: str = ""  # as the document names it ("Vĩnh Long"): the registry's local forms
    issuer_abbreviation: str = ""  # the issuer only as its symbol says it ("STTTT"), for the registry
    # where the number, date, signer and issuer came from ("văn bản", "bảng thông tin của trang thư
    # viện văn bản"), for a page saved from a legal-document library
    metadata_sources: dict[str, str] = field(default_factory=dict)
    not_plan: str = ""  # why the document assigns no tasks (an article, a regulation ...), Vietnamese

    @property
    def included(self) -> list[DraftTask]:
        """Tasks and duties the officer keeps, in document order of tasks then duties."""
        return [t for t in [*self.tasks, *self.duties, *self.assignments] if t.include]

    def to_json(self) -> dict[str, Any]:
        p = self.plan
        return {
            "source": self.source_name,
            "plan": {
                "number": p.number,
                "date": p.issue_date.isoformat() if p.issue_date else None,
                "place": p.place,
                "issuer": p.issuer,
                "parent_body": p.parent_body,
                "act_authority": p.act_authority,
                "title": p.title,
                "period": p.period_label,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "signer": {"authority": p.signer_authority, "position": p.signer_position, "name": p.signer_name},
                "proposer": p.proposer,
                "legal_bases": p.legal_bases,
                "recipients": p.recipients,
                "sections": [s.heading for s in p.sections],
                "appendices": [a.title for a in p.appendices],
            },
            "tasks": [t.to_json() for t in self.tasks],
            "duties": [t.to_json() for t in self.duties],
            "assignments": [t.to_json() for t in self.assignments],
            "new_agencies": self.new_agencies,
            "unrecognised": [f.to_json() for f in self.unrecognised],
            "problems": self.problems,
            "metadata_sources": self.metadata_sources,
            "not_a_plan": self.not_plan or None,
            **({"columns": dict(zip(self.column_titles, self.columns, strict=False))} if self.columns else {}),
        }
