"""The one form every received document is read into, the only input of the recogniser: a
`SourceDocument` is a list of `SourceLine`, the text of a paragraph or a text line, or one row
of a real table (its cells), each with the line number the officer can find it at (text line,
paragraph/row counter of a Word file, row of a sheet). The readers of each format make it
(`readers`, `pdf_lines`), with the limits every document is held to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import limits
from cchc_desktop.text.textnorm import nfc

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a plan is 20-200 KB of text; ten times that is not a plan
MAX_LINES = 100_000


@dataclass
class SourceLine:
    """One line of a document as read: a text line, a Word paragraph or table row, a sheet row."""
    number: int  # 1-based: text line, paragraph/table-row counter (Word), row (sheet)
    text: str  # the line as read (cells joined by tabs for a table row)
    cells: list[str] | None = None  # a real table row (Word, Excel, CSV)


@dataclass
class SourceDocument:
    """A document reduced to numbered lines, whatever its format, for the readers of plans."""
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


def text_lines(text: str) -> list[SourceLine]:
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_LINES:
        raise ImportFailure(f"Văn bản quá dài ({len(lines):,} dòng); một kế hoạch thường dưới {MAX_LINES:,} dòng.".replace(",", "."))
    return [SourceLine(number=i, text=line) for i, line in enumerate(lines, start=1)]


def check_has_text(doc: SourceDocument) -> SourceDocument:
    limits.check_table_rows(doc.lines, doc.name)
    if not any(line.text.strip() for line in doc.lines):
        raise ImportFailure(f"Tệp «{doc.name}» không có nội dung chữ nào để nhập.")
    if sum(len(line.text) for line in doc.lines) > MAX_TEXT_BYTES:
        raise ImportFailure(f"Văn bản «{doc.name}» quá dài (trên {MAX_TEXT_BYTES // 1024 // 1024} triệu ký tự); một kế hoạch thường dưới 200 nghìn ký tự.")
    return doc
