"""The appendix of a plan as a PDF: "Phụ lục" heading, title, reference line and the task table.

The table lists the columns the officer chose; group rows (I, II, ...) are bold across the
width, the header row repeats on every page and a cell longer than a page continues on the
next one. `appendix_table_data` gives the same rows to the Word and Excel exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle
from reportlab.platypus.tables import _isLineCommand

from cchc_desktop.documents.render import layout
from cchc_desktop.documents.render.settings import APPENDIX_COLUMNS, DocumentSettings
from cchc_desktop.documents.render.settings import load as load_settings
from cchc_desktop.errors import NotFoundError, ValidationError
from cchc_desktop.store.domain import Appendix, Plan, Task, act_reference
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text import vnformat
from cchc_desktop.text.agencies import refs_text
from cchc_desktop.text.textnorm import nfc

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

# Relative widths of the columns that share what STT leaves.
COLUMN_WEIGHTS = {"content": 5.0, "lead": 2.2, "partners": 2.6, "time_frame": 2.0, "output": 2.0,
                  "funding": 1.6, "status": 1.8, "notes": 1.8}
STT_WIDTH = 15 * mm  # wide enough for "STT" in bold at 12-13 pt


@dataclass
class TableRow:
    """One printed row: a group row (`group` set, `cells` empty) or a task row (text per column)."""

    cells: dict[str, str] = field(default_factory=dict)
    group: str = ""  # "I", "II" ...
    group_title: str = ""
    task_id: int | None = None

    @property
    def is_group(self) -> bool:
        return bool(self.group)


@dataclass
class AppendixTable:
    """What an appendix prints, independent of the output format."""

    plan: Plan
    appendix: Appendix
    index: int  # 1-based position among the plan's appendices
    count: int  # how many appendices the plan has
    columns: list[str]
    rows: list[TableRow]

    @property
    def heading(self) -> str:
        return appendix_heading(self.index, self.count)

    @property
    def title(self) -> str:
        return nfc(self.appendix.title).strip()

    @property
    def reference(self) -> str:
        return reference_line(self.plan)

    @property
    def headers(self) -> list[str]:
        return [APPENDIX_COLUMNS[c] for c in self.columns]


def appendix_heading(index: int, count: int) -> str:
    """"Phụ lục", or "Phụ lục II" when the plan has two or more appendices."""
    return f"Phụ lục {vnformat.roman(index)}" if count >= 2 else "Phụ lục"


def reference_line(plan: Plan) -> str:
    """"(Kèm theo Kế hoạch số 123/KH-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh Vĩnh Long)".

    Blank fields stay blank on a draft ("số       /KH-UBND", "ngày     tháng     năm     ").
    """
    act = act_reference(plan, layout.number_symbol(plan.number))
    when = vnformat.date_words(act.issue_date) if act.issue_date else "ngày     tháng     năm     "
    authority = nfc(act.authority).strip()
    tail = f" của {authority}" if authority else ""
    return f"(Kèm theo {act.doc_type} {act.number_text(blank='      ')} {when}{tail})"


def _cell_texts(task: Task, stt: int, state_label: str) -> dict[str, str]:
    return {
        "stt": str(stt),
        "content": task.content,
        "lead": refs_text(task.lead),
        "partners": refs_text(task.partners),
        "time_frame": task.time_frame,
        "output": task.output,
        "funding": task.funding,
        "status": state_label,
        "notes": task.notes,
    }


def appendix_table_data(store: Store, plan_id: int, appendix: int = 1, *, columns: Sequence[str] | None = None,
                        settings: DocumentSettings | None = None, today: dt.date | None = None) -> AppendixTable:
    """The rows of the plan's `appendix`-th appendix (1-based), groups in order, STT per group."""
    plan = store.plans.get(plan_id)
    if not plan.appendices:
        raise NotFoundError("Kế hoạch chưa có phụ lục nào.")
    if not (1 <= appendix <= len(plan.appendices)):
        raise ValidationError(
            f"Kế hoạch chỉ có {len(plan.appendices)} phụ lục; không có phụ lục thứ {appendix}."
        )
    chosen = plan.appendices[appendix - 1]
    settings = settings or load_settings(store)
    cols = list(columns) if columns is not None else list(settings.appendix_columns)
    unknown = [c for c in cols if c not in APPENDIX_COLUMNS]
    if unknown:
        raise ValidationError(f"Cột không có trong phụ lục: {', '.join(unknown)}.")
    if "content" not in cols:
        raise ValidationError("Bảng phụ lục phải có cột Nội dung.")
    cols = [c for c in APPENDIX_COLUMNS if c in cols]
    states: dict[int, str] = {}
    if "status" in cols:
        from cchc_desktop.scheduling.schedule import OccurrenceIndex, state_label

        index = OccurrenceIndex.load(store, plan_ids=[plan_id], today=today)
        states = {tid: state_label(index.task_state(tid)) for tid in index.tasks}
    task_rows = store.tasks.rows(appendix_id=chosen.id)
    groups = store.tasks.groups(int(chosen.id))  # type: ignore[arg-type]
    by_group: dict[int | None, list[Task]] = {}
    for row in task_rows:
        by_group.setdefault(row.task.group_id, []).append(row.task)
    rows: list[TableRow] = []

    def add_tasks(tasks: list[Task]) -> None:
        for stt, task in enumerate(tasks, start=1):
            label = states.get(int(task.id or 0), task.status.label)
            rows.append(TableRow(cells=_cell_texts(task, stt, label), task_id=task.id))

    add_tasks(by_group.get(None, []))
    for number, group in enumerate(groups, start=1):
        rows.append(TableRow(group=vnformat.roman(number), group_title=nfc(group.title).strip()))
        add_tasks(by_group.get(group.id, []))
    return AppendixTable(plan=plan, appendix=chosen, index=appendix, count=len(plan.appendices), columns=cols,
                         rows=rows)


