"""What the importer accepts before it parses anything, so that a hostile or broken file is
refused quickly, with little memory and a Vietnamese message.

- .docx/.xlsx are zip files: their entries are counted and their uncompressed sizes added up
  from the zip directory before any part is inflated. A "zip bomb" (1 MB that inflates to
  gigabytes) is refused without inflating it. The directory may lie (a part declared as
  1,000 bytes that inflates to a gigabyte: `ZipFile.read` would inflate all of it before
  cutting it to the declared size), so every part is then read through a stream that stops
  at the limit (`system/archives.py`), and the readers (python-docx, openpyxl) are handed
  the archive rebuilt from what was read, whose directory tells the truth.
- Tables (Word, Excel, CSV) may hold at most `MAX_TABLE_ROWS` rows with text, and Excel
  rows are read to `MAX_COLUMNS` columns; a plan has tens to a few hundred tasks.
- A saved plan may hold at most `MAX_TASKS` tasks.
- Plain text saved by Notepad as "Unicode" (UTF-16 with a byte-order mark) is read.

The text of a document is further capped by the readers (`MAX_TEXT_BYTES`, `MAX_LINES`).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from cchc_desktop.errors import ImportFailure
from cchc_desktop.system import archives

MAX_ZIP_ENTRIES = 1_000  # a Word file has 10-40 parts, more with pictures
MAX_ZIP_TOTAL_BYTES = 120 * 1024 * 1024  # everything inflated, pictures included
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # one XML part (a 100-page plan's document.xml is 1-3 MB)
MAX_TABLE_ROWS = 5_000
MAX_COLUMNS = 64
MAX_TASKS = 5_000
MAX_WORD_PARAGRAPHS = 50_000  # a 200-page plan has about 5,000
_WORD_ROW = re.compile(rb"<w:tr[\s>]")
_WORD_PARAGRAPH = re.compile(rb"<w:p[\s>]")

_KIND_NAMES = {"docx": "Word .docx", "xlsx": "Excel .xlsx", "odt": "OpenDocument .odt"}


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def check_zip(data: bytes, name: str, kind: str) -> bytes:
    """Refuse a .docx/.xlsx whose parts are too many or inflate too much, by its directory and
    then again while every part is inflated through a stream that stops at the limit whatever
    the directory says; returns the archive rebuilt with a directory that tells the truth (the
    only form the reader libraries get). A file that is not a zip at all is returned as it is
    and left to the reader, which says so in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return data
    label = _KIND_NAMES.get(kind, kind)
    advice = "Tệp có thể bị hỏng hoặc được tạo để phá chương trình; hãy mở bằng Word/Excel và lưu lại."
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ImportFailure(f"Tệp {label} «{name}» có {_n(len(infos))} thành phần (giới hạn {_n(MAX_ZIP_ENTRIES)}). {advice}")
    total = sum(max(info.file_size, 0) for info in infos)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ImportFailure(f"Tệp {label} «{name}» khi giải nén lớn tới {_mb(total)} (giới hạn {_mb(MAX_ZIP_TOTAL_BYTES)}). {advice}")
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
            raise ImportFailure(
                f"Tệp {label} «{name}» có phần «{info.filename}» khi giải nén lớn tới {_mb(info.file_size)} "
                f"(giới hạn {_mb(MAX_XML_PART_BYTES)}). {advice}"
            )
    try:
        data = archives.rebuilt(data, part_limit=_part_limit, total_limit=MAX_ZIP_TOTAL_BYTES)
    except archives.ArchiveRefused as exc:
        raise ImportFailure(f"Tệp {label} «{name}» không đọc được: {exc.reason}. {advice}") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFailure(f"Tệp {label} «{name}» bị hỏng ({exc}). {advice}") from exc
    if kind == "docx":
        _count_word_elements(data, name)
    return data


