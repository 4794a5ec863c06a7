"""Readers that turn a received document (.docx, .txt, .pdf, .xlsx, .csv or pasted text)
into one line-numbered form, the only input of the recogniser.

A `SourceDocument` is a list of `SourceLine`: the text of a paragraph or a text line, or
one row of a real table (its cells), each with the line number the officer can find it
at (text line, paragraph/row counter of a Word file, row of a sheet). Adding a format
means adding a reader here; the recogniser never changes for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import ImportFailure, os_error_text
from cchc_desktop.importer import limits, pdfguard
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
from cchc_desktop.text.textnorm import fold, nfc

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a plan is 20-200 KB of text; ten times that is not a plan
MAX_FILE_BYTES = 50 * 1024 * 1024  # Word/PDF/Excel files carry pictures, allow more
MAX_LINES = 100_000


@dataclass
class SourceLine:
    number: int  # 1-based: text line, paragraph/table-row counter (Word), row (sheet)
    text: str  # the line as read (cells joined by tabs for a table row)
    cells: list[str] | None = None  # a real table row (Word, Excel, CSV)


@dataclass
class SourceDocument:
    name: str  # file name (or "Văn bản dán")
    kind: str  # "text", "docx", "pdf", "xlsx", "csv"
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def tabular(self) -> bool:
        """A bare task table (spreadsheet): no plan metadata to expect."""
        return self.kind in ("xlsx", "csv")

    @property
    def stem(self) -> str:
        return Path(self.name).stem or self.name


def _text_lines(text: str) -> list[SourceLine]:
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_LINES:
        raise ImportFailure(f"Văn bản quá dài ({len(lines):,} dòng); một kế hoạch thường dưới {MAX_LINES:,} dòng.".replace(",", "."))
    return [SourceLine(number=i, text=line) for i, line in enumerate(lines, start=1)]


def _check_has_text(doc: SourceDocument) -> SourceDocument:
    limits.check_table_rows(doc.lines, doc.name)
    if not any(line.text.strip() for line in doc.lines):
        raise ImportFailure(f"Tệp «{doc.name}» không có nội dung chữ nào để nhập.")
    if sum(len(line.text) for line in doc.lines) > MAX_TEXT_BYTES:
        raise ImportFailure(f"Văn bản «{doc.name}» quá dài (trên {MAX_TEXT_BYTES // 1024 // 1024} triệu ký tự); một kế hoạch thường dưới 200 nghìn ký tự.")
    return doc


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode_text(data: bytes, name: str) -> str:
    """UTF-16 with BOM, UTF-8 (with or without BOM), else Windows-1258 (Vietnamese ANSI), else an error."""
    if (utf16 := limits.decode_utf16(data)) is not None:
        return utf16
    if _looks_binary(data):
        raise ImportFailure(f"Tệp «{name}» không phải văn bản thuần (có dữ liệu nhị phân). Hãy mở bằng Word rồi lưu thành .docx hoặc .txt.")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailure(f"Không đọc được bảng mã của tệp «{name}»; hãy lưu lại với bảng mã UTF-8.")


def read_text(text: str, name: str = "Văn bản dán") -> SourceDocument:
    """Pasted text, or text converted from Word/PDF."""
    if len(text) > MAX_TEXT_BYTES:
        raise ImportFailure(f"Văn bản quá lớn ({len(text) // 1024 // 1024} MB); một kế hoạch thường dưới 1 MB, giới hạn {MAX_TEXT_BYTES // 1024 // 1024} MB.")
    return _check_has_text(SourceDocument(name=name, kind="text", lines=_text_lines(text)))


def _read_txt(path: Path, data: bytes) -> SourceDocument:
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailure(
            f"Tệp «{path.name}» quá lớn ({len(data) // 1024 // 1024} MB); một kế hoạch dạng văn bản thường dưới 1 MB, giới hạn {MAX_TEXT_BYTES // 1024 // 1024} MB."
        )
    return read_text(decode_text(data, path.name), path.name)


def _read_docx(path: Path, data: bytes) -> SourceDocument:
    data = limits.check_zip(data, path.name, "docx")  # rebuilt: its directory tells the truth
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ImportFailure("Thiếu thư viện đọc tệp Word (python-docx).") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailure(f"Tệp «{path.name}» không phải tệp Word .docx hợp lệ (tệp hỏng, hoặc là tệp .doc cũ đổi đuôi). Hãy mở bằng Word và lưu lại thành .docx.")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ImportFailure(f"Tệp «{path.name}» bị hỏng, không mở được như tệp Word .docx.") from exc
    except Exception as exc:  # noqa: BLE001 - lxml and zip errors of a damaged file come in many types
        raise ImportFailure(f"Tệp «{path.name}» bị hỏng, không mở được như tệp Word .docx ({type(exc).__name__}).") from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[SourceLine] = []
    number = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            for part in nfc(paragraph.text).split("\n"):
                number += 1
                lines.append(SourceLine(number=number, text=part))
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                number += 1
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if seen and cell._tc is seen[-1]:
                        # a cell merged across columns repeats: keep the grid, text once
                        cells.append("")
                        continue
                    seen.append(cell._tc)
                    cells.append(nfc("\n".join(p.text for p in cell.paragraphs)).strip())
                lines.append(SourceLine(number=number, text="\t".join(c.replace("\n", " ") for c in cells), cells=cells))
    return _check_has_text(SourceDocument(name=path.name, kind="docx", lines=lines))


def _read_pdf(path: Path, data: bytes, password: str | None = None) -> SourceDocument:
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
        return _check_has_text(SourceDocument(name=path.name, kind="pdf", lines=lines))
    builder = _PdfLines()
    try:
        for page_text, chunks, rules, posts in pages:
            builder.page(page_text, chunks, rules, posts)
        builder.close_table()
    except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError):  # pragma: no cover - a layout not foreseen
        return _check_has_text(SourceDocument(name=path.name, kind="pdf", lines=_text_lines(text)))
    if len(builder.lines) > MAX_LINES:
        raise ImportFailure(f"Văn bản quá dài ({len(builder.lines):,} dòng); một kế hoạch thường dưới {MAX_LINES:,} dòng.".replace(",", "."))
    return _check_has_text(SourceDocument(name=path.name, kind="pdf", lines=builder.lines))


# --------------------------------------------------------------------------- PDF pages into lines

_PAGE_NUMBER = re.compile(r"^(?:trang\s+)?[-–(]?\s*\d{1,3}\s*[-–)]?(?:\s*/\s*\d{1,3})?$")


@dataclass
class _OpenTable:
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


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value)).strip()


def _rows_document(name: str, kind: str, rows: list[list[str]]) -> SourceDocument:
    lines = []
    for i, row in enumerate(rows, start=1):
        while row and not row[-1]:
            row = row[:-1]
        lines.append(SourceLine(number=i, text="\t".join(row).replace("\n", " "), cells=row))
    return _check_has_text(SourceDocument(name=name, kind=kind, lines=lines))


def _read_xlsx(path: Path, data: bytes) -> SourceDocument:
    data = limits.check_zip(data, path.name, "xlsx")  # rebuilt: its directory tells the truth
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover
        raise ImportFailure("Thiếu thư viện đọc tệp Excel (openpyxl).") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailure(f"Tệp «{path.name}» không phải tệp Excel .xlsx hợp lệ (tệp hỏng, hoặc là tệp .xls cũ). Hãy mở bằng Excel và lưu lại thành .xlsx.")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files
        raise ImportFailure(f"Tệp Excel «{path.name}» bị hỏng, không mở được.") from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFailure(f"Tệp Excel «{path.name}» không có trang tính nào.")
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True, max_col=limits.MAX_COLUMNS):
            rows.append([_cell_text(v) for v in values])
            limits.check_rows_so_far(rows, path.name)
            if len(rows) > MAX_LINES:
                raise ImportFailure(f"Trang tính của «{path.name}» quá nhiều dòng (trên {MAX_LINES:,}).".replace(",", "."))
    finally:
        book.close()
    return _rows_document(path.name, "xlsx", rows)


def _read_csv(path: Path, data: bytes) -> SourceDocument:
    limits.check_text_rows(data, path.name)
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailure(f"Tệp «{path.name}» quá lớn ({len(data) // 1024 // 1024} MB) cho một bảng nhiệm vụ.")
    text = decode_text(data, path.name).replace("\r\n", "\n")
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        # normalised as a whole: no character composes with a delimiter or a quote
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(nfc(text)), dialect)]
    except csv.Error as exc:
        raise ImportFailure(f"Tệp CSV «{path.name}» sai định dạng (dấu ngoặc kép không đóng).") from exc
    return _rows_document(path.name, "csv", rows)


def _read_other(path: Path, data: bytes) -> SourceDocument:
    """.doc/.rtf converted to .docx by LibreOffice or Word; .odt and .html/.htm (`formats`)."""
    from cchc_desktop.importer import formats

    suffix = path.suffix.lower()
    if suffix in (".doc", ".rtf"):
        return _read_docx(path, formats.convert_to_docx(path, data))
    blocks = formats.read_odt(path, data) if suffix == ".odt" else formats.read_html(path, data, decode_text)
    lines = [SourceLine(number=i, text=text, cells=cells) for i, (text, cells) in enumerate(blocks, start=1)]
    return _check_has_text(SourceDocument(name=path.name, kind="odt" if suffix == ".odt" else "html", lines=lines))


_READERS: dict[str, Callable[[Path, bytes], SourceDocument]] = {
    ".docx": _read_docx,
    **dict.fromkeys((".odt", ".html", ".htm", ".doc", ".rtf"), _read_other),
    ".txt": _read_txt,
    ".md": _read_txt,
    ".text": _read_txt,
    ".pdf": _read_pdf,
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
    ".csv": _read_csv,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def read_document(path: Path | str, password: str | None = None) -> SourceDocument:
    """Read a file into the common form; ImportFailure (Vietnamese) for anything unreadable
    (`pdfguard.PasswordRequired` for a PDF whose `password` is needed)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFailure("Định dạng .xls cũ chưa đọc được; hãy mở tệp rồi «Lưu thành» .xlsx.")
    reader = _READERS.get(suffix)
    if reader is None:
        allowed = ", ".join(s for s in SUPPORTED_SUFFIXES if s not in (".md", ".text", ".xlsm", ".htm"))
        raise ImportFailure(f"Không nhập được tệp «{path.name}»: chỉ nhận các định dạng {allowed}.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailure(f"Không mở được tệp «{path}»: tệp không tồn tại hoặc không có quyền đọc.") from exc
    if size == 0:
        raise ImportFailure(f"Tệp «{path.name}» trống (0 byte).")
    if size > MAX_FILE_BYTES:
        raise ImportFailure(f"Tệp «{path.name}» quá lớn ({size // 1024 // 1024} MB); giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"Không đọc được tệp «{path.name}»: {os_error_text(exc)}.") from exc
    return _read_pdf(path, data, password) if reader is _read_pdf else reader(path, data)
