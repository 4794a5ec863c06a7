"""Readers that turn a received document (.docx, .txt, .pdf, .xlsx, .csv or pasted text)
into one line-numbered form, the only input of the recogniser.

The form is `source.SourceDocument` (a list of `SourceLine`, re-exported here); a PDF is
read by `pdf_lines`, loaded when one is. Adding a format means adding a reader here; the
recogniser never changes for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.errors import ImportFailure, os_error_text
from cchc_desktop.importer import limits
from cchc_desktop.importer.source import (
    MAX_LINES,
    MAX_TEXT_BYTES,
    SourceDocument,
    SourceLine,
    check_has_text,
    text_lines,
)
from cchc_desktop.text.textnorm import nfc

MAX_FILE_BYTES = 50 * 1024 * 1024  # Word/PDF/Excel files carry pictures, allow more


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
    return check_has_text(SourceDocument(name=name, kind="text", lines=text_lines(text)))


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
    return check_has_text(SourceDocument(name=path.name, kind="docx", lines=lines))

def _read_pdf(path: Path, data: bytes, password: str | None = None) -> SourceDocument:
    # the PDF layout machinery is loaded to read a PDF, never to read a sheet or a text
    from cchc_desktop.importer.pdf_lines import read_pdf

    return read_pdf(path, data, password)


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
    return check_has_text(SourceDocument(name=name, kind=kind, lines=lines))


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
    return check_has_text(SourceDocument(name=path.name, kind="odt" if suffix == ".odt" else "html", lines=lines))


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