def _part_limit(info: zipfile.ZipInfo) -> int:
    """The most one part may inflate to: an XML part its limit, a picture the whole allowance."""
    return MAX_XML_PART_BYTES if info.filename.lower().endswith((".xml", ".rels")) else MAX_ZIP_TOTAL_BYTES


def _count_word_elements(data: bytes, name: str) -> None:
    """Count the table rows and paragraphs of the Word body before building its object tree
    (which costs some 20 bytes of memory per byte of XML and minutes for 100,000 rows)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")  # a rebuilt archive: its size is the true one
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # the reader reports the damage
    rows = len(_WORD_ROW.findall(body))
    if rows > 2 * MAX_TABLE_ROWS:  # empty rows count here, so allow for some
        _too_many_rows(rows, name)
    paragraphs = len(_WORD_PARAGRAPH.findall(body))
    if paragraphs > MAX_WORD_PARAGRAPHS:
        raise ImportFailure(
            f"Tệp Word «{name}» có {_n(paragraphs)} đoạn văn (giới hạn {_n(MAX_WORD_PARAGRAPHS)}; một kế hoạch 200 trang "
            "có khoảng 5.000). Hãy kiểm tra lại tệp hoặc tách thành nhiều tệp."
        )


def _too_many_rows(count: int, name: str) -> None:
    raise ImportFailure(
        f"Bảng trong «{name}» có {_n(count)} dòng; chương trình nhận tối đa {_n(MAX_TABLE_ROWS)} dòng "
        "(một kế hoạch thường có vài chục đến vài trăm nhiệm vụ). Hãy tách tệp hoặc bỏ các dòng không phải nhiệm vụ."
    )


def _has_text(row: Any) -> bool:
    cells = getattr(row, "cells", None)
    if cells is not None:
        return any(str(c).strip() for c in cells)
    if isinstance(row, (list, tuple)):
        return any(str(c).strip() for c in row)
    return bool(str(getattr(row, "text", row)).strip())


def check_table_rows(rows: Sequence[Any], name: str) -> None:
    """Refuse a table of more than MAX_TABLE_ROWS rows with text (rows as lists of cells, or
    `SourceLine`s, of which only the table rows count)."""
    if len(rows) <= MAX_TABLE_ROWS:
        return
    count = sum(1 for row in rows if (not hasattr(row, "number") or getattr(row, "cells", None) is not None)
                and _has_text(row))
    if count > MAX_TABLE_ROWS:
        _too_many_rows(count, name)


def check_rows_so_far(rows: Sequence[Sequence[str]], name: str) -> None:
    """While a sheet is being read: stop at the first thousand rows past the limit."""
    if len(rows) > MAX_TABLE_ROWS and len(rows) % 1_000 == 0:
        check_table_rows(rows, name)


def check_text_rows(data: bytes, name: str) -> None:
    """Before a CSV is parsed: far more lines than a table may have rows (cells may span
    lines, so the rows themselves are counted again after parsing)."""
    lines = data.count(b"\n") + 1 - data.endswith(b"\n")
    if lines > 4 * MAX_TABLE_ROWS:
        _too_many_rows(lines, name)


def check_task_count(count: int) -> None:
    """Refuse to save more than MAX_TASKS tasks from one document."""
    if count > MAX_TASKS:
        raise ImportFailure(
            f"Văn bản cho {_n(count)} nhiệm vụ; một lần nhập nhận tối đa {_n(MAX_TASKS)} nhiệm vụ. "
            "Hãy kiểm tra lại tệp (có thể không phải kế hoạch) hoặc tách thành nhiều lần nhập."
        )


def decode_utf16(data: bytes) -> str | None:
    """Text saved as UTF-16 with a byte-order mark (Notepad's "Unicode", Excel's "Unicode
    Text"), else None. A file that starts with the mark but is not UTF-16 is an error."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise ImportFailure("Tệp văn bản đánh dấu là UTF-16 (Unicode) nhưng nội dung bị hỏng; "
                                    "hãy mở bằng Notepad và lưu lại với bảng mã UTF-8.") from None
    return None
