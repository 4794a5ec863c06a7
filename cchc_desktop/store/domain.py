"""Domain records: plans, appendices, task groups, tasks and agencies.

Services return these dataclasses, never database rows. Lists (legal bases,
recipients, sections) keep the officer's order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from cchc_desktop.text.agencies import name_in_sentence
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold, one_line


class PlanStatus(str, Enum):
    DRAFT = "draft"
    ISSUED = "issued"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return {"draft": "Dự thảo", "issued": "Đã ban hành", "expired": "Hết hiệu lực"}[self.value]


class TaskStatus(str, Enum):
    """What the officer records; "quá hạn" is never stored, it is derived from the schedule."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"todo": "Chưa thực hiện", "doing": "Đang thực hiện", "done": "Hoàn thành"}[self.value]


class AgencyRole(str, Enum):
    LEAD = "lead"
    PARTNER = "partner"


# Document types by the abbreviation in the number/symbol ("3060/QĐ-UBND").
DOC_TYPES = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "NQ": "Nghị quyết",
    "CTr": "Chương trình",
    "TTr": "Tờ trình",
}
NUMBER_SYMBOL_RE = lazy(r"^\s*(\d*)\s*/\s*([A-ZĐa-zđ]+)(-[A-ZĐa-zđ0-9&.]+)+\s*$")


def split_number_symbol(number_symbol: str) -> tuple[str, str]:
    """("3060", "QĐ-UBND") from "3060/QĐ-UBND"; ("", "KH-UBND") from a draft's "/KH-UBND"."""
    if "/" not in number_symbol:
        return number_symbol.strip(), ""
    num, _, sym = number_symbol.partition("/")
    return num.strip(), sym.strip()


def doc_type_of(number_symbol: str) -> str:
    """"Quyết định" for "3060/QĐ-UBND"; "Kế hoạch" when the symbol says nothing known."""
    _, symbol = split_number_symbol(number_symbol)
    abbreviation = symbol.split("-", 1)[0]
    return DOC_TYPES.get(abbreviation, "Kế hoạch")


@dataclass(frozen=True)
class ActReference:
    """The act other documents cite a plan by: the plan itself ("Kế hoạch số 05/KH-UBND"), or
    the decision that issued it ("Quyết định số 3060/QĐ-UBND", the plan "ban hành kèm theo" it)."""

    doc_type: str  # "Kế hoạch", "Quyết định", ...
    number: str  # "3060"; empty on a draft ("/KH-UBND")
    symbol: str  # "QĐ-UBND"
    issue_date: dt.date | None
    authority: str  # who issued the act

    @property
    def is_plan(self) -> bool:
        """The plan is an act of its own (KH), not attached to a decision."""
        return self.doc_type == DOC_TYPES["KH"]

    def number_text(self, blank: str | None = None) -> str:
        """"số 3060/QĐ-UBND"; on a draft "số" + `blank` + "/KH-UBND", or "" when `blank` is None."""
        if self.number:
            return f"số {self.number}/{self.symbol}" if self.symbol else f"số {self.number}"
        if blank is None:
            return ""
        return f"số {blank}/{self.symbol}" if self.symbol else f"số {blank}"


def act_reference(plan: Plan, number_symbol: str | None = None) -> ActReference:
    """How `plan` is cited; `number_symbol` replaces the plan's number as written (e.g. zero-padded)."""
    number, symbol = split_number_symbol(plan.number if number_symbol is None else number_symbol)
    return ActReference(doc_type_of(plan.number), number, symbol, plan.issue_date,
                        name_in_sentence(plan.authority_for_reference.strip()))


# --------------------------------------------------------------------------- plan titles
# A plan's title says what the plan is about ("Tuyên truyền cải cách hành chính năm 2025"); the
# printed plan puts "KẾ HOẠCH" above it, the report cites it as "Kế hoạch tuyên truyền ...".
# These functions are the one place that turns the title into each of those.

PLAN_DOC_TYPE = "Kế hoạch"


def period_phrase(start: int, end: int | None = None) -> str:
    """"năm 2025" or "giai đoạn 2021-2025", as a plan's title names its period."""
    if end and end != start:
        return f"giai đoạn {start}-{end}"
    return f"năm {start}"


def default_plan_title(start: int, end: int | None = None) -> str:
    """The title a new plan starts with (without "Kế hoạch", which the printed plan puts above it)."""
    return f"Tuyên truyền cải cách hành chính {period_phrase(start, end)}"


def default_appendix_title(start: int, end: int | None = None) -> str:
    """The title a new plan's appendix starts with."""
    return f"Nhiệm vụ tuyên truyền cải cách hành chính {period_phrase(start, end)}"


def is_default_plan_title(title: str, start: int, end: int | None = None) -> bool:
    """Whether `title` is still the default of that period (also as earlier versions wrote it,
    "Kế hoạch tuyên truyền ...")."""
    return fold(plan_topic(title)) == fold(default_plan_title(start, end))


def plan_topic(title: str) -> str:
    """What the plan is about: its title without a leading "Kế hoạch" and line breaks."""
    text = one_line(title)
    if fold(text).startswith(fold(PLAN_DOC_TYPE) + " "):
        text = text[len(PLAN_DOC_TYPE) + 1:].lstrip(" :-–")
    return text


def plan_heading(title: str) -> str:
    """The line printed under "KẾ HOẠCH": the topic with a capital ("Tuyên truyền ...")."""
    topic = plan_topic(title)
    return topic[:1].upper() + topic[1:]


