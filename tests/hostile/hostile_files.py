"""Hostile files for the importer, built on the fly: zip bombs dressed as .docx/.xlsx, tables
just under the size limits but far over the row limit, a 200,000-line CSV, Notepad's
"Unicode" text. Shared by the tests (small inflated sizes) and `bench/bench_hostile_import.py`
(the 1 MB bombs that inflate to about a gigabyte)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CHUNK = 1024 * 1024


def _skeleton(kind: str) -> bytes:
    if kind == "docx":
        import docx

        buf = io.BytesIO()
        d = docx.Document()
        d.add_paragraph("KẾ HOẠCH")
        d.save(buf)
    else:
        import openpyxl

        buf = io.BytesIO()
        wb = openpyxl.Workbook()
        wb.active["A1"] = "STT"
        wb.save(buf)
    return buf.getvalue()


def _rebuild(path: Path, kind: str, part: str, head: bytes, unit: bytes, inflated: int, tail: bytes,
             extra: dict[str, bytes] | None = None) -> Path:
    """A real .docx/.xlsx whose `part` is `head`, then `unit` repeated to `inflated` bytes, then `tail`."""
    with zipfile.ZipFile(io.BytesIO(_skeleton(kind))) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename == part:
                continue
            out.writestr(info, src.read(info.filename))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
        with out.open(part, "w", force_zip64=True) as f:
            f.write(head)
            block = unit * max(1, CHUNK // len(unit))
            written = 0
            while written < inflated:
                f.write(block)
                written += len(block)
            f.write(tail)
    return path


W_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
W_TAIL = b"</w:body></w:document>"
W_PARA = "<w:p><w:r><w:t>Tuyên truyền cải cách hành chính</w:t></w:r></w:p>".encode()
W_ROW = ("<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Đăng tin</w:t></w:r></w:p></w:tc>"
         "<w:tc><w:p><w:r><w:t>Sở Nội vụ</w:t></w:r></w:p></w:tc></w:tr>").encode()


def docx_bomb(path: Path, inflated: int = 1024 * CHUNK) -> Path:
    """document.xml holding one paragraph of `inflated` letters (1 GB by default: a 1 MB file)."""
    return _rebuild(path, "docx", "word/document.xml", W_HEAD + b"<w:p><w:r><w:t>", b"a", inflated,
                    b"</w:t></w:r></w:p>" + W_TAIL)


def docx_long_table(path: Path, inflated: int = 15 * CHUNK) -> Path:
    """A table just under the XML size limit: some 60,000 rows, far over the row limit."""
    return _rebuild(path, "docx", "word/document.xml", W_HEAD + b"<w:tbl>", W_ROW, inflated, b"</w:tbl>" + W_TAIL)


X_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
X_TAIL = b"</sheetData></worksheet>"
X_ROW = ('<row><c t="inlineStr"><is><t>1</t></is></c><c t="inlineStr"><is><t>Đăng tin cải cách hành chính</t></is></c>'
         '<c t="inlineStr"><is><t>Sở Nội vụ</t></is></c></row>').encode()


def xlsx_bomb(path: Path, inflated: int = 300 * CHUNK) -> Path:
    """A sheet of `inflated` bytes of rows (300 MB, some 1.6 million rows, by default: a 1 MB file)."""
    return _rebuild(path, "xlsx", "xl/worksheets/sheet1.xml", X_HEAD, X_ROW, inflated, X_TAIL)


def xlsx_long_sheet(path: Path, inflated: int = 15 * CHUNK) -> Path:
    """A sheet just under the XML size limit: some 80,000 rows, far over the row limit."""
    return _rebuild(path, "xlsx", "xl/worksheets/sheet1.xml", X_HEAD, X_ROW, inflated, X_TAIL)


def xlsx_wide_sheet(path: Path, columns: int = 16_384, rows: int = 20) -> Path:
    """Rows as wide as Excel allows (16,384 cells each), the sheet under the XML size limit."""
    cells = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(columns))
    return _rebuild(path, "xlsx", "xl/worksheets/sheet1.xml", X_HEAD, b"<row>" + cells + b"</row>",
                    rows * (len(cells) + 11), X_TAIL)


def many_entries_zip(path: Path, kind: str = "docx", entries: int = 20_000) -> Path:
    extra = {f"customXml/extra{i}.xml": b"<a/>" for i in range(entries)}
    return _rebuild(path, kind, "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml",
                    W_HEAD if kind == "docx" else X_HEAD, W_PARA if kind == "docx" else X_ROW, 1,
                    W_TAIL if kind == "docx" else X_TAIL, extra)


def long_csv(path: Path, lines: int = 200_000) -> Path:
    """A CSV of `lines` short task rows (about 7 bytes each: under the 2 MB text limit)."""
    body = "".join(f"T{i % 100},A\n" for i in range(1, lines + 1))
    path.write_text("Nội dung,Cơ quan chủ trì\n" + body, encoding="utf-8")
    return path


def utf16_text(path: Path, text: str, *, big_endian: bool = False) -> Path:
    """Text as Notepad saves it as "Unicode" (UTF-16 LE with its byte-order mark), or BE."""
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-16-be" if big_endian else "utf-16-le"))
    return path


def docx_rows(path: Path, rows: int) -> Path:
    """A Word table of `rows` three-cell rows."""
    return _exact(path, W_HEAD + b"<w:tbl>" + W_ROW * rows + b"</w:tbl>" + W_TAIL)


def docx_paragraphs(path: Path, count: int) -> Path:
    """A Word body of `count` one-line paragraphs."""
    return _exact(path, W_HEAD + W_PARA * count + W_TAIL)


def _exact(path: Path, body: bytes) -> Path:
    with zipfile.ZipFile(io.BytesIO(_skeleton("docx"))) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, body if info.filename == "word/document.xml" else src.read(info.filename))
    return path
