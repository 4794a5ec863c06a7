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
from typing import Any

from cchc_desktop.documents.tabular import FIELDS, field_of_header, targets_as_content
from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import formats, limits, pdfguard
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
    # within the limits of pages, inflated content, commands and time (pdfguard)
    page_objects, pages = pdfguard.read_pages(data, path.name, password, _page_chunks)
    text = "\n".join(page[0] for page in pages)
    scan = formats.scan_refusal(path.name, page_objects, [page[0] for page in pages])
    if scan:
        raise ImportFailure(scan)
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


# --------------------------------------------------------------------------- PDF tables
#
# pypdf's plain text gives the wrapped lines of the cells of a table one cell after the
# other, so the lines of neighbouring cells mix. A page whose text holds a task table's
# header row (STT | Nội dung | Cơ quan chủ trì ...) is read again with the positions of
# its text: the header words give the columns, every piece of text goes to the column it
# starts in, and a number or a Roman numeral in the STT column starts a new row. The rows
# come out as table rows, as the Word reader gives them; the rest of the page as lines.

_CHAR_WIDTH = 0.5  # average width of a letter, in font sizes (Times New Roman, Vietnamese)
_ROW_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVXL]{1,6}|[a-zđ]\))\s*[.)]?$")
_STT_TITLES = ("stt", "sstt", "tt", "so tt", "so thu tu", "s tt")
_HEADER_WORDS = {w for _, (_, keys) in FIELDS.items() for k in keys for w in k.replace("/", " ").split()} | {
    "so", "thu", "tu", "cac", "va", "co", "quan", "don", "vi", "lanh", "dao", "du", "kien", "hoan", "thanh", "nguon",
}
_PAGE_NUMBER = re.compile(r"^(?:trang\s+)?[-–(]?\s*\d{1,3}\s*[-–)]?(?:\s*/\s*\d{1,3})?$")
_LIST_START = re.compile(r"^(?:[-–+•*]|\d{1,3}[.)]|[a-zđ]\))\s")
_AUTHORITY_LINE = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s*\S")
_MARKED_TITLE = re.compile(r"^([IVXL]{1,6}[.)]?)\s+(\S.{3,})$")


@dataclass
class _Chunk:
    """A piece of a page's text with where it starts (PDF units, y upwards) and its font size."""

    x: float
    y: float
    size: float
    text: str

    @property
    def width(self) -> float:  # an estimate: pypdf does not give the width of a piece
        return len(self.text) * self.size * _CHAR_WIDTH


_Rule = tuple[float, float, float]  # a line drawn on a page: y, x from, x to (or x, y from, y to)


def _page_chunks(page: Any, tick: Callable[[], None] = lambda: None) -> tuple[str, list[_Chunk] | None, list[_Rule], list[_Rule]]:
    """The page's plain text, its pieces with positions (None when some text is turned) and
    the lines drawn on it (a table's borders); `tick()` at every command (the time limit)."""
    chunks: list[_Chunk] = []
    rules: list[_Rule] = []
    posts: list[_Rule] = []
    turned = False
    point: list[tuple[float, float]] = []

    def shape(op: bytes, args: Sequence[Any], cm: Sequence[float], _tm: object) -> None:
        tick()
        if op not in (b"re", b"m", b"l"):
            return
        try:
            values = [float(v) for v in args]

            def at(x: float, y: float) -> tuple[float, float]:
                return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

            if op == b"m" and len(values) >= 2:
                point[:] = [at(values[0], values[1])]
            elif op == b"l" and len(values) >= 2:
                end = at(values[0], values[1])
                if point and abs(point[0][1] - end[1]) < 0.5:
                    rules.append((end[1], min(point[0][0], end[0]), max(point[0][0], end[0])))
                elif point and abs(point[0][0] - end[0]) < 0.5:
                    posts.append((end[0], min(point[0][1], end[1]), max(point[0][1], end[1])))
                point[:] = [end]
            elif op == b"re" and len(values) >= 4:
                (x0, y0), (x1, y1) = at(values[0], values[1]), at(values[0] + values[2], values[1] + values[3])
                x0, x1 = sorted((x0, x1))
                y0, y1 = sorted((y0, y1))
                if y1 - y0 < 3:  # a thin bar: a border drawn as a filled rectangle
                    rules.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 < 3:
                    posts.append(((x0 + x1) / 2, y0, y1))
                else:  # a box: its edges
                    rules.extend([(y0, x0, x1), (y1, x0, x1)])
                    posts.extend([(x0, y0, y1), (x1, y0, y1)])
        except (TypeError, ValueError, IndexError):
            return

    turns: set[int] = set()

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: object, size: float) -> None:
        nonlocal turned
        text = nfc(text).strip()
        if not text:
            return
        try:
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        except (TypeError, IndexError):
            turned = True
            return
        if abs(b) < 1e-3 and a > 0:
            turns.add(0)
        elif abs(a) < 1e-3 and b != 0:  # a page turned a quarter: read along its long side
            turns.add(90 if b > 0 else 270)
            x, y = (y, -x) if b > 0 else (-y, x)
        else:
            turned = True
            return
        scale = max(abs(a), abs(b))
        for n, part in enumerate(text.split("\n")):  # pieces hold one line; guard anyway
            if part.strip():
                chunks.append(_Chunk(x=x, y=y - n * size * scale * 1.2, size=max(size * scale, 1.0), text=part.strip()))

    text = page.extract_text(visitor_text=visit, visitor_operand_before=shape) or ""
    if turned or len(turns) > 1:
        return text, None, [], []
    if turns == {90}:
        rules, posts = [(-x, y0, y1) for x, y0, y1 in posts], [(y, -x1, -x0) for y, x0, x1 in rules]
    elif turns == {270}:
        rules, posts = [(x, -y1, -y0) for x, y0, y1 in posts], [(-y, x0, x1) for y, x0, x1 in rules]
    return text, chunks, rules, posts