def plan_subject(plan: Plan) -> str:
    """What the plan is about, inside a sentence after "Kế hoạch": "tuyên truyền cải cách hành
    chính năm 2025" (the period added when the title does not name it)."""
    subject = plan_topic(plan.title)
    if subject and not subject.isupper() and not subject[:2].isupper():
        subject = subject[:1].lower() + subject[1:]
    subject = subject or "tuyên truyền cải cách hành chính"
    if plan.period_start and str(plan.period_start) not in subject:
        subject += f" {period_phrase(plan.period_start, plan.period_end)}"
    return subject


@dataclass
class Section:
    """A prose section of the plan ("I. MỤC ĐÍCH, YÊU CẦU" and its text)."""

    heading: str
    body: str = ""


@dataclass
class Appendix:
    """An appendix of the plan ("Phụ lục I: ..."): the table its tasks and groups belong to."""

    id: int | None = None
    plan_id: int | None = None
    position: int = 0
    title: str = ""


@dataclass
class TaskGroup:
    """A Roman-numeral group row of an appendix ("I. Văn phòng UBND tỉnh")."""

    id: int | None = None
    appendix_id: int | None = None
    position: int = 0
    title: str = ""


def period_label(start: int, end: int) -> str:
    """"2025", or "2021-2025" for a plan of several years; "" without a period."""
    if not start:
        return ""
    if end and end != start:
        return f"{start}-{end}"
    return str(start)


@dataclass(frozen=True)
class PlanListing:
    """A plan as the register lists it: what its columns show, and its number of tasks (None
    where the register was read without them: `PlanService.register(counts=False)`)."""

    id: int
    number: str
    title: str
    issuer: str
    issue_date: dt.date | None
    period_start: int
    period_end: int
    status: PlanStatus
    task_count: int | None

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)


@dataclass
class Plan:
    """A plan with what its document says: number and symbol, issuer, date and period,
    signer, legal bases, recipients, prose sections, and its appendices."""

    id: int | None = None
    number: str = ""  # number and symbol as written: "3060/QĐ-UBND", "/KH-UBND" on a draft
    issuer: str = ""  # issuing body: "Ủy ban nhân dân tỉnh Vĩnh Long"
    parent_body: str = ""  # "UBND TỈNH VĨNH LONG" above a department's name; empty for a province
    act_authority: str = ""  # who promulgated the act, for "(Kèm theo ... của ...)"; default: issuer
    place: str = ""
    issue_date: dt.date | None = None
    period_start: int = 0
    period_end: int = 0
    title: str = ""
    status: PlanStatus = PlanStatus.DRAFT
    signer_authority: str = ""  # "KT. CHỦ TỊCH", may be two lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
    signer_position: str = ""
    signer_name: str = ""
    proposer: str = ""  # "Theo đề nghị của ..."
    legal_bases: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def doc_type(self) -> str:
        return doc_type_of(self.number)

    @property
    def authority_for_reference(self) -> str:
        return self.act_authority or self.issuer


@dataclass
class AgencyRef:
    """One name in a task's lead or partner list: the text as written, and the agency it
    denotes when it is one (None for phrases such as "Các cơ quan, đơn vị liên quan")."""

    text: str
    agency_id: int | None = None
    separator: str = ""  # what was written before this name in the list ("", ", ", " và ", "; ")


@dataclass
class Task:
    """A task row of an appendix: its content, lead and coordinating agencies, time frame as
    written (and the schedule set by hand, if any), output, funding, status and notes."""

    id: int | None = None
    plan_id: int | None = None
    appendix_id: int | None = None
    group_id: int | None = None
    position: int = 0
    content: str = ""
    lead: list[AgencyRef] = field(default_factory=list)
    partners: list[AgencyRef] = field(default_factory=list)
    time_frame: str = ""  # "Thời gian thực hiện" exactly as written
    output: str = ""  # "Sản phẩm / chỉ tiêu"
    funding: str = ""
    status: TaskStatus = TaskStatus.TODO
    notes: str = ""
    officer: str = ""
    completed_on: dt.date | None = None
    schedule: dict | None = None  # schedule set by hand (JSON object); None: derived from time_frame
    created_at: str = ""
    updated_at: str = ""

    @property
    def lead_names(self) -> list[str]:
        return [ref.text for ref in self.lead]

    @property
    def partner_names(self) -> list[str]:
        return [ref.text for ref in self.partners]


@dataclass
class Agency:
    """An agency of the office's registry: its name, abbreviation and other names."""

    id: int | None = None
    name: str = ""
    abbreviation: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def all_names(self) -> list[str]:
        names = [self.name, *self.aliases]
        if self.abbreviation:
            names.append(self.abbreviation)
        return names


@dataclass
class TaskRow:
    """A task as listed in the task table: flat, with its group and search key."""

    task: Task
    plan_number: str = ""
    plan_title: str = ""
    group_title: str = ""
    group_position: int = -1  # -1: not in a group
    stt: int = 0  # printed number, restarting in each group
    search_key: str = ""


@dataclass
class TaskHistory:
    """The rows that hang off tasks (progress entries, attachments, reminder links), kept
    when tasks are deleted so that undo brings the history back with them."""

    progress: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    reminder_links: list[tuple[int, int]] = field(default_factory=list)  # (reminder id, task id)


class DeletedTasks(list):  # type: ignore[type-arg]
    """Deleted tasks (a list of Task) with their history and the order of their appendices
    when they were deleted (appendix id: [(task id, group id)]), for `TaskService.restore`."""

    def __init__(self, tasks: list[Task], history: TaskHistory | None = None,
                 orders: dict[int, list[tuple[int, int | None]]] | None = None) -> None:
        super().__init__(tasks)
        self.history = history or TaskHistory()
        self.orders = orders or {}


@dataclass
class PlanSnapshot:
    """Everything a plan owns, for duplicate, undo of delete and carry-forward."""

    plan: Plan
    groups: list[TaskGroup]
    tasks: list[Task]
    history: TaskHistory = field(default_factory=TaskHistory)
