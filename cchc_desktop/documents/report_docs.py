"""The report as documents: PDF in the official layout, .xlsx and .docx for editing.

All three print the figures of one `report.Report`, so they agree with the tab and the JSON.
The PDF is built from the shared layout module `render.layout` (header, title, signature).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cchc_desktop.reporting.report import ALL_STATES, Report, TaskLine
from cchc_desktop.scheduling.schedule import STATE_LABELS
from cchc_desktop.store.domain import Plan, act_reference, plan_subject
from cchc_desktop.text import vnformat
from cchc_desktop.text.safetext import append_row, one_line, xml_text
from cchc_desktop.text.textnorm import nfc, two_lines

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

DOC_TYPE = "Báo cáo"
TASK_COLUMNS = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện", "Hạn", "Tình trạng",
                "Kết quả thực hiện")
OFFICER_COLUMN = "Cán bộ phụ trách"
EVIDENCE_COLUMNS = ("STT", "Nhiệm vụ", "Ngày", "Số, ký hiệu văn bản", "Ngày văn bản", "Đường dẫn", "Tệp đính kèm",
                    "Nội dung")
STATE_COLUMN = "Tình trạng"
SECTION_HEADINGS = ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI")
# Colours of the four states and continuous tasks, shared with the tab's charts.
STATE_COLORS = {
    "done_on_time": "#2e7d32",
    "done_late": "#f9a825",
    "in_progress": "#1565c0",
    "overdue": "#c62828",
    "continuous": "#757575",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in nfc(text or "").splitlines() if line.strip()]



def totals_rows(report: Report) -> list[tuple[str, int, str]]:
    """(state label, number of tasks, percent) for every state, then the total."""
    t = report.totals
    rows = [(STATE_LABELS[s], t.count(s), t.percent_text(s)) for s in ALL_STATES]
    rows.append(("Tổng số", t.total, "100%" if t.total else "0%"))
    return rows


def _count_text(value: float) -> str:
    """A number of tasks on a chart's axis or bar: 1.250, as the tables write it."""
    return vnformat.number(round(value))


def agency_rows(report: Report) -> list[list[Any]]:
    return [[a.name, *(a.counts.count(s) for s in ALL_STATES), a.counts.total] for a in report.agencies]


def _group_key(line: TaskLine) -> tuple[int, str, str]:
    """Which group row a task is printed under (plans reported together each have their own)."""
    return line.plan_id, line.group_number, line.group


AGENCY_LABEL_CHARS = 30  # about the 130 points left of the bars, at 9 points
AGENCY_LABEL_LINES = 3  # 15 bars of three-line names: 635 points, within a portrait page


def agency_chart_label(name: str, width: int | None = None, max_lines: int = AGENCY_LABEL_LINES) -> str:
    """The name beside an agency's bar in a chart: the name the table shows (never an abbreviation
    the table does not use), in lines of at most `width` characters; only a name longer than
    `max_lines` lines ends in "…", so that fifteen bars still fit on a page."""
    lines = textwrap.wrap(" ".join(one_line(nfc(name)).split()), width or AGENCY_LABEL_CHARS, break_long_words=True)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: (width or AGENCY_LABEL_CHARS) - 1].rstrip() + "…"
    return "\n".join(lines) or name


def task_rows(report: Report) -> list[list[str]]:
    out = []
    for line in report.tasks:
        out.append([str(line.stt or ""), line.content, ", ".join(line.lead), line.time_frame, line.due_text,
                    line.state_label, line.result_text])
    return out


def evidence_rows(report: Report) -> list[list[str]]:
    out: list[list[str]] = []
    n = 0
    for line in report.tasks:
        for ev in report.evidence.get(line.task_id, []):
            n += 1
            out.append([str(n), line.content, vnformat.date_table(ev.day), ev.number, vnformat.date_table(ev.date),
                        ev.link, "; ".join(ev.attachments), ev.note])
    return out


def _office(store: Store | None, report: Report) -> dict[str, Any]:
    """Who issues and signs the report (`render.letterhead`, as for every document).

    The report is the office's own document: when the document settings name an office, the
    header and the signer both come from the settings; only when no office is set do both
    come from the (first) plan. Without a signer the authority and position lines are those
    of the head of the body, the name left to be written by hand.
    """
    from cchc_desktop.documents.render.letterhead import letterhead

    settings = None
    if store is not None:
        from cchc_desktop.documents.render import settings as doc_settings

        settings = doc_settings.load(store)
    head = letterhead(settings, report.plans)
    authority, position, name = head.signature()
    return {
        "settings": settings,
        "head": head,
        "issuer": head.issuer,
        "parent": head.parent_body,
        "office_name": head.office_name,
        "symbol": head.symbol("BC"),
        "place": head.place,
        "authority": authority,
        "position": position,
        "name": name,
    }