def _fold_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,.:;/()]+", fold(text)) if w]


def _header_field(text: str) -> str | None:
    key = " ".join(_fold_words(text))
    if key in _STT_TITLES:
        return "stt"
    return field_of_header(text)


@dataclass
class _Header:
    titles: list[str]
    fields: list[str | None]
    bounds: list[float]  # left boundary of each column
    top: float  # y of the STT title
    stt_x: float  # middle of the STT title
    lefts: list[float]  # where each column's title starts
    chunks: list[int]  # indexes of the header's pieces

    @property
    def stt(self) -> int:
        return self.fields.index("stt")


def _find_header(chunks: Sequence[_Chunk], posts: Sequence[_Rule] = ()) -> _Header | None:
    """The task table's header row on a page: STT, Nội dung and one more known column.
    Column borders drawn down the first row (`posts`), when there are, part the titles."""
    for n, cand in sorted(enumerate(chunks), key=lambda item: -item[1].y):
        if _header_field(cand.text) != "stt":
            continue
        s = cand.size
        centre = cand.x + cand.width / 2
        markers = [c.y for c in chunks if c.y < cand.y - 0.6 * s and _ROW_MARKER.match(c.text) and abs(c.x + c.width / 2 - centre) < 3 * s]
        low = max(max(markers) + 0.6 * s if markers else -1e9, cand.y - 4 * s)
        # the borders down the row that has the most of them (a group row spans the table)
        edges = max(([round(x, 1) for x, y0, y1 in posts if y0 - 1 <= probe <= y1 + 1] for probe in [cand.y, *sorted(markers)[-8:]]),
                    key=lambda xs: len(set(xs)))
        edges = sorted(set(edges))
        band = [
            i for i, c in enumerate(chunks)
            if i == n or (low < c.y <= cand.y + 2.5 * s and all(w in _HEADER_WORDS or re.fullmatch(r"\d{1,2}", w) for w in _fold_words(c.text)))
        ]

        def span(i: int) -> tuple[float, float]:
            c = chunks[i]
            return c.x + c.width * 0.15, c.x + c.width * 0.85

        def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        def next_word(i: int, j: int, s: float = s) -> bool:
            """`i` the word after `j` on the same line (a title written a word at a time)."""
            a, b = chunks[i], chunks[j]
            return abs(a.y - b.y) < 0.5 * s and " " not in b.text and -0.4 * s < a.x - (b.x + b.width) < 0.6 * s

        # a title over two columns ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") is left out
        parents = set()
        for i in band:
            under = [j for j in band if chunks[j].y < chunks[i].y - 0.5 * s and overlaps(span(i), span(j))]
            if any(not overlaps(span(a), span(b)) for a in under for b in under):
                parents.add(i)
        clusters: list[list[int]] = []
        def same_column(i: int, j: int, edges: Sequence[float] = edges) -> bool:
            if len(edges) >= 3:
                return sum(1 for x in edges if x <= chunks[i].x) == sum(1 for x in edges if x <= chunks[j].x)
            return overlaps(span(i), span(j)) or abs(chunks[i].x - chunks[j].x) < 1 or next_word(i, j)

        for i in sorted((i for i in band if i not in parents), key=lambda i: chunks[i].x):
            home = next((cl for cl in clusters if any(same_column(i, j) for j in cl)), None)
            if home is None:
                clusters.append([i])
            else:
                home.append(i)
        clusters.sort(key=lambda cl: min(chunks[i].x for i in cl))
        titles = [" ".join(chunks[i].text for i in sorted(cl, key=lambda i: (-round(chunks[i].y, 1), chunks[i].x))) for cl in clusters]
        fields = targets_as_content([_header_field(t) for t in titles])
        if "content" not in fields or not {"lead", "partners", "time_frame"} & set(fields):
            continue
        if not any(n in cl and fields[k] == "stt" for k, cl in enumerate(clusters)):
            continue
        bounds: list[float] = []
        for k, cl in enumerate(clusters):
            left = min(chunks[i].x for i in cl)
            if k == 0:
                bounds.append(-1e9)
                continue
            prev = clusters[k - 1]
            prev_left = min(chunks[i].x for i in prev)
            prev_width = max(chunks[i].width for i in prev)
            bounds.append(min(left, prev_left + 0.75 * prev_width) - 1)
        lefts = [min(chunks[i].x for i in cl) for cl in clusters]
        return _Header(titles=titles, fields=fields, bounds=bounds, top=cand.y, stt_x=centre, lefts=lefts, chunks=[*band, *parents])
    return None


