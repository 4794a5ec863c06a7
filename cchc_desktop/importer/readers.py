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
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFailure
from ..textnorm import nfc

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
    """UTF-8 (with or without BOM), else Windows-1258 (Vietnamese ANSI), else an error."""
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


def _read_pdf(path: Path, data: bytes) -> SourceDocument:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover
        raise ImportFailure("Thiếu thư viện đọc tệp PDF (pypdf).") from exc
    if not data.lstrip().startswith(b"%PDF"):
        raise ImportFailure(f"Tệp «{path.name}» không phải tệp PDF hợp lệ.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001
                raise ImportFailure(f"Tệp PDF «{path.name}» có mật khẩu; hãy mở và lưu lại không mật khẩu.") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFailure:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ImportFailure(f"Tệp PDF «{path.name}» bị hỏng, không đọc được.") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise ImportFailure(f"Tệp PDF «{path.name}» bị hỏng, không đọc được ({type(exc).__name__}).") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ImportFailure(
            f"Tệp PDF «{path.name}» không có lớp chữ (có thể là bản scan, ảnh chụp). "
            "Hãy dùng bản Word của văn bản, hoặc nhận dạng chữ (OCR) trước khi nhập."
        )
    return _check_has_text(SourceDocument(name=path.name, kind="pdf", lines=_text_lines(text)))


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
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_LINES:
                raise ImportFailure(f"Trang tính của «{path.name}» quá nhiều dòng (trên {MAX_LINES:,}).".replace(",", "."))
    finally:
        book.close()
    return _rows_document(path.name, "xlsx", rows)


def _read_csv(path: Path, data: bytes) -> SourceDocument:
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


_READERS: dict[str, Callable[[Path, bytes], SourceDocument]] = {
    ".docx": _read_docx,
    ".txt": _read_txt,
    ".md": _read_txt,
    ".text": _read_txt,
    ".pdf": _read_pdf,
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
    ".csv": _read_csv,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def read_document(path: Path | str) -> SourceDocument:
    """Read a file into the common form; ImportFailure (Vietnamese) for anything unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".doc", ".xls"):
        newer = "docx" if suffix == ".doc" else "xlsx"
        raise ImportFailure(f"Định dạng {suffix} cũ chưa đọc được; hãy mở tệp rồi «Lưu thành» .{newer}.")
    reader = _READERS.get(suffix)
    if reader is None:
        allowed = ", ".join(s for s in SUPPORTED_SUFFIXES if s not in (".md", ".text", ".xlsm"))
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
    return reader(path, data)