def plan_citation(plan: Plan) -> str:
    """How the report cites the plan it carries out (the act by `domain.act_reference`):
    "Kế hoạch … ban hành kèm theo Quyết định số 3060/QĐ-UBND ngày 29/12/2023 của …",
    "Kế hoạch số 05/KH-UBND ngày 05/01/2025 của … về …", a draft without a number: "Kế hoạch … năm 2025"."""
    act = act_reference(plan)
    subject = plan_subject(plan)
    if not act.number:
        return f"Kế hoạch {subject}"
    when = f" ngày {vnformat.date_table(act.issue_date)}" if act.issue_date else ""
    who = f" của {nfc(act.authority)}" if act.authority else ""
    if act.is_plan:
        return f"Kế hoạch {act.number_text()}{when}{who} về {subject}"
    return f"Kế hoạch {subject} ban hành kèm theo {act.doc_type} {act.number_text()}{when}{who}"


def intro_text(report: Report, issuer: str) -> str:
    if len(report.plans) == 1:
        ref = plan_citation(report.plans[0])
    else:
        ref = "các Kế hoạch tuyên truyền cải cách hành chính"
    who = issuer or "Cơ quan"
    return f"Thực hiện {ref}, {who} báo cáo kết quả thực hiện {report.period.phrase} như sau:"


# --------------------------------------------------------------------------- xlsx