@dataclass
class _OpenTable:
    header: _Header
    row: SourceLine | None = None
    cells: list[list[str]] = field(default_factory=list)


def _visual_lines(chunks: Sequence[_Chunk]) -> list[list[_Chunk]]:
    out: list[list[_Chunk]] = []
    for c in sorted(chunks, key=lambda c: (-c.y, c.x)):
        if out and abs(out[-1][0].y - c.y) < 0.5 * c.size:
            out[-1].append(c)
        else:
            out.append([c])
    return [sorted(line, key=lambda c: c.x) for line in out]


def _join_cell(parts: Sequence[str]) -> str:
    """A cell's lines as one text: a wrap is a space, a list item a new line, and the end of
    a word too long for a narrow column ("thán" + "g") is glued back to its start."""
    out = ""
    for part in parts:
        first = part.split(" ", 1)[0]
        if not out:
            out = part
        elif _LIST_START.match(part):
            out += "\n" + part
        elif out[-1:].isalpha() and first.isalpha() and first.islower() and not re.search(r"[aeiouy]", fold(first)):
            out += part
        else:
            out += " " + part
    return out


def _ends_table(line: Sequence[_Chunk], header: _Header, bordered: bool = False) -> bool:
    """A signature, the recipients, a new appendix, a footnote or prose at the margin (not
    inside drawn borders: there, text in the STT column is a row whose number cell is merged
    with the row above, as Word draws a sub-row)."""
    text = " ".join(c.text for c in line)
    key = fold(text)
    if key.startswith("noi nhan") or re.match(r"^phu luc(\s+[ivxl0-9]+)?$", key) or re.match(r"^\[\d+\]", text):
        return True
    if _AUTHORITY_LINE.match(text) and text == text.upper():
        return True
    if bordered:
        return False
    stt = header.stt
    return any(
        _column(c, header) == stt and not _ROW_MARKER.match(c.text) and not _MARKED_TITLE.match(c.text) and len(c.text) > 4
        for c in line
    )


