"""The evidence list ("Danh mục tài liệu minh chứng") of a report: for a period and a set of
plans, every task with the evidence recorded for it in the period — document number and
date, link, attached files, the day of the entry and who recorded it. This is what
inspectors ask for when scoring the PAR Index.

Built from one `report.Report`, so the tasks and entries are those of the report on screen:
`evidence_tasks(report)`, `to_json(report)`, `write_pdf(...)` (official layout, landscape,
header row on every page), `write_xlsx(...)` (one sheet, print titles).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cchc_desktop.documents.report_docs import _office
from cchc_desktop.reporting.report import Evidence, Report, TaskLine
from cchc_desktop.store.domain import Plan, act_reference
from cchc_desktop.text import vnformat
from cchc_desktop.text.safetext import hyperlink_target, put
from cchc_desktop.text.textnorm import nfc

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

DOC_TYPE = "Danh mục tài liệu minh chứng"
COLUMNS = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Số, ký hiệu văn bản", "Ngày văn bản", "Đường dẫn",
           "Tệp đính kèm", "Ngày ghi nhận, người ghi")
XLSX_COLUMNS = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Số, ký hiệu văn bản", "Ngày văn bản",
                "Đường dẫn", "Tệp đính kèm", "Kết quả ghi nhận", "Ngày ghi nhận", "Người ghi", "Cán bộ phụ trách")
NO_EVIDENCE = "Chưa có minh chứng"
SHEET_TITLE = "Danh mục minh chứng"
# A task's block of rows is kept on one page when it has at most this many entries; a longer
# block may split, since a block taller than a page could not be placed at all.
KEEP_TOGETHER_ROWS = 6


@dataclass
class EvidenceTask:
    """One task of the list with its evidence in the period (oldest first; empty: none yet)."""

    number: str  # the task's printed STT in its plan ("3"), else its place in the list
    plan: Plan | None
    line: TaskLine
    evidence: list[Evidence]


def evidence_tasks(report: Report) -> list[EvidenceTask]:
    """Every task of the report in plan order, with the evidence recorded for it in the period."""
    plans = {int(p.id): p for p in report.plans if p.id is not None}
    return [
        EvidenceTask(number=str(line.stt or i), plan=plans.get(line.plan_id), line=line,
                     evidence=list(report.evidence.get(line.task_id, [])))
        for i, line in enumerate(report.tasks, start=1)
    ]


def plan_reference(plan: Plan) -> str:
    """"Kế hoạch số 05/KH-STTTT ngày 05/01/2025", "Kế hoạch ban hành kèm theo Quyết định số
    3060/QĐ-UBND ngày 29/12/2023" (the act by `domain.act_reference`); a draft without a number:
    "Kế hoạch (chưa số)"."""
    act = act_reference(plan)
    when = f" ngày {vnformat.date_table(act.issue_date)}" if act.issue_date else ""
    if not act.number:
        return f"Kế hoạch (chưa số){when}"
    if act.is_plan:
        return f"Kế hoạch {act.number_text()}{when}"
    return f"Kế hoạch ban hành kèm theo {act.doc_type} {act.number_text()}{when}"


def scope_line(report: Report) -> str:
    """The line under the subject: which plans, and the day the figures stand at."""
    as_of = f"tính đến ngày {vnformat.date_table(report.as_of)}"
    if report.selection is None:
        plans = f"{len(report.plans)} kế hoạch có thời gian thực hiện trong kỳ" if len(report.plans) != 1 else \
            plan_reference(report.plans[0])
    else:
        plans = "; ".join(plan_reference(p) for p in report.plans)
    return f"({plans}; {as_of})"


def document_text(ev: Evidence) -> str:
    """"Công văn số 12/ĐPTTH ngày 21/03/2025" for plain-text listings."""
    parts = [ev.number] if ev.number else []
    if ev.date:
        parts.append(f"ngày {vnformat.date_table(ev.date)}")
    return " ".join(parts)


def recorder(ev: Evidence) -> str:
    """Who recorded the entry: the user account that wrote it, else the officer named in it."""
    return ev.recorded_by or ev.officer


def recorded_text(ev: Evidence) -> str:
    """"20/03/2025" and, on the next line, who recorded it."""
    return "\n".join(t for t in (vnformat.date_table(ev.day), recorder(ev)) if t)


def summary(report: Report) -> tuple[int, int, int]:
    """(tasks, tasks with evidence, pieces of evidence)."""
    items = evidence_tasks(report)
    return len(items), sum(1 for i in items if i.evidence), sum(len(i.evidence) for i in items)


def summary_text(report: Report) -> str:
    tasks, with_evidence, pieces = summary(report)
    return (f"Tổng số: {tasks} nhiệm vụ; {with_evidence} nhiệm vụ có minh chứng ({pieces} tài liệu); "
            f"{tasks - with_evidence} nhiệm vụ chưa có minh chứng.")


def to_json(report: Report) -> dict[str, Any]:
    items = evidence_tasks(report)
    tasks, with_evidence, pieces = summary(report)
    return {
        "period": {"code": report.period.code, "label": report.period.label,
                   "start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "as_of": report.as_of.isoformat(),
        "plans": [{"id": p.id, "number": p.number, "title": p.title} for p in report.plans],
        "task_count": tasks,
        "tasks_with_evidence": with_evidence,
        "evidence_count": pieces,
        "tasks": [{
            "task_id": i.line.task_id, "plan_id": i.line.plan_id, "stt": i.number, "group": i.line.group,
            "content": i.line.content, "lead": i.line.lead, "state": i.line.state, "state_label": i.line.state_label,
            "evidence": [ev.to_json() for ev in i.evidence],
        } for i in items],
    }


def _heading_rows(report: Report) -> list[tuple[str, Any]]:
    """("plan"|"group", title) rows before the tasks they head, and ("task", item) rows."""
    rows: list[tuple[str, Any]] = []
    several = len(report.plans) > 1
    plan_id: int | None = None
    group: str | None = None
    for item in evidence_tasks(report):
        if several and item.line.plan_id != plan_id:
            plan_id, group = item.line.plan_id, None
            plan = item.plan
            rows.append(("plan", f"{plan_reference(plan)}: {plan.title}" if plan else ""))
        if item.line.group and item.line.group != group:
            group = item.line.group
            rows.append(("group", group))
        rows.append(("task", item))
    return rows


# --------------------------------------------------------------------------- pdf


def write_pdf(store: Store | None, report: Report, target: str | Path | IO[bytes], date: dt.date | None = None) -> None:
    """The list in the official layout: header, "DANH MỤC TÀI LIỆU MINH CHỨNG", the subject
    with the period, the table (header row on every page), the count, the signature."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import TableStyle

    from cchc_desktop.documents.render import layout
    from cchc_desktop.documents.render.settings import DocumentSettings

    office = _office(store, report)
    settings: DocumentSettings = office["settings"] or DocumentSettings()
    out = str(target) if isinstance(target, Path) else target
    doc = layout.OfficialDocument(out, settings, title=f"{DOC_TYPE} {report.period.phrase}", author=office["issuer"],
                                  subject=report.title, landscape_first=True)
    styles = layout.make_styles(settings)
    page = doc.setup_of("landscape")
    scope = ParagraphStyle("scope", parent=styles.center_italic, spaceAfter=8)
    story: list[Any] = [
        layout.letterhead_block(page, styles, office["head"], number=None, date=date),
        *layout.title_block(styles, DOC_TYPE, report.title, page.width),
        layout.para(scope_line(report), scope),
    ]
    widths = [w * mm for w in (12, 58, 34, 36, 22, 34, 28)]
    widths.append(page.width - sum(widths))
    italic = ParagraphStyle("none", parent=styles.table, fontName=styles.font.italic)
    data: list[list[Any]] = [[layout.para(c, styles.table_header) for c in COLUMNS]]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),  # empty cells too: no Helvetica in the file
        ("GRID", (0, 0), (-1, 0), 0.5, (0, 0, 0)),
        ("BOX", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    blank = [""] * (len(COLUMNS) - 1)
    last_block = 1  # where the last task's rows (with the headings right above them) start
    previous = "task"
    for kind, value in _heading_rows(report):
        r0 = len(data)
        if previous == "task":
            last_block = r0
        previous = kind
        if kind != "task":
            data.append([layout.para(value, styles.table_group), *blank])
            style += [("SPAN", (0, r0), (-1, r0)), ("BOX", (0, r0), (-1, r0), 0.5, (0, 0, 0))]
            continue
        item: EvidenceTask = value
        task_cells = [layout.para(item.number, styles.table_center), layout.para(item.line.content, styles.table),
                      layout.para(", ".join(item.line.lead), styles.table)]
        if not item.evidence:
            data.append([*task_cells, layout.para(NO_EVIDENCE, italic), "", "", "", ""])
            style.append(("SPAN", (3, r0), (-1, r0)))
        for k, ev in enumerate(item.evidence):
            cells = task_cells if k == 0 else ["", "", ""]
            data.append([*cells,
                         layout.para(ev.number, styles.table),
                         layout.para(vnformat.date_table(ev.date), styles.table_center),
                         layout.para(ev.link, styles.table),
                         layout.para("\n".join(ev.attachments), styles.table),
                         layout.para(recorded_text(ev), styles.table_center)])
        r1 = len(data) - 1
        # The task's cells stand once beside all its entries: one box per column, a grid for the entries.
        style += [("BOX", (c, r0), (c, r1), 0.5, (0, 0, 0)) for c in range(3)]
        style.append(("GRID", (3, r0), (-1, r1), 0.5, (0, 0, 0)))
        if 1 < r1 - r0 + 1 <= KEEP_TOGETHER_ROWS:
            style.append(("NOSPLIT", (0, r0), (-1, r1)))
    if len(data) == 1:
        data.append([layout.para("Không có nhiệm vụ nào trong kỳ.", italic), *blank])
        style.append(("SPAN", (0, 1), (-1, 1)))
    min_part = 3 * styles.table.leading + 6  # three lines of a cell with its padding
    table_class = _block_table(page.height, min_part)

    def make(rows: list[list[Any]], commands: list[tuple[Any, ...]], repeat: int) -> Any:
        t = table_class(rows, colWidths=widths, repeatRows=repeat, splitInRow=1, hAlign="CENTER")
        t.setStyle(TableStyle(commands))
        return t

    def closing() -> list[Any]:
        summary = layout.para(summary_text(report), ParagraphStyle("summary", parent=styles.body, spaceBefore=6))
        return [summary, layout.signature_block(page, styles, recipients=[], authority=office["authority"],
                                                position=office["position"], name=office["name"])]

    if last_block > 1:
        # The last task's rows, the count and the signature stay together: the signature never
        # stands alone on the last page.
        head_style, tail_style = layout.split_table_style(style, len(data), last_block)
        _, plain_style = layout.split_table_style(style, len(data), last_block, tail_header=False)
        story.append(make(data[:last_block], head_style, 1))
        story.append(layout.EndTogether(
            [make(data[last_block:], plain_style, 0), *closing()],
            [make([data[0], *data[last_block:]], tail_style, 1), *closing()], page.height))
    else:
        story += [make(data, style, 1), *closing()]
    doc.build(story)


def _block_table(page_height: float, min_part: float) -> Any:
    """A LongTable whose page breaks keep each task's rows together and never leave a repeated
    header with a sliver of a row at the foot of a page.

    ReportLab splits between rows first and then tries the rest in the space left, where
    `splitInRow` cuts the next row anywhere, NOSPLIT or not. Here the row at the foot of the
    space is cut in two at once (its top on this page) unless it belongs to a task's block of
    rows, has less than `min_part` of room, or is the first row under a repeated header below
    the top of a page (a header with a sliver under it); then the table splits between rows and
    that row moves on. At the top of a page a block or row taller than the page is still cut,
    so nothing is lost.
    """
    from reportlab.platypus import LongTable, TableStyle

    from cchc_desktop.documents.render import layout

    class BlockTable(LongTable):
        continued = False  # the rest of a table split before, headed by the repeated header row

        def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab API
            in_row: int = getattr(self, "splitInRow", 1)
            at_top = availHeight >= page_height - 1
            row, room = self._foot_row(availWidth, availHeight)
            first_under_repeat = self.continued and row is not None and row <= int(self.repeatRows)
            if row is not None and (at_top or not first_under_repeat) and room >= min_part \
                    and not self._in_block(row):
                return self._split_with(availWidth, availHeight, by_row=0, in_row=in_row)  # cut that row
            return self._split_with(availWidth, availHeight, by_row=1, in_row=in_row if at_top else 0)

        def _split_with(self, width: float, height: float, *, by_row: int, in_row: int) -> list[Any]:
            saved = (getattr(self, "splitByRow", 1), getattr(self, "splitInRow", 1))
            self.splitByRow, self.splitInRow = by_row, in_row
            try:
                parts = list(super().split(width, height))
            finally:
                self.splitByRow, self.splitInRow = saved
            for part in parts:  # the parts were made with this attempt's flags
                part.splitByRow, part.splitInRow = saved
            if parts:  # a row cut at the foot of a page is closed by a rule there too
                parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.5, (0, 0, 0))]))
            for part in parts[1:]:
                part.continued = True
            return parts

        def _foot_row(self, width: float, height: float) -> tuple[int | None, float]:
            """The row that crosses the foot of the space, and the room left for it."""
            self._calc(width, height)
            layout.drop_tall_blocks(self, page_height)
            used = 0.0
            for i, row_height in enumerate(self._rowHeights):
                if used + row_height > height:
                    return i, height - used
                used += row_height
            return None, 0.0

        def _in_block(self, row: int) -> bool:
            """Whether the row belongs to a block of rows kept together (one that fits on a page)."""
            heights = self._rowHeights
            rows = len(heights)
            for _cmd, (_sc, sr), (_ec, er), *_rest in getattr(self, "_nosplitCmds", []):
                sr, er = (sr + rows if sr < 0 else sr), (er + rows if er < 0 else er)
                if sr <= row <= er:
                    return sum(heights[sr:er + 1]) + heights[0] <= page_height
            return False

    return BlockTable


