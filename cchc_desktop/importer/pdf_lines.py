"""A PDF read into the document's lines (`source`): its pages' text, and the task table found
from the words' places and the drawn rules (`pdf_layout`), kept open across page breaks; a
page-wide layout table of narrow columns is read cell by cell (`pdf_columns`). Loaded only when
a PDF is read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import pdfguard
from cchc_desktop.importer.pdf_layout import (
    Chunk,
    Header,
    Rule,
    column,
    ends_table,
    find_header,
    first_band,
    join_cell,
    overflows,
    page_chunks,
    row_start,
    snap_columns,
    visual_lines,
)
from cchc_desktop.importer.source import MAX_LINES, SourceDocument, SourceLine, check_has_text, text_lines
from cchc_desktop.text.textnorm import fold, nfc


def read_pdf(path: Path, data: bytes, password: str | None = None) -> SourceDocument:
    try:
        import pypdf  # noqa: F401
    except ImportError as exc:  # pragma: no cover
        raise ImportFailure("Thiếu thư viện đọc tệp PDF (pypdf).") from exc
    if not data.lstrip().startswith(b"%PDF"):
        raise ImportFailure(f"Tệp «{path.name}» không phải tệp PDF hợp lệ.")
    # imported to read a PDF, a Word file to convert, an .odt or a web page, never to read a sheet
    from cchc_desktop.importer import formats, pdf_columns

    # within the limits of pages, inflated content, commands and time (pdfguard)
    page_objects, pages = pdfguard.read_pages(data, path.name, password, page_chunks)
    text = "\n".join(page[0] for page in pages)
    scan = formats.scan_refusal(path.name, page_objects, [page[0] for page in pages])
    if scan:
        raise ImportFailure(scan)
    try:
        narrow = pdf_columns.narrow_layout(pages)
    except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError):  # pragma: no cover - a layout not foreseen
        narrow = None  # read as any other PDF
    if narrow is not None:  # a page-wide layout table of narrow columns (a library's page printed)
        lines = [SourceLine(number=i, text=t, cells=cells) for i, (t, cells) in enumerate(narrow, start=1)]
        return check_has_text(SourceDocument(name=path.name, kind="pdf", lines=lines))
    builder = _PdfLines()
    try:
        for page_text, chunks, rules, posts in pages:
            builder.page(page_text, chunks, rules, posts)
        builder.close_table()
    except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError):  # pragma: no cover - a layout not foreseen
        return check_has_text(SourceDocument(name=path.name, kind="pdf", lines=text_lines(text)))
    if len(builder.lines) > MAX_LINES:
        raise ImportFailure(f"Văn bản quá dài ({len(builder.lines):,} dòng); một kế hoạch thường dưới {MAX_LINES:,} dòng.".replace(",", "."))
    return check_has_text(SourceDocument(name=path.name, kind="pdf", lines=builder.lines))


# --------------------------------------------------------------------------- PDF pages into lines

_PAGE_NUMBER = re.compile(r"^(?:trang\s+)?[-–(]?\s*\d{1,3}\s*[-–)]?(?:\s*/\s*\d{1,3})?$")


@dataclass
class _OpenTable:
    """A PDF task table still being read: its header and the row whose cells are being filled."""
    header: Header
    row: SourceLine | None = None
    cells: list[list[str]] = field(default_factory=list)


class _PdfLines:
    """Builds the document's lines page by page, keeping a table open across page breaks."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.table: _OpenTable | None = None
        self.page_number = 0  # of the page being read, from 1
        self.last_page_number = -2  # the last page number printed on a page, once seen

    def add(self, text: str, cells: list[str] | None = None) -> SourceLine:
        line = SourceLine(number=len(self.lines) + 1, text=text, cells=cells)
        self.lines.append(line)
        return line

    def add_text(self, text: str) -> None:
        """A page's plain text, line by line; its page number (alone on the first or last
        line) left blank, so that it does not run on into the text before or after it."""
        parts = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        filled = [i for i, part in enumerate(parts) if part.strip()]
        for i in sorted({filled[0], filled[-1]}) if filled else ():
            if self.is_page_number(parts[i]):
                parts[i] = ""
        for part in parts:
            self.add(part)

    def is_page_number(self, text: str, anywhere: bool = False) -> bool:
        """`text` is this page's number: the page's rank, or one more than the last seen
        (`anywhere`: any number, as an appendix printed after a plan numbers from 1 again)."""
        if not _PAGE_NUMBER.match(fold(text)):
            return False
        number = int(re.sub(r"\D.*", "", re.sub(r"^\D*", "", fold(text))))
        if not anywhere and number not in (self.page_number, self.last_page_number + 1):
            return False
        self.last_page_number = number
        return True

    def close_row(self) -> None:
        table = self.table
        if table is None or table.row is None:
            return
        header = table.header
        cells = [join_cell(parts) for parts in table.cells]
        filled = [k for k, c in enumerate(cells) if c and k != header.stt]
        if re.fullmatch(r"[IVXL]{1,6}\s*[.)]?", cells[header.stt]) and len(filled) == 1 and "content" in header.fields:
            content = header.fields.index("content")  # a group title written across the table
            if filled[0] != content:
                cells[content], cells[filled[0]] = cells[filled[0]], ""
        while cells and not cells[-1]:
            cells.pop()
        table.row.cells = cells
        table.row.text = "\t".join(c.replace("\n", " ") for c in cells)
        table.row = None

    def close_table(self) -> None:
        self.close_row()
        self.table = None

    def page(self, text: str, chunks: list[Chunk] | None, rules: Sequence[Rule] = (), posts: Sequence[Rule] = ()) -> None:
        """One page: its text as lines, or the rows of the task table it holds."""
        self.page_number += 1
        known = self.table.header.titles if self.table is not None else None
        header = find_header(chunks, posts, rules, known) if chunks is not None else None
        if chunks is None or (header is None and self.table is None):
            self.close_table()
            self.add_text(text)
            return
        if chunks:  # lines drawn beyond the text (a page frame) are not the table's
            top = max(c.y + c.size for c in chunks)
            bottom = min(c.y - c.size for c in chunks)
            rules = [r for r in rules if bottom - 6 < r[0] < top + 6]
        if header is None:
            assert self.table is not None
            lines = self._strip_page_numbers(visual_lines(chunks), self.table.header)
            if not lines or self._ends(lines[0], self.table.header, rules, float("inf")):
                self.close_table()  # the table ended with the page before
                self.add_text(text)
                return
            self.rows(lines, self.table.header, rules, float("inf"))
            return
        taken = set(header.chunks)
        before = self._strip_page_numbers(visual_lines([c for i, c in enumerate(chunks) if i not in taken and c.y > header.top]), header)
        body = visual_lines([c for i, c in enumerate(chunks) if i not in taken and c.y <= header.top])
        snap_columns(header, posts, body[0][0].y if body else header.top)
        if body and self._page_number(body[-1], header):
            body.pop()
        if self.table is not None and before:
            # the table goes on at the top of the page, then its header comes again
            open_rules = [r for r in rules if r[0] > header.top]
            before_open = self.rows(before, header, open_rules, float("inf"))
            before = []
        else:
            before_open = self.table is not None
        for line in before:
            self.add(" ".join(c.text for c in line))
        if self.table is not None and before_open and len(self.table.header.fields) == len(header.fields):
            self.table.header = header  # the header repeated on a new page: the same table
        else:
            self.close_table()
            self.table = _OpenTable(header=header)
            self.add("\t".join(header.titles), cells=list(header.titles))
        self.rows(body, header, rules, header.top)

    def _page_number(self, line: Sequence[Chunk], header: Header) -> bool:
        return len(line) == 1 and column(line[0], header) != header.stt and self.is_page_number(line[0].text, anywhere=True)

    def _strip_page_numbers(self, lines: list[list[Chunk]], header: Header) -> list[list[Chunk]]:
        """A page number above or below the table is not part of it."""
        if lines and self._page_number(lines[0], header):
            lines = lines[1:]
        if lines and self._page_number(lines[-1], header):
            lines = lines[:-1]
        return lines

    @staticmethod
    def _seps(header: Header, rules: Sequence[Rule], limit: float) -> list[float]:
        seps = sorted({round(y, 1) for y, x0, x1 in rules if x0 - 1 <= header.stt_x <= x1 + 1 and y < limit}, reverse=True)
        return seps if len(seps) >= 2 else []

    def _ends(self, line: Sequence[Chunk], header: Header, rules: Sequence[Rule], limit: float) -> bool:
        seps = self._seps(header, rules, limit)
        if ends_table(line, header, bordered=bool(seps) and first_band(limit) <= sum(1 for y in seps if y > line[0].y) < len(seps)):
            return True
        if not seps:
            return overflows(line, header)
        inside = sum(1 for y in seps if y > line[0].y)
        return not first_band(limit) <= inside < len(seps)

    def rows(self, lines: Sequence[Sequence[Chunk]], header: Header, rules: Sequence[Rule], limit: float) -> bool:
        """Lines of the open table into its rows; False when the table ends among them (the
        rest of the lines are then text)."""
        table = self.table
        assert table is not None
        # The rules drawn across the STT column part the rows, whatever the cells' vertical
        # alignment; without them a row starts at the line of its number.
        seps = self._seps(header, rules, limit)

        def band(line: Sequence[Chunk]) -> int:
            return sum(1 for y in seps if y > line[0].y)

        starts: dict[int, str] = {}
        for line in lines:
            b = band(line)
            start = next((m for c in line if (m := row_start(c, header))), None)
            if not seps or not first_band(limit) <= b < len(seps) or start is None:
                continue
            if b in starts:  # two numbers between the same rules: the lines are not the table's
                seps, starts = [], {}
                break
            starts[b] = start[1]
        # bands with text of their own in the STT column: on a page the table goes on to, such a
        # first band is a new (sub-)row, not the rest of the row left open on the page before
        stt_bands = {band(line) for line in lines if any(column(c, header) == header.stt for c in line)}
        current = -1
        for n, line in enumerate(lines):
            b = band(line)
            ends = not first_band(limit) <= b < len(seps) if seps else overflows(line, header)
            if ends or ends_table(line, header, bordered=bool(seps)):
                self.close_table()
                for rest in lines[n:]:
                    self.add(" ".join(c.text for c in rest))
                return False
            if seps and b != current:
                first = current == -1
                current = b
                open_number = table.row is not None and bool(table.cells) and any(table.cells[header.stt])
                if b in starts or not first or (b in stt_bands and open_number):
                    # a band without a number after the first: a sub-row whose number cell is merged
                    self.close_row()
                    table.row = self.add(starts.get(b, ""), cells=[])
                    table.cells = [[] for _ in header.fields]
            for c in line:
                col = column(c, header)
                start = row_start(c, header)
                if start is not None and not seps:
                    self.close_row()
                    table.row = self.add(start[1], cells=[])
                    table.cells = [[] for _ in header.fields]
                if table.row is None:
                    table.row = self.add("", cells=[])
                    table.cells = [[] for _ in header.fields]
                if start is not None and start[2]:
                    table.cells[col].append(start[1])
                    table.cells[header.fields.index("content")].append(start[2])
                else:
                    table.cells[col].append(c.text)
        return True
