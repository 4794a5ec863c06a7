"""Every PDF renderer takes any text: all Unicode planes (lone surrogates included), control
characters, reportlab markup, and texts longer than a page, in every field it prints.

`CCHC_FUZZ_EXAMPLES` sets the number of examples per renderer (60 by default, half a second
to a second each); `python bench/bench_fuzz_pdf.py N` runs N per renderer and prints the
figures. Each renderer writes into memory and the PDF is read back, so a file that reportlab
wrote but no reader can open fails too.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.documents.render.appendix import AppendixTable, TableRow, write_appendix_pdf
from cchc_desktop.documents.render.plan_doc import write_plan_pdf
from cchc_desktop.documents.render.reminder_list import ReminderGroup, ReminderList, write_reminder_pdf
from cchc_desktop.documents.render.settings import APPENDIX_COLUMNS, DocumentSettings
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.schedule import OVERDUE, Occurrence
from cchc_desktop.store.domain import Appendix, Plan, Section

EXAMPLES = int(os.environ.get("CCHC_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

ANY = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
MARKUP = st.sampled_from([
    "<b>", "</b>", "<i>", "&", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<br/>", "<br>", "<para>", "</para>",
    "]]>", "<font name='Nope' size='900'>", "<img src='x.png'/>", "<a href='javascript:alert(1)'>", "<super>",
    "<", ">", '"', "'", "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
    "\u2029", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\u200b", "\u202e", "\U0001F600", "\U0010FFFF",
    "Ủy ban nhân dân tỉnh Vĩnh Long", "Nguyễn Thị Quyên Thanh", "e\u0301", " " * 40, "-" * 200,
    "Rất" * 120,  # one word wider than any column
])
SHORT = st.one_of(st.text(ANY, max_size=40), st.lists(st.one_of(MARKUP, st.text(ANY, max_size=8)), max_size=12)
                  .map("".join))
# taller than a page: many lines, or one long paragraph
HUGE = st.one_of(
    st.builds(lambda t, n: "\n".join([t[:30] or "dòng"] * n), SHORT, st.integers(45, 70)),
    st.builds(lambda t, n: " ".join([t[:12] or "chữ"] * n), SHORT, st.integers(250, 450)),
)


def _mostly_short(huge_one_in: int) -> st.SearchStrategy[str]:
    """Short texts, and now and then one taller than a page (kept rare: each costs pages)."""
    return st.integers(1, huge_one_in).flatmap(lambda n: HUGE if n == 1 else SHORT)


TEXT = _mostly_short(40)  # a field of the document
CELL = _mostly_short(200)  # a table cell (tables have many)
LINES = st.lists(TEXT, max_size=8)
CELLS = st.lists(CELL, max_size=4)
DAY = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
RECIPIENTS = st.one_of(LINES, st.integers(40, 140).map(lambda n: [f"Ủy ban nhân dân xã số {i};" for i in range(n)]))


@st.composite
def plans(draw) -> Plan:
    return Plan(
        id=1, number=draw(TEXT), issuer=draw(TEXT), parent_body=draw(TEXT), act_authority=draw(TEXT),
        place=draw(TEXT), issue_date=draw(DAY), period_start=2024, period_end=2024, title=draw(TEXT),
        signer_authority=draw(TEXT), signer_position=draw(TEXT), signer_name=draw(TEXT), proposer=draw(TEXT),
        legal_bases=draw(LINES), recipients=draw(RECIPIENTS),
        sections=[Section(heading=draw(TEXT), body=draw(TEXT)) for _ in range(draw(st.integers(0, 3)))],
        appendices=[Appendix(id=1, title=draw(TEXT))],
    )


@st.composite
def office_settings(draw) -> DocumentSettings:
    # the settings are validated on saving; a printed document must still take whatever is stored
    return DocumentSettings(parent_body=draw(TEXT), office_name=draw(TEXT), abbreviation=draw(SHORT),
                            place=draw(SHORT), signer_authority=draw(TEXT), signer_position=draw(TEXT),
                            signer_name=draw(TEXT), appendix_orientation=draw(st.sampled_from(["landscape", "portrait"])),
                            appendix_columns=list(APPENDIX_COLUMNS))


@st.composite
def appendix_tables(draw, plan: Plan | None = None) -> AppendixTable:
    plan = plan or draw(plans())
    columns = draw(st.sampled_from([list(APPENDIX_COLUMNS), ["stt", "content", "lead", "partners", "time_frame"],
                                    ["content"], ["stt", "content"]]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append(TableRow(group=draw(st.sampled_from(["I", "II", "XLIX"])), group_title=draw(TEXT)))
        else:
            rows.append(TableRow(cells={c: draw(CELL) for c in APPENDIX_COLUMNS}, task_id=1))
    return AppendixTable(plan=plan, appendix=plan.appendices[0], index=1, count=draw(st.integers(1, 3)),
                         columns=columns, rows=rows)


def _read_back(data: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    for page in reader.pages[:3]:
        page.extract_text()


def _write(render) -> None:
    out = io.BytesIO()
    render(out)
    _read_back(out.getvalue())


@FUZZ
@given(table=appendix_tables(), office=office_settings(), landscape=st.booleans())
def test_appendix_takes_any_text(table, office, landscape):
    _write(lambda out: write_appendix_pdf(table, out, office, landscape_page=landscape))


@FUZZ
@given(data=st.data(), office=office_settings())
def test_whole_plan_takes_any_text(data, office):
    plan = data.draw(plans())
    tables = [data.draw(appendix_tables(plan)) for _ in range(data.draw(st.integers(0, 2)))]
    _write(lambda out: write_plan_pdf(plan, tables, out, office))


@st.composite
def reminder_lists(draw) -> ReminderList:
    start = dt.date(2024, 1, 1)
    groups = []
    for g in range(draw(st.integers(0, 3))):
        occurrences = []
        for _ in range(draw(st.integers(0, 5))):
            due = start + dt.timedelta(days=draw(st.integers(0, 400)))
            moved = draw(st.booleans())
            occurrences.append(Occurrence(
                task_id=draw(st.integers(1, 3)), plan_id=1, due=due,
                legal_due=due + dt.timedelta(days=2 if moved else 0), finish_by=due - dt.timedelta(days=1 if moved else 0),
                label=draw(CELL), state=draw(st.sampled_from([OVERDUE, "in_progress", "done_on_time"])),
                title=draw(CELL), time_frame=draw(CELL)))
        groups.append(ReminderGroup(title=draw(TEXT), occurrences=occurrences, overdue=g == 0,
                                    leads={t: draw(CELL) for t in (1, 2, 3)}))
    return ReminderList(title=draw(TEXT), subject=draw(TEXT), start=start, end=start + dt.timedelta(days=400),
                        today=draw(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))), groups=groups,
                        leads={t: draw(TEXT) for t in (1, 2, 3)}, plan_numbers={1: draw(TEXT)})


@FUZZ
@given(data=reminder_lists(), office=office_settings(), plan=plans())
def test_reminder_list_takes_any_text(data, office, plan):
    _write(lambda out: write_reminder_pdf(data, out, office, [plan]))


@pytest.fixture(scope="module")
def base_report(tmp_path_factory):
    """A real report (tasks, groups, agencies, evidence) whose texts the examples replace."""
    import importlib.util
    import sys
    from pathlib import Path

    from cchc_desktop.store.store import Store

    # the report tests' hand-checked plan
    spec = importlib.util.spec_from_file_location("report_fixtures", Path(__file__).resolve().parents[2]
                                                  / "reporting" / "conftest.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules.setdefault("report_fixtures", module)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    build_small_plan = module.build_small_plan

    store = Store.open(tmp_path_factory.mktemp("fuzz") / "r.sqlite3")
    small = build_small_plan(store)
    report = rp.build_report(store, rp.parse_period("2025-Q1"), [small.plan_id], today=dt.date(2025, 4, 15))
    store.close()
    return report


@st.composite
def fuzzed_reports(draw, base: rp.Report) -> rp.Report:
    report = copy.deepcopy(base)
    report.plans = [draw(plans())]
    report.tasks = [dataclasses.replace(t, content=draw(CELL), lead=draw(CELLS), time_frame=draw(CELL),
                                        results=draw(CELLS), officer=draw(CELL), group=draw(SHORT))
                    for t in report.tasks]
    for row in report.agencies:
        row.name, row.abbreviation = draw(CELL), draw(SHORT)
    report.evidence = {tid: [dataclasses.replace(e, number=draw(CELL), link=draw(CELL), note=draw(CELL),
                                                 officer=draw(CELL), recorded_by=draw(CELL),
                                                 attachments=draw(CELLS)) for e in entries]
                       for tid, entries in report.evidence.items()}
    return report


@FUZZ
@given(data=st.data())
def test_report_takes_any_text(base_report, data):
    report = data.draw(fuzzed_reports(base_report))
    texts = {key: data.draw(TEXT) for key in ("results", "shortcomings", "next_tasks")}
    texts["recipients"] = "\n".join(data.draw(RECIPIENTS))
    _write(lambda out: report_docs.write_pdf(None, report, out, texts, data.draw(DAY)))


@FUZZ
@given(data=st.data())
def test_evidence_list_takes_any_text(base_report, data):
    report = data.draw(fuzzed_reports(base_report))
    _write(lambda out: evidence_docs.write_pdf(None, report, out, data.draw(DAY)))