# --------------------------------------------------------------------------- xlsx


def write_xlsx(store: Store | None, report: Report, target: str | Path) -> None:
    """One sheet: title, subject, scope, then one row per piece of evidence (a task without
    any has one row saying so); the header row prints on every page, landscape, one page wide."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    office = _office(store, report)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    last = get_column_letter(len(XLSX_COLUMNS))
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    heads = [
        (nfc(office["issuer"]).upper(), Font(bold=True, size=12)),
        (DOC_TYPE.upper(), Font(bold=True, size=14)),
        (nfc(report.title), Font(bold=True, size=12)),
        (scope_line(report), Font(italic=True)),
    ]
    for row, (text, font) in enumerate(heads, start=1):
        put(ws, row, 1, text).font = font
        ws.cell(row=row, column=1).alignment = center
        ws.merge_cells(f"A{row}:{last}{row}")
    header_row = len(heads) + 2
    for col, text in enumerate(XLSX_COLUMNS, start=1):
        cell = put(ws, header_row, col, text)
        cell.font, cell.alignment, cell.border = bold, center, border
    row = header_row
    for kind, value in _heading_rows(report):
        row += 1
        if kind != "task":
            put(ws, row, 1, value).font = bold
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(XLSX_COLUMNS))
            continue
        item: EvidenceTask = value
        first = row
        number: int | str = int(item.number) if item.number.isascii() and item.number.isdigit() and len(item.number) < 10 else item.number  # a number, not text
        task_values = [number, nfc(item.line.content), ", ".join(item.line.lead), item.line.state_label]
        entries: list[Evidence | None] = list(item.evidence) or [None]
        for k, ev in enumerate(entries):
            if k:
                row += 1
            values: list[Any] = task_values if k == 0 else [None] * len(task_values)
            if ev is None:
                values = [*values, NO_EVIDENCE]
            else:
                values = [*values, ev.number, vnformat.date_table(ev.date), ev.link, "; ".join(ev.attachments),
                          ev.note, vnformat.date_table(ev.day), ev.recorded_by, ev.officer]
            for col, v in enumerate(values, start=1):
                put(ws, row, col, v)
            if ev is not None and ev.link.startswith(("http://", "https://")):
                ws.cell(row=row, column=7).hyperlink = hyperlink_target(ev.link)
        for r in range(first, row + 1):
            for col in range(1, len(XLSX_COLUMNS) + 1):
                cell = ws.cell(row=r, column=col)
                cell.alignment = center if col in (1, 4, 6, 10) else wrap
                cell.border = border
        if row > first:  # the task's cells once beside all its entries
            for col in range(1, len(task_values) + 1):
                ws.merge_cells(start_row=first, start_column=col, end_row=row, end_column=col)
    row += 2
    put(ws, row, 1, summary_text(report)).font = Font(italic=True)
    for letter, width in zip("ABCDEFGHIJKL", (6, 50, 28, 20, 28, 13, 32, 28, 36, 13, 16, 22), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(str(target))
