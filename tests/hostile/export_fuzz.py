"""Hostile text through every non-PDF exporter: the appendix (.docx, .xlsx), the report (.xlsx,
.docx), the evidence list (.xlsx) and the .ics calendar.

The texts are written straight into a real database (as a copied database or an older
version could hold them, bypassing the services' checks), and the report's section texts,
which the editor hands to the exporter in memory, also carry lone surrogates. Every file
written is opened again by the library that reads that format. Shared by the test (a few
hundred texts) and `bench/bench_fuzz.py` (10,000 texts).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field

from hypothesis import strategies as st

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.documents.ics import build_calendar
from cchc_desktop.documents.render.office_docs import render_appendix_office
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.reminders import Reminder, ReminderService
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store

MARKUP = ["<w:p>", "</w:t>", "]]>", "&amp;", "&#0;", "<?xml version='1.0'?>", '=HYPERLINK("http://x.invalid","Bấm")',
          "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\r\n", "BEGIN:VEVENT", "END:VCALENDAR",
          "\\n;,", "_x0041_", "{\\rtf1}", "%PDF-1.7", "\x00", "\ufffe", "\uffff", "\u2028", "\u202e", "\U0010ffff",
          "Sở Nội vụ", "Đài PT-TH tỉnh", "Quý I/2025", "Trước ngày 16/01/2025"]

# Every plane and category except surrogates, which SQLite cannot store as UTF-8 text.
_stored_chars = st.characters(exclude_categories=("Cs",))
# In-memory texts also carry lone surrogates (hypothesis leaves them out unless asked).
_any_chars = st.one_of(st.characters(), st.characters(categories=["Cs"]))
SURROGATES = ["\udcff", "\ud800", "\ud83d"]


def _texts(chars: st.SearchStrategy[str], markup: list[str] = MARKUP) -> st.SearchStrategy[str]:
    plain = st.text(chars, max_size=60)
    controls = st.text(st.characters(max_codepoint=0x1F), max_size=10)
    mixed = st.lists(st.one_of(plain, controls, st.sampled_from(markup)), max_size=8).map("".join)
    huge = st.builds(lambda s, n: (s or "x") * n, st.text(chars, min_size=1, max_size=12), st.integers(2_000, 60_000))
    return st.one_of(plain, mixed, mixed, st.sampled_from(markup), huge)


stored_text = _texts(_stored_chars)
# The report's section texts come from the editor, which keeps at most 50,000 characters.
memory_text = _texts(_any_chars, MARKUP + SURROGATES).map(lambda t: t[:50_000])

# The fields each example fills: table, column, and how many texts that is.
STORED_FIELDS = (
    ("plans", "title"), ("plans", "issuer"), ("plans", "parent_body"), ("plans", "signer_name"),
    ("plans", "place"), ("appendices", "title"), ("task_groups", "title"), ("tasks", "content"),
    ("tasks", "output"), ("tasks", "notes"), ("tasks", "officer"), ("task_agencies", "text"),
    ("progress_entries", "note"), ("progress_entries", "evidence_number"), ("progress_entries", "evidence_link"),
    ("progress_entries", "officer"), ("reminders", "title"), ("reminders", "notes"),
)
REPORT_TEXT_KEYS = rp.TEXT_KEYS
TEXTS_PER_EXAMPLE = len(STORED_FIELDS) + 1 + len(REPORT_TEXT_KEYS)  # + the recipients list

example = st.fixed_dictionaries({
    "stored": st.tuples(*(stored_text for _ in STORED_FIELDS)),
    "recipient": stored_text,
    "report_texts": st.tuples(*(memory_text for _ in REPORT_TEXT_KEYS)),
})

PERIOD = "2025"
TODAY = dt.date(2025, 6, 30)


@dataclass
class Counts:
    texts: int = 0
    exports: int = 0
    failures: list[str] = field(default_factory=list)
    formulas: int = 0


def build_store(path) -> Store:  # noqa: ANN001
    """One plan, one group, one task with lead and partner, a progress entry with evidence, a reminder."""
    store = Store.open(path)
    plan = store.plans.create(Plan(number="05/KH-UBND", issuer="UBND tỉnh", place="Vĩnh Long",
                                   issue_date=dt.date(2025, 1, 5), period_start=2025, period_end=2025,
                                   title="Tuyên truyền CCHC năm 2025", signer_name="Nguyễn Văn A",
                                   recipients=["Sở Nội vụ;"], appendices=[Appendix(title="Nhiệm vụ")]))
    appendix_id = plan.appendices[0].id
    group = store.tasks.add_group(appendix_id, "Nhóm nhiệm vụ")
    task = store.tasks.create(Task(plan_id=plan.id, appendix_id=appendix_id, group_id=group.id,
                                   content="Nhiệm vụ", time_frame="Quý I/2025",
                                   lead=store.agencies.resolve("Sở Nội vụ"), partners=store.agencies.resolve("Sở Tư pháp")))
    ProgressService(store).record(ProgressEntry(task_id=task.id, state=TaskStatus.DONE, done_on=dt.date(2025, 3, 1),
                                                note="Đã làm", evidence_number="12/SNV", evidence_link="https://x.vn"))
    ReminderService(store).add(Reminder(title="Họp", at=dt.datetime(2025, 3, 3, 8, 0), notes="ghi chú"))
    return store


def fill(store: Store, stored: tuple[str, ...], recipient: str) -> None:
    """Write the texts into the database as they are (no check, no normalisation)."""
    with store.db.conn:
        for (table, column), text in zip(STORED_FIELDS, stored, strict=True):
            store.db.conn.execute(f"UPDATE {table} SET {column} = ?", [text])  # noqa: S608 - fixed names
        store.db.conn.execute("UPDATE plans SET recipients = ?", [json.dumps([recipient, "Lưu: VT."])])


def _check_xlsx(data: bytes, counts: Counts) -> None:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in z.read(name):
                counts.formulas += 1
    openpyxl.load_workbook(io.BytesIO(data)).close()


def _check_docx(data: bytes) -> None:
    import docx

    docx.Document(io.BytesIO(data))


def _check_ics(data: bytes) -> None:
    from icalendar import Calendar

    Calendar.from_ical(data)


def run_example(store: Store, ex: dict, counts: Counts, folder) -> None:  # noqa: ANN001
    fill(store, ex["stored"], ex["recipient"])
    texts = dict(zip(REPORT_TEXT_KEYS, ex["report_texts"], strict=True))
    counts.texts += TEXTS_PER_EXAMPLE
    plan_id = store.plans.list()[0].id

    def attempt(name: str, write, check) -> None:  # noqa: ANN001
        path = folder / name
        try:
            write(path)
            check(path.read_bytes())
        except Exception as exc:  # noqa: BLE001 - a crash of any kind is what is counted
            counts.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        counts.exports += 1

    attempt("appendix.docx", lambda b: render_appendix_office(store, plan_id, docx=b, today=TODAY), _check_docx)
    attempt("appendix.xlsx", lambda b: render_appendix_office(store, plan_id, xlsx=b, today=TODAY),
            lambda d: _check_xlsx(d, counts))
    report = rp.build_report(store, rp.parse_period(PERIOD), [plan_id], today=TODAY)
    attempt("report.xlsx", lambda b: report_docs.write_xlsx(report, b), lambda d: _check_xlsx(d, counts))
    attempt("report.docx", lambda b: report_docs.write_docx(report, b, texts, store, TODAY), _check_docx)
    attempt("evidence.xlsx", lambda b: evidence_docs.write_xlsx(store, report, b), lambda d: _check_xlsx(d, counts))
    attempt("calendar.ics", lambda p: p.write_bytes(build_calendar(store, today=TODAY, include_done=True).to_ical()),
            _check_ics)