def _column(chunk: _Chunk, header: _Header) -> int:
    return max(k for k, b in enumerate(header.bounds) if chunk.x >= b)


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
        cells = [_join_cell(parts) for parts in table.cells]
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

    def page(self, text: str, chunks: list[_Chunk] | None, rules: Sequence[_Rule] = (), posts: Sequence[_Rule] = ()) -> None:
        """One page: its text as lines, or the rows of the task table it holds."""
        self.page_number += 1
        header = _find_header(chunks, posts) if chunks is not None else None
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
            lines = self._strip_page_numbers(_visual_lines(chunks), self.table.header)
            if not lines or self._ends(lines[0], self.table.header, rules, float("inf")):
                self.close_table()  # the table ended with the page before
                self.add_text(text)
                return
            self.rows(lines, self.table.header, rules, float("inf"))
            return
        taken = set(header.chunks)
        before = self._strip_page_numbers(_visual_lines([c for i, c in enumerate(chunks) if i not in taken and c.y > header.top]), header)
        body = _visual_lines([c for i, c in enumerate(chunks) if i not in taken and c.y <= header.top])
        _snap_columns(header, posts, body[0][0].y if body else header.top)
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

    def _page_number(self, line: Sequence[_Chunk], header: _Header) -> bool:
        return len(line) == 1 and _column(line[0], header) != header.stt and self.is_page_number(line[0].text, anywhere=True)

    def _strip_page_numbers(self, lines: list[list[_Chunk]], header: _Header) -> list[list[_Chunk]]:
        """A page number above or below the table is not part of it."""
        if lines and self._page_number(lines[0], header):
            lines = lines[1:]
        if lines and self._page_number(lines[-1], header):
            lines = lines[:-1]
        return lines

    @staticmethod
    def _seps(header: _Header, rules: Sequence[_Rule], limit: float) -> list[float]:
        seps = sorted({round(y, 1) for y, x0, x1 in rules if x0 - 1 <= header.stt_x <= x1 + 1 and y < limit}, reverse=True)
        return seps if len(seps) >= 2 else []

    def _ends(self, line: Sequence[_Chunk], header: _Header, rules: Sequence[_Rule], limit: float) -> bool:
        seps = self._seps(header, rules, limit)
        if _ends_table(line, header, bordered=bool(seps) and _first_band(limit) <= sum(1 for y in seps if y > line[0].y) < len(seps)):
            return True
        if not seps:
            return _overflows(line, header)
        inside = sum(1 for y in seps if y > line[0].y)
        return not _first_band(limit) <= inside < len(seps)

    def rows(self, lines: Sequence[Sequence[_Chunk]], header: _Header, rules: Sequence[_Rule], limit: float) -> bool:
        """Lines of the open table into its rows; False when the table ends among them (the
        rest of the lines are then text)."""
        table = self.table
        assert table is not None
        # The rules drawn across the STT column part the rows, whatever the cells' vertical
        # alignment; without them a row starts at the line of its number.
        seps = self._seps(header, rules, limit)

        def band(line: Sequence[_Chunk]) -> int:
            return sum(1 for y in seps if y > line[0].y)

        starts: dict[int, str] = {}
        for line in lines:
            b = band(line)
            start = next((m for c in line if (m := _row_start(c, header))), None)
            if not seps or not _first_band(limit) <= b < len(seps) or start is None:
                continue
            if b in starts:  # two numbers between the same rules: the lines are not the table's
                seps, starts = [], {}
                break
            starts[b] = start[1]
        # bands with text of their own in the STT column: on a page the table goes on to, such a
        # first band is a new (sub-)row, not the rest of the row left open on the page before
        stt_bands = {band(line) for line in lines if any(_column(c, header) == header.stt for c in line)}
        current = -1
        for n, line in enumerate(lines):
            b = band(line)
            ends = not _first_band(limit) <= b < len(seps) if seps else _overflows(line, header)
            if ends or _ends_table(line, header, bordered=bool(seps)):
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
                col = _column(c, header)
                start = _row_start(c, header)
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


def _first_band(limit: float) -> int:
    """Below the header the table starts at once, whether its bottom border was drawn or
    not; on a page it goes on to, at the first rule drawn across it."""
    return 0 if limit != float("inf") else 1


def _snap_columns(header: _Header, posts: Sequence[_Rule], y: float) -> None:
    """Column borders drawn across the table's first row replace the estimated boundaries:
    they hold when a cell's line comes in several pieces (a word at a time)."""
    xs = sorted({round(x, 1) for x, y0, y1 in posts if y0 - 1 <= y <= y1 + 1})
    for k in range(1, len(header.bounds)):
        between = [x for x in xs if header.lefts[k - 1] < x <= header.lefts[k] + 0.5]
        if between:
            header.bounds[k] = max(between) - 0.5


def _overflows(line: Sequence[_Chunk], header: _Header) -> bool:
    """Text far wider than the column it starts in, on a line with no row number: a
    paragraph after a table drawn without borders."""
    if any(_row_start(c, header) for c in line):
        return False
    for c in line:
        k = _column(c, header)
        if k + 2 < len(header.bounds) and c.x + 0.8 * c.width > header.bounds[k + 2]:
            return True  # it runs on over the whole next column
    return False


def _row_start(chunk: _Chunk, header: _Header) -> tuple[_Chunk, str, str] | None:
    """A number or Roman numeral in the STT column (and the title written on after it)."""
    if _column(chunk, header) != header.stt:
        return None
    if _ROW_MARKER.match(chunk.text):
        return chunk, chunk.text, ""
    m = _MARKED_TITLE.match(chunk.text)
    if m and "content" in header.fields:  # "II. NHIỆM VỤ ..." across the whole row
        return chunk, m.group(1), m.group(2)
    return None


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
        lines.append(SourceLine(number=i, text="\t".join(c.replace("\n", " ") for c in row), cells=row))
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
        rows = [[nfc(c).strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ImportFailure(f"Tệp CSV «{path.name}» sai định dạng (dấu ngoặc kép không đóng).") from exc
    return _rows_document(path.name, "csv", rows)


def _read_other(path: Path, data: bytes) -> SourceDocument:
    """.doc/.rtf converted to .docx by LibreOffice or Word; .odt and .html/.htm (`formats`)."""
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
        raise ImportFailure(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}.") from exc
    return _read_pdf(path, data, password) if reader is _read_pdf else reader(path, data)