# --------------------------------------------------------------------------- PDF


MIN_SHARED_WIDTH = 12 * mm  # what a column sharing the rest keeps at least, whatever its neighbours' words


def column_widths(columns: Sequence[str], width: float, minimum: Sequence[float] | None = None) -> list[float]:
    """STT fixed, the rest shared by weight; a column narrower than its `minimum` (its longest
    word) gets that much and the others share what is left, so that words are not cut. Where
    that cannot be done, the last sharing in which every column keeps MIN_SHARED_WIDTH (or its
    own longest word, if shorter) is used: a very long word is cut rather than a neighbouring
    column squeezed to nothing."""
    fixed = {i: STT_WIDTH for i, c in enumerate(columns) if c == "stt"}
    best: list[float] | None = None
    for _ in range(len(columns)):
        rest = width - sum(fixed.values())
        free = [i for i in range(len(columns)) if i not in fixed]
        total = sum(COLUMN_WEIGHTS[columns[i]] for i in free)
        widths = [fixed[i] if i in fixed else (rest * COLUMN_WEIGHTS[c] / total if total else 0.0)
                  for i, c in enumerate(columns)]
        if minimum is None:
            return widths
        if best is None or all(widths[i] >= min(MIN_SHARED_WIDTH, minimum[i]) for i in free):
            best = widths
        short = [i for i in free if widths[i] < minimum[i]]
        if not short:
            return widths
        if sum(fixed.values()) + sum(minimum[i] for i in short) > width:
            return best
        fixed.update({i: minimum[i] for i in short})
    return best if best is not None else widths