def write_xlsx(report: Report, target: str | Path) -> None:
    """Sheets: totals (states, then agencies), tasks, quotas, evidence."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws = wb.active
    ws.title = "Tổng hợp"
    append_row(ws, [report.title])
    ws["A1"].font = Font(bold=True, size=13)
    append_row(ws, [f"Kỳ báo cáo: {report.period.label} (từ {vnformat.date_table(report.period.start)} đến "
               f"{vnformat.date_table(report.period.end)}), số liệu tính đến {vnformat.date_table(report.as_of)}"])
    append_row(ws, [])
    append_row(ws, ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ (%)"])
    for c in ws[ws.max_row]:
        c.font = bold
    t = report.totals
    for s in ALL_STATES:
        append_row(ws, [STATE_LABELS[s], t.count(s), t.percent(s)])
    append_row(ws, ["Tổng số", t.total, 100.0 if t.total else 0.0])
    ws[ws.max_row][0].font = bold
    append_row(ws, [])
    append_row(ws, ["Cơ quan chủ trì", *(STATE_LABELS[s] for s in ALL_STATES), "Tổng số"])
    for c in ws[ws.max_row]:
        c.font = bold
        c.alignment = wrap
    for row in agency_rows(report):
        append_row(ws, row)
    if report.agency_note:
        append_row(ws, [report.agency_note])
    ws.column_dimensions["A"].width = 48
    for col in range(2, 8):
        ws.column_dimensions[get_column_letter(col)].width = 16

    tasks = wb.create_sheet("Nhiệm vụ")
    append_row(tasks, [*TASK_COLUMNS, OFFICER_COLUMN])
    for c in tasks[1]:
        c.font = bold
    for task_line, row in zip(report.tasks, task_rows(report), strict=True):
        append_row(tasks, [*row, task_line.officer])
    for letter, col_width in zip("ABCDEFGH", (6, 60, 30, 24, 22, 24, 50, 24), strict=True):
        tasks.column_dimensions[letter].width = col_width
    for cells in tasks.iter_rows(min_row=2):
        for c in cells:
            c.alignment = wrap
    tasks.freeze_panes = "A2"

    quotas = wb.create_sheet("Chỉ tiêu")
    append_row(quotas, ["Nhiệm vụ", "Cơ quan chủ trì", "Chỉ tiêu", "Đơn vị", "Kế hoạch trong kỳ", "Đạt được", "Tỷ lệ (%)"])
    for c in quotas[1]:
        c.font = bold
    for q in report.quotas:
        append_row(quotas, [q.content, ", ".join(q.agency_names), q.quota_text, q.unit, q.target, q.achieved, q.percent])
    append_row(quotas, [])
    append_row(quotas, ["Cơ quan chủ trì", "", "", "Đơn vị", "Kế hoạch trong kỳ", "Đạt được", "Tỷ lệ (%)"])
    for aq in report.agency_quotas:
        append_row(quotas, [aq.name, "", "", aq.unit, aq.target, aq.achieved, aq.percent])
    quotas.column_dimensions["A"].width = 50
    quotas.column_dimensions["B"].width = 30

    ev = wb.create_sheet("Minh chứng")
    append_row(ev, list(EVIDENCE_COLUMNS))
    for c in ev[1]:
        c.font = bold
    for row in evidence_rows(report):
        append_row(ev, row)
    ev.column_dimensions["B"].width = 50
    wb.save(str(target))


# --------------------------------------------------------------------------- docx


def write_docx(report: Report, target: str | Path, texts: dict[str, str], store: Store | None = None,
               date: dt.date | None = None) -> None:
    """A Word document with the same sections, tables and appendix, for editing before signing."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    office = _office(store, report)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)

    def par(text: str, *, bold: bool = False, italic: bool = False, align: Any = None, size: float | None = None,
            indent: bool = False) -> Any:
        p = _add_paragraph(doc)
        run = p.add_run(xml_text(text))
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Cm(1)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(6)
        return p

    known = office["head"].known
    head = doc.add_table(rows=2, cols=2)
    if not known:  # nobody named: the national name and motto alone, centred
        head.cell(0, 0).merge(head.cell(0, 1))
        head.cell(1, 0).merge(head.cell(1, 1))
    left, right = head.cell(0, 0), head.cell(0, 1)
    left.text = ""
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if known and office["parent"]:
        lp.add_run(xml_text(office["parent"]).upper() + ("\n" if office["office_name"] else "")).font.size = Pt(13)
    if known and office["office_name"]:
        r = lp.add_run(xml_text(office["office_name"]).upper())
        r.bold = True
        r.font.size = Pt(13)
    rp_ = right.paragraphs[0]
    rp_.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = rp_.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    r.bold = True
    r.font.size = Pt(12)
    r = rp_.add_run("Độc lập - Tự do - Hạnh phúc")
    r.bold = True
    r.font.size = Pt(13)
    if known:
        head.cell(1, 0).paragraphs[0].add_run(xml_text(f"Số:       /{office['symbol']}")).font.size = Pt(13)
        head.cell(1, 0).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if office["place"]:  # no date line without a place
        dr = head.cell(1, 1).paragraphs[0].add_run(xml_text(vnformat.date_line(date, office["place"])))
        dr.italic = True
    head.cell(1, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    par("BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    par(report.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    par(intro_text(report, office["issuer"]), indent=True)
    par(SECTION_HEADINGS[0], bold=True, indent=True)
    for line in _lines(texts.get("results", "")):
        par(line, indent=True)
    par("Số liệu thống kê:", italic=True, indent=True)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Tình trạng", "Số nhiệm vụ", "Tỷ lệ"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for label, count, pct in totals_rows(report):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = xml_text(label), vnformat.number(count), pct
    chart_width = Cm(16)
    font = _chart_font()
    # the charts of the PDF, drawn by the same code, as pictures
    _add_chart(doc, state_chart(report, chart_width.pt, CHART_HEIGHT_PT, font), chart_width)
    agencies = doc.add_table(rows=1, cols=2 + len(ALL_STATES))
    agencies.style = "Table Grid"
    for cell, text in zip(agencies.rows[0].cells, ["Cơ quan chủ trì", *(STATE_LABELS[s] for s in ALL_STATES),
                                                   "Tổng số"], strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in agency_rows(report):
        cells = agencies.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = xml_text(value if isinstance(value, str) else vnformat.number(value))
    if report.agency_note:
        par(report.agency_note, indent=True)
    if report.agencies:
        _add_chart(doc, agency_chart(report, chart_width.pt, font), chart_width)
    for heading, key in ((SECTION_HEADINGS[1], "shortcomings"), (SECTION_HEADINGS[2], "next_tasks")):
        if not _lines(texts.get(key, "")):
            continue  # a section with no text is left out: no bare heading
        par(heading, bold=True, indent=True)
        for line in _lines(texts.get(key, "")):
            par(line, indent=True)
    sig = doc.add_table(rows=1, cols=2)
    lp = sig.cell(0, 0).paragraphs[0]
    r = lp.add_run("Nơi nhận:\n")
    r.bold, r.italic = True, True
    r.font.size = Pt(12)
    for line in _recipient_lines(texts.get("recipients", "")):
        lp.add_run(xml_text(line + "\n")).font.size = Pt(11)
    sp = sig.cell(0, 1).paragraphs[0]
    sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (office["authority"], office["position"]):
        if line:
            sp.add_run(xml_text(line).upper() + "\n").bold = True
    sp.add_run("\n\n\n\n")
    if office["name"]:
        sp.add_run(xml_text(office["name"])).bold = True

    new = doc.add_section()
    new.orientation = WD_ORIENT.LANDSCAPE
    new.page_width, new.page_height = Cm(29.7), Cm(21)
    par("Phụ lục", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    par(appendix_title(report), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    par(appendix_reference(office, date), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    tasks = doc.add_table(rows=1, cols=len(TASK_COLUMNS))
    tasks.style = "Table Grid"
    for cell, text in zip(tasks.rows[0].cells, TASK_COLUMNS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    group: tuple[int, str, str] | None = None
    for task_line, row in zip(report.tasks, task_rows(report), strict=True):
        if task_line.group and _group_key(task_line) != group:
            group = _group_key(task_line)
            cells = tasks.add_row().cells
            merged = cells[1].merge(cells[-1])
            for cell, text in ((cells[0], task_line.group_number), (merged, task_line.group)):
                cell.text = xml_text(text)
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
                for run in paragraph.runs:
                    run.bold = True
        cells = tasks.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = xml_text(value)
    doc.save(str(target))


def _add_paragraph(doc: Any) -> Any:
    """`doc.add_paragraph()` in constant time: python-docx looks for the body's closing section
    properties from the first element on, for every paragraph, so a section text of 25,000
    short lines took minutes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    try:
        last = body[-1]  # lxml walks back from the end; len(body) would count every child
    except IndexError:
        last = None
    if last is None or last.tag != qn("w:sectPr"):
        return doc.add_paragraph()
    p = OxmlElement("w:p")
    last.addprevious(p)
    return Paragraph(p, doc._body)


def _chart_font() -> str:
    from cchc_desktop.documents.render.fonts import document_font

    return document_font().name


def _add_chart(doc: Any, drawing: Any, width: Any) -> None:
    """A chart as a centred picture `width` wide."""
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from cchc_desktop.documents.render.chart_image import drawing_png

    doc.add_picture(io.BytesIO(drawing_png(drawing)), width=width)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _recipient_lines(text: str) -> list[str]:
    from cchc_desktop.documents.render.layout import recipient_lines

    return recipient_lines(_lines(text))


def appendix_title(report: Report) -> str:
    return f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {report.period.phrase.upper()}"


def appendix_reference(office: dict[str, Any], date: dt.date | None) -> str:
    when = f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}" if date else "ngày    tháng    năm"
    if date and date.month > 2:
        when = f"ngày {date.day:02d} tháng {date.month} năm {date.year}"
    who = f" của {office['issuer']}" if office["issuer"] else ""
    return f"(Kèm theo Báo cáo số       /{office['symbol']} {when}{who})"


# --------------------------------------------------------------------------- pdf


def state_chart(report: Report, width: float, height: float, font: str) -> Any:
    """Bar chart of the tasks in each state, printable in black and white (values on the bars)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    d.initialFontName = font  # the drawing's starting state: not reportlab's Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 48
    chart.width, chart.height = width - 60, height - 78
    counts = [report.totals.count(s) for s in ALL_STATES]
    chart.data = [counts]
    top = max(counts + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labelTextFormat = _count_text
    chart.categoryAxis.categoryNames = [two_lines(STATE_LABELS[s]) for s in ALL_STATES]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.leading = 11.5
    chart.categoryAxis.labels.textAnchor = "middle"
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.barLabelFormat = _count_text
    chart.barLabels.fontName = font
    chart.barLabels.nudge = 7
    for i, s in enumerate(ALL_STATES):
        chart.bars[(0, i)].fillColor = colors.HexColor(STATE_COLORS[s])
    d.add(chart)
    d.add(String(width / 2, height - 14, "Số nhiệm vụ theo tình trạng thực hiện", fontName=font, fontSize=11,
                 textAnchor="middle"))
    return d


AGENCY_CHART_ROWS = 15
CHART_HEIGHT_PT = 62 * 72 / 25.4  # the state chart: 62 mm high


def agency_chart(report: Report, width: float, font: str) -> Any:
    """Stacked bars per lead agency (the first AGENCY_CHART_ROWS), states in the legend."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    rows = list(reversed(report.agencies[:AGENCY_CHART_ROWS]))
    labels = [agency_chart_label(a.name) for a in rows]
    bar_h = max(16, 11 * max([label.count("\n") + 1 for label in labels] + [1]) + 4)
    height = 80 + bar_h * len(rows)
    d = Drawing(width, height)
    d.initialFontName = font  # the drawing's starting state: not reportlab's Helvetica
    chart = HorizontalBarChart()
    chart.x, chart.y = 130, 48
    chart.width, chart.height = width - 150, bar_h * len(rows)
    chart.data = [[a.counts.count(s) for a in rows] for s in ALL_STATES]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.textAnchor = "end"  # the lines of a long name end at the axis
    top = max([a.counts.total for a in rows] + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labelTextFormat = _count_text
    for i, s in enumerate(ALL_STATES):
        chart.bars[i].fillColor = colors.HexColor(STATE_COLORS[s])
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 10, 22
    legend.fontName = font
    legend.fontSize = 9
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx, legend.dy = 8, 8
    legend.deltax = 20
    legend.colorNamePairs = [(colors.HexColor(STATE_COLORS[s]), two_lines(STATE_LABELS[s])) for s in ALL_STATES]
    d.add(legend)
    d.add(String(width / 2, height - 14, "Số nhiệm vụ theo cơ quan chủ trì", fontName=font, fontSize=11,
                 textAnchor="middle"))
    return d


def write_pdf(store: Store | None, report: Report, target: str | Path | IO[bytes], texts: dict[str, str],
              date: dt.date | None = None) -> None:
    """The report in the official layout: header, title, sections I-III with the statistics
    table and a chart, signature and "Nơi nhận:", then the appendix of every task."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, LongTable, Spacer, TableStyle

    from cchc_desktop.documents.render import layout
    from cchc_desktop.documents.render.settings import DocumentSettings

    office = _office(store, report)
    settings: DocumentSettings = office["settings"] or DocumentSettings()
    out = str(target) if isinstance(target, Path) else target
    doc = layout.OfficialDocument(out, settings, title=f"Báo cáo {report.title[:1].lower()}{report.title[1:]}",
                                  author=office["issuer"], subject=report.title)
    styles = layout.make_styles(settings)
    portrait = doc.setup_of("portrait")
    landscape = doc.setup_of("landscape")
    story: list[Any] = [
        layout.letterhead_block(portrait, styles, office["head"], number="", date=date, kind="BC"),
        *layout.title_block(styles, DOC_TYPE, report.title, portrait.width),
        layout.para(intro_text(report, office["issuer"]), styles.body),
        layout.para(SECTION_HEADINGS[0], styles.body_heading),
    ]
    story += [layout.para(line, styles.body) for line in _lines(texts.get("results", ""))]
    caption = ParagraphStyle("caption", parent=styles.body, keepWithNext=1)
    story.append(layout.para("Số liệu thống kê (số nhiệm vụ theo tình trạng thực hiện):", caption))
    story.append(_totals_table(report, styles, portrait.width, layout))
    story.append(Spacer(1, 6))
    story.append(KeepTogether([state_chart(report, portrait.width, CHART_HEIGHT_PT, styles.font.name)]))
    story.append(Spacer(1, 6))
    if report.agencies:
        story.append(layout.para("Số nhiệm vụ theo cơ quan chủ trì:", caption))
        story.append(_agency_table(report, styles, portrait.width, layout))
        if report.agency_note:
            story.append(layout.para(report.agency_note, styles.body))
        story.append(Spacer(1, 6))
        story.append(KeepTogether([agency_chart(report, portrait.width, styles.font.name)]))
        story.append(Spacer(1, 6))
    for heading, key in ((SECTION_HEADINGS[1], "shortcomings"), (SECTION_HEADINGS[2], "next_tasks")):
        lines = _lines(texts.get(key, ""))
        if not lines:
            continue  # a section with no text is left out: no bare heading
        story.append(layout.para(heading, styles.body_heading))
        story += [layout.para(line, styles.body) for line in lines]
    signature = layout.signature_block(portrait, styles, recipients=_lines(texts.get("recipients", "")),
                                       authority=office["authority"], position=office["position"],
                                       name=office["name"])
    story += layout.closing(story, signature, portrait)  # "Nơi nhận:" and the signature with the last lines
    # Appendix: every task with its state and results in the period.
    count = 2 if report.evidence else 1
    story += layout.new_section(landscape_page=True)
    story += _appendix_head(styles, f"Phụ lục{' I' if count == 2 else ''}", appendix_title(report),
                            appendix_reference(office, date), layout)
    widths = [w * mm for w in (12, 70, 42, 32, 26, 30)]
    widths.append(landscape.width - sum(widths))
    data: list[list[Any]] = [[layout.para(c, styles.table_header) for c in TASK_COLUMNS]]
    style: list[tuple] = [("FONTNAME", (0, 0), (-1, -1), styles.font.name),  # empty cells too: no Helvetica
                          ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    group: tuple[int, str, str] | None = None
    for line, row in zip(report.tasks, task_rows(report), strict=True):
        if line.group and _group_key(line) != group:
            group = _group_key(line)  # as in the plan's appendix: the numeral, the title across the rest
            data.append([layout.para(line.group_number, styles.table_header), layout.para(line.group, styles.table_group)]
                        + [""] * (len(TASK_COLUMNS) - 2))
            style.append(("SPAN", (1, len(data) - 1), (-1, len(data) - 1)))
            style.append(("NOSPLIT", (0, len(data) - 1), (-1, len(data))))  # a group heading never ends a page
        data.append([layout.para(v, styles.table_center if i in (0, 4, 5) else styles.table)
                     for i, v in enumerate(row)])
    if not report.tasks:
        data.append([layout.para("Không có nhiệm vụ nào trong kỳ.", styles.table)] + [""] * (len(TASK_COLUMNS) - 1))
        style.append(("SPAN", (0, 1), (-1, 1)))
    t = layout.KeptBlocksTable(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="CENTER")
    t.page_height = landscape.height
    t.setStyle(TableStyle(style))
    story.append(t)
    if report.evidence:
        story += layout.new_section(landscape_page=True)
        story += _appendix_head(styles, "Phụ lục II", f"DANH MỤC MINH CHỨNG {report.period.phrase.upper()}",
                                appendix_reference(office, date), layout)
        ew = [w * mm for w in (12, 48, 28, 42, 28, 36, 28)]
        ew.append(landscape.width - sum(ew))
        edata: list[list[Any]] = [[layout.para(c, styles.table_header) for c in EVIDENCE_COLUMNS]]
        for row in evidence_rows(report):
            edata.append([layout.para(v, styles.table_center if i in (0, 2, 4) else styles.table)
                          for i, v in enumerate(row)])
        et = LongTable(edata, colWidths=ew, repeatRows=1, splitInRow=1, hAlign="CENTER")
        et.setStyle(TableStyle(style[:5]))
        story.append(et)
    doc.build(story)


def _appendix_head(styles: Any, heading: str, title: str, reference: str, layout: Any) -> list[Any]:
    from reportlab.lib.units import mm

    return [
        layout.para(heading, styles.appendix_heading),
        layout.para(title, styles.center_bold),
        layout.para(reference, styles.center_italic),
        layout.Rule(40 * mm, space_after=8),
    ]


def _totals_table(report: Report, styles: Any, width: float, layout: Any) -> Any:
    from reportlab.platypus import Table, TableStyle

    data = [[layout.para(c, styles.table_header) for c in ("Tình trạng", "Số nhiệm vụ", "Tỷ lệ")]]
    rows = totals_rows(report)
    for i, (label, count, pct) in enumerate(rows):
        last = i == len(rows) - 1  # the total, in bold
        data.append([layout.para(label, styles.table_group if last else styles.table),
                     layout.para(vnformat.number(count), styles.table_header if last else styles.table_center),
                     layout.para(pct, styles.table_header if last else styles.table_center)])
    t = Table(data, colWidths=[width * 0.56, width * 0.22, width * 0.22], hAlign="CENTER", splitInRow=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font.name),
                           ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return t


def _agency_table(report: Report, styles: Any, width: float, layout: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, TableStyle

    small = ParagraphStyle("agency_header", parent=styles.table_header, fontSize=10.5, leading=12.5)
    heads = ["Cơ quan chủ trì", *(STATE_LABELS[s] for s in ALL_STATES), "Tổng số"]
    data = [[layout.para(h, small) for h in heads]]
    for row in agency_rows(report):
        data.append([layout.para(row[0], styles.table), *(layout.para(vnformat.number(v), styles.table_center) for v in row[1:])])
    first = width * 0.31
    rest = (width - first) / (len(heads) - 1)
    t = LongTable(data, colWidths=[first] + [rest] * (len(heads) - 1), repeatRows=1, hAlign="CENTER", splitInRow=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font.name),
                           ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return t
