"""The whole plan as a document: header, "KẾ HOẠCH" and subject, legal bases, prose sections,
signature and "Nơi nhận:", then each appendix on its own pages with its own page numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reportlab.platypus import Flowable

from cchc_desktop.documents.render import layout
from cchc_desktop.documents.render.appendix import AppendixTable, appendix_flowables, appendix_table_data
from cchc_desktop.documents.render.letterhead import letterhead
from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.documents.render.settings import load as load_settings
from cchc_desktop.store.domain import PLAN_DOC_TYPE, Plan, plan_heading, split_number_symbol
from cchc_desktop.text.textnorm import fold

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

# A short numbered line inside a section ("1. Mục đích", "2. Yêu cầu") is a sub-heading.
_SUB_HEADING = re.compile(r"^\s*(\d+(\.\d+)*\.|[IVXLC]+\.)\s+\S")


def plan_reference(plan: Plan) -> str:
    """"(Kèm theo Quyết định số ... ngày ... của ...)" under the subject when a decision issued the plan."""
    from cchc_desktop.documents.render.appendix import reference_line

    return reference_line(plan)


def _issued_as_plan(plan: Plan) -> bool:
    return plan.doc_type == "Kế hoạch"


def _paragraphs(text: str) -> list[str]:
    return [line for line in layout.printable(text).split("\n") if line.strip()]


def plan_flowables(plan: Plan, settings: DocumentSettings, styles: layout.Styles, setup: layout.PageSetup
                   ) -> list[Flowable]:
    """The plan's own pages (portrait): everything before the appendices."""
    own_plan = _issued_as_plan(plan)
    _, symbol = split_number_symbol(plan.number)
    head = letterhead(settings, plan, own_plan=True)
    story: list[Flowable] = [
        layout.header_block(
            setup, styles, parent_body=head.parent_body, office_name=head.office_name,
            number=plan.number if own_plan else None,
            abbreviation_symbol=symbol or head.symbol("KH"),
            place=head.place, date=plan.issue_date, date_line=own_plan and head.date_line,
        )
    ]
    extra = [] if own_plan else [layout.para(plan_reference(plan), styles.center_italic)]
    story += layout.title_block(styles, PLAN_DOC_TYPE, plan_heading(plan.title), setup.width, extra=extra)
    for basis in plan.legal_bases:
        if layout.printable(basis).strip():
            story.append(layout.para(basis, styles.body, markup="i"))
    if plan.proposer.strip() and own_plan:
        story.append(layout.para(plan.proposer, styles.body, markup="i"))
    for section in plan.sections:
        lines = _paragraphs(section.body)
        if not lines and "phu luc" not in fold(section.heading):
            continue  # a section with no text is left out (one whose text is the appendix stays)
        if layout.printable(section.heading).strip():
            story.append(layout.para(section.heading, styles.body_heading))
        for line in lines:
            short_numbered = _SUB_HEADING.match(line) and len(line) <= 90 and not line.rstrip().endswith((";", "."))
            story.append(layout.para(line, styles.body_heading if short_numbered else styles.body))
    authority, position, name = head.signature()
    signature = layout.signature_block(setup, styles, recipients=plan.recipients, authority=authority,
                                       position=position, name=name)
    # "Nơi nhận:" and the signature stay with the last lines of the text
    body = story[1:]  # never the header
    end = layout.closing(body, signature, setup)
    return [story[0], *body, *end]


def render_plan_pdf(store: Store, plan_id: int, target: str | Path | IO[bytes], *,
                    settings: DocumentSettings | None = None, today: dt.date | None = None) -> Plan:
    """Write the whole plan, then its appendices (each numbered from 1), to `target`."""
    settings = settings or load_settings(store)
    plan = store.plans.get(plan_id)
    tables = [appendix_table_data(store, plan_id, index, settings=settings, today=today)
              for index in range(1, len(plan.appendices) + 1)]
    write_plan_pdf(plan, tables, target, settings)
    return plan


def write_plan_pdf(plan: Plan, tables: Sequence[AppendixTable], target: str | Path | IO[bytes],
                   settings: DocumentSettings) -> None:
    """The plan's own pages, then each appendix table on its own pages numbered from 1."""
    out = str(target) if isinstance(target, Path) else target
    doc = layout.OfficialDocument(out, settings, title=f"{PLAN_DOC_TYPE} - {plan_heading(plan.title)}",
                                  author=plan.issuer, subject=plan_heading(plan.title), landscape_first=False)
    styles = layout.make_styles(settings)
    story = plan_flowables(plan, settings, styles, doc.setup_of("portrait"))
    app_key = "landscape" if settings.landscape_appendix else "portrait"
    for table in tables:
        story += layout.new_section(landscape_page=settings.landscape_appendix)
        story += appendix_flowables(table, styles, doc.setup_of(app_key))
    doc.build(story)