def _longest_words(table: AppendixTable, styles: layout.Styles) -> list[float]:
    """Per column, the width of its longest word (header in bold) plus the cell padding."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = styles.table_size
    regular, bold = styles.font.name, styles.font.bold
    out = []
    for key, header in zip(table.columns, table.headers, strict=True):
        words = {w for row in table.rows if not row.is_group for w in row.cells[key].split()}
        widest = max((stringWidth(w, regular, size) for w in words), default=0.0)
        widest = max([widest, *(stringWidth(w, bold, size) for w in header.split())])
        out.append(widest + 7)
    return out


class _CellParagraph(Paragraph):
    """A cell's paragraph that breaks its lines once per column width: reportlab measures every
    row again for each page it splits the table at, and the lines do not change. Cells of the
    same text and style (agency names, time frames, numbers) share one parse of the text and one
    breaking of its lines per width, through `shared` (one per table)."""

    _wrapped_for: float | None = None
    _shared: dict[tuple[Any, ...], dict[str, Any]] | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any,
                 shared: dict[tuple[Any, ...], dict[str, Any]] | None = None, **kw: Any) -> None:
        if shared is None or args or kw:  # the parts of a paragraph cut by a page break: their own
            super().__init__(text, style, *args, **kw)
            return
        key = (text, id(style))
        made = shared.get(key)
        if made is None:
            super().__init__(text, style)
            shared[key] = dict(self.__dict__)
        else:
            self.__dict__.update(made)
        self._shared = shared

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        if self._wrapped_for == availWidth:
            return self.width, self.height
        if self._shared is None:
            size = super().wrap(availWidth, availHeight)
            self._wrapped_for = availWidth
            return size
        key = (self.text, id(self.style), availWidth)
        wrapped = self._shared.get(key)
        if wrapped is None:
            before = dict(self.__dict__)
            super().wrap(availWidth, availHeight)
            self._wrapped_for = availWidth
            self._shared[key] = {k: v for k, v in self.__dict__.items() if k not in before or before[k] is not v}
        else:
            self.__dict__.update(wrapped)
        return self.width, self.height


def _cell(text: str, style: ParagraphStyle, shared: dict[tuple[Any, ...], dict[str, Any]]) -> Flowable:
    # One paragraph per cell: with splitInRow reportlab continues it on the next page line by line.
    return _CellParagraph(layout.escape(text), style, shared=shared)


def appendix_flowables(table: AppendixTable, styles: layout.Styles, setup: layout.PageSetup) -> list[Flowable]:
    """Heading, title, reference line, short rule and the task table (no national header)."""
    story: list[Flowable] = [
        layout.para(table.heading, styles.appendix_heading),
    ]
    if table.title:
        story.append(layout.para(layout.upper(table.title), styles.subject))
    story.append(layout.para(table.reference, styles.center_italic))
    story.append(layout.Rule(min(setup.width / 4, 60 * mm), space_after=8))
    story.append(task_table(table, styles, setup.width, setup.height))
    return story


class _RestOfFrame(Flowable):
    """Takes what is left of the frame, so that the next part of a table starts on a new page."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return availWidth, max(availHeight, 0.0)

    def draw(self) -> None:
        pass


class SplittingTable(layout.PageHeightTable, LongTable):
    """A LongTable that keeps rows whole when it can and cuts a row only when it is taller than
    a page (or at the top of a page), so that the repeated header never lands mid-page."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        self._calc(availWidth, availHeight)
        layout.drop_tall_blocks(self, self.page_height)
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            # The rest starts on the next page (reportlab would otherwise try it in the space left).
            return [parts[0], _RestOfFrame(), *parts[1:]]
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        heights = self._rowHeights
        first_rows = sum(heights[: repeat + 1])
        if availHeight >= self.page_height - 1 or first_rows > self.page_height:
            return self._splitRows(availHeight, doInRowSplit=True)
        return []


Command = tuple[Any, ...]
_DRAWN_KINDS = ("_linecmds", "_bkgrndcmds", "_spanCmds", "_nosplitCmds")  # as reportlab keeps them


def _up_to(commands: list[Command], rows: int, last: int) -> list[Command]:
    """The commands of a table of `rows` rows for its rows [0, last] alone."""
    out: list[Command] = []
    for command in commands:
        name, (c0, r0), (c1, r1), *rest = command
        if isinstance(r0, str) or isinstance(r1, str):  # "inrowsplitstart" ...
            out.append(command)
            continue
        a, b = (r0 + rows if r0 < 0 else r0), (r1 + rows if r1 < 0 else r1)
        if a <= last:
            out.append((name, (c0, a), (c1, min(b, last)), *rest))
    return out


class PagedTable(Flowable):
    """A long `SplittingTable` laid out a page at a time: each page is split from a table of the
    next rows only (a window a little longer than a page), not from the whole rest of the table.

    Reportlab recomputes the spans, the blocks kept together and the row heights of the whole
    table it splits, so splitting the rest of a 1,000-row table at each of its 146 page breaks
    does work in the square of its length. The cut is the same as in the whole table: it depends
    only on the rows up to the one that overflows the page (and the blocks kept together that
    end there), and the window always holds a row below that one, or else it is made longer.
    The lines, spans and blocks of the rest are carried from page to page by reportlab's own
    rules for the rest of a split table, so that the pages are drawn as they were, and so are the
    heights of the rows measured (`heights`, shared along the table), as reportlab hands them on
    to the rest of a table it splits. A row cut inside itself (taller than a page) is cut in the
    whole rest of the table, as before."""

    def __init__(self, data: list[list[object]], cells: list[list[Any]], drawn: dict[str, list[Command]],
                 widths: list[float], page_height: float, start: int = 1, window: int = 32,
                 heights: list[float | None] | None = None) -> None:
        super().__init__()
        self.data = data  # the header row, then every row of the table
        self.cells = cells  # each cell's style (font, padding, alignment), made once for the whole table
        self.drawn = drawn  # lines, backgrounds, spans, blocks: numbered in the rest (header + rows[start:])
        self.widths = widths
        self.page_height = page_height
        self.start = start  # the first row not yet laid out
        self.window = window
        self.heights: list[float | None] = heights if heights is not None else [None] * len(data)  # once measured
        self.hAlign = "CENTER"

    def table(self, end: int) -> SplittingTable:
        """The header and rows [start, end) as a table of their own."""
        rows = len(self.data)
        commands = [c for kind in _DRAWN_KINDS for c in self.drawn[kind]]
        if end < rows:  # rows below the window left out, as reportlab cuts the first part of a split
            commands = _up_to(commands, 1 + rows - self.start, end - self.start)
        # heights already measured, in a window only (it is cut between rows; the rest of the table may
        # have a row cut inside itself, which reportlab measures afresh)
        known = [self.heights[0], *self.heights[self.start:end]] if end < rows else None
        t = SplittingTable([self.data[0], *self.data[self.start:end]], colWidths=self.widths, repeatRows=1,
                           splitInRow=1, hAlign="CENTER", rowHeights=known,
                           cellStyles=[self.cells[0], *self.cells[self.start:end]])
        t.page_height = self.page_height
        t.setStyle(TableStyle(commands))
        return t

    def rest(self, n: int) -> PagedTable:
        """What is left after the first `n` rows of the rest (header included) are on a page."""
        count = 1 + len(self.data) - self.start
        ncols = len(self.widths)
        whole = SplittingTable.__new__(SplittingTable)  # the rest as reportlab would hold it: its style only
        whole._nrows, whole._ncols = count, ncols
        for kind in _DRAWN_KINDS:
            setattr(whole, kind, list(self.drawn[kind]))
        after = SplittingTable.__new__(SplittingTable)
        after._ncols, after._rowSplitRange = ncols, None
        for kind in _DRAWN_KINDS:
            setattr(after, kind, [])
        after._cr_1_1(n, count, [0], whole._splitLineCmds(n, doInRowSplit=0), 0)
        after._cr_1_1(n, count, [0], whole._bkgrndcmds, 0, _srflMode=True)
        after._cr_1_1(n, count, [0], whole._spanCmds, 0)
        after._cr_1_1(n, count, [0], whole._nosplitCmds, 0)
        drawn = {kind: getattr(after, kind) for kind in _DRAWN_KINDS}
        return PagedTable(self.data, self.cells, drawn, self.widths, self.page_height, self.start + n - 1,
                          max(n + 6, 12), self.heights)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        # never drawn itself: `split` hands over a table (the whole rest, when it fits)
        return sum(self.widths), availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        rows = len(self.data)
        window = self.window
        while True:
            end = min(self.start + window, rows)
            t = self.table(end)
            t._calc(availWidth, availHeight)
            heights = t._rowHeights
            for i, height in enumerate(heights):
                if height is not None:
                    self.heights[self.start + i - 1 if i else 0] = height
            if end >= rows:
                if t._height <= availHeight:
                    return [t]
                return t.split(availWidth, availHeight)
            if sum(heights[:-1]) > availHeight:
                break  # the row that overflows is in the window, with one more below it
            window *= 2
        layout.drop_tall_blocks(t, self.page_height)
        parts = t._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return [parts[0], _RestOfFrame(), self.rest(len(parts[0]._cellvalues))]
        if availHeight >= self.page_height - 1 or sum(heights[:2]) > self.page_height:
            return self.table(rows).split(availWidth, availHeight)  # a row cut inside itself
        return []

    def draw(self) -> None:
        pass


def task_table(table: AppendixTable, styles: layout.Styles, width: float, page_height: float) -> PagedTable:
    """The task table: header row repeated on every page, group rows spanning the width."""
    cols = table.columns
    widths = column_widths(cols, width, _longest_words(table, styles))
    centred = {"stt", "time_frame"}
    shared: dict[tuple[Any, ...], dict[str, Any]] = {}
    # the header row is drawn on every page: its paragraphs break their lines once
    data: list[list[object]] = [[_cell(h, styles.table_header, shared) for h in table.headers]]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),  # empty cells too: no Helvetica in the file
        ("LINEBELOW", (0, "inrowsplitstart"), (-1, "inrowsplitstart"), 0.5, (0, 0, 0)),  # a row cut by a page break
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, row in enumerate(table.rows):
        r = len(data)
        if row.is_group:
            if "stt" in cols and len(cols) > 1:
                data.append([layout.para(row.group, styles.table_header), layout.para(row.group_title, styles.table_group)]
                            + [""] * (len(cols) - 2))
                style.append(("SPAN", (1, r), (-1, r)))
            else:
                data.append([layout.para(f"{row.group}. {row.group_title}", styles.table_group)] + [""] * (len(cols) - 1))
                style.append(("SPAN", (0, r), (-1, r)))
            if r + 1 <= len(table.rows) and i + 1 < len(table.rows) and not table.rows[i + 1].is_group:
                style.append(("NOSPLIT", (0, r), (-1, r + 1)))  # a group title never ends a page
            continue
        data.append([_cell(row.cells[c], styles.table_center if c in centred else styles.table, shared)
                     for c in cols])
    drawn = SplittingTable.__new__(SplittingTable)  # the style sorted as reportlab keeps it
    for kind in _DRAWN_KINDS:
        setattr(drawn, kind, [])
    cells = []
    for command in style:
        if command[0] in ("BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT") \
                or _isLineCommand(command):
            drawn._addCommand(command)
        else:
            cells.append(command)
    styled = SplittingTable(data, colWidths=widths)
    styled.setStyle(TableStyle(cells))
    return PagedTable(data, styled._cellStyles, {kind: getattr(drawn, kind) for kind in _DRAWN_KINDS}, widths,
                      page_height)


def render_appendix_pdf(store: Store, plan_id: int, target: str | Path | IO[bytes], *, appendix: int = 1,
                        settings: DocumentSettings | None = None, columns: Sequence[str] | None = None,
                        landscape_page: bool | None = None, today: dt.date | None = None) -> AppendixTable:
    """Write the appendix PDF to `target` (a path or a binary file); returns what was printed."""
    settings = settings or load_settings(store)
    table = appendix_table_data(store, plan_id, appendix, columns=columns, settings=settings, today=today)
    write_appendix_pdf(table, target, settings, landscape_page=landscape_page)
    return table


def write_appendix_pdf(table: AppendixTable, target: str | Path | IO[bytes], settings: DocumentSettings, *,
                       landscape_page: bool | None = None) -> None:
    """Write what `appendix_table_data` gave as the appendix PDF."""
    landscape_first = settings.landscape_appendix if landscape_page is None else landscape_page
    out = str(target) if isinstance(target, Path) else target
    doc = layout.OfficialDocument(
        out, settings, title=f"{table.heading} - {table.title}", author=table.plan.issuer,
        subject=table.reference, landscape_first=landscape_first,
    )
    setup = doc.setup_of("landscape" if landscape_first else "portrait")
    styles = layout.make_styles(settings)
    with many_objects():  # a paragraph per cell, lines and words per paragraph: thousands of objects
        doc.build(appendix_flowables(table, styles, setup))
