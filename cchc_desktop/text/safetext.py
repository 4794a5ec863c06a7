"""Text bound for the XML-based formats the officer receives (.docx, .xlsx) and for .ics.

Whatever is in the database — typed, pasted, imported, or written by an older version — an
export must not fail on it and must not turn it into something else. XML 1.0 forbids the
C0 controls other than tab and line breaks, the non-characters U+FFFE and U+FFFF and any
lone surrogate (left by a command-line byte that is not UTF-8), so every text is passed
through `xml_text` on its way into such a file. In a spreadsheet, text that starts like a
formula (`=`, `+`, `-`, `@`) stays text: the cell is typed as a string and carries Excel's
"quote prefix", so neither opening nor editing the cell evaluates it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Characters XML 1.0 does not allow (tab, LF and CR are allowed).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAGE_BREAKS = re.compile("[\x0b\x0c]")  # Word's manual line break and the form feed

XLSX_MAX_CHARS = 32_767  # the most one Excel cell holds; beyond it Excel calls the file damaged
XLSX_CUT_MARK = " […]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _join_surrogates(text: str) -> str:
    """Pairs of surrogates become the character they encode; a lone one becomes U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def xml_text(value: object) -> str:
    """`value` as text that XML 1.0 can carry, NFC-normalised.

    Vertical tab and form feed (Word's line and page breaks in pasted text) become line
    breaks, a lone surrogate becomes U+FFFD (visible, so the officer sees where a byte was
    lost), the other forbidden characters are dropped.
    """
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if _FORBIDDEN.search(text):
        if _SURROGATE.search(text):
            text = _join_surrogates(text)
        text = _PAGE_BREAKS.sub("\n", text)
        text = _FORBIDDEN.sub("", text)
    return unicodedata.normalize("NFC", text)


def ics_text(value: object) -> str:
    """Text for an iCalendar property: XML-safe, DEL dropped, every line break a plain LF
    (RFC 5545 allows no control character in TEXT but tab; icalendar escapes the LF)."""
    return xml_text(value).replace("\x7f", "").replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- Excel


def cell_text(value: object) -> str:
    """Text for one Excel cell: XML-safe and no longer than Excel allows."""
    text = xml_text(value)
    if len(text) > XLSX_MAX_CHARS:
        text = text[: XLSX_MAX_CHARS - len(XLSX_CUT_MARK)] + XLSX_CUT_MARK
    return text


def set_cell(cell: Any, value: object) -> Any:
    """Put `value` into an openpyxl cell: numbers and dates as they are, text always as text."""
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel keeps it text when the officer edits the cell
    else:
        cell.value = value
    return cell


def put(ws: Any, row: int, column: int, value: object) -> Any:
    """`ws.cell(row, column, value)` with `value` written through `set_cell`."""
    return set_cell(ws.cell(row=row, column=column), value)


def append_row(ws: Any, values: Iterable[object]) -> None:
    """`ws.append(values)` with every text written through `set_cell`."""
    values = list(values)
    ws.append([cell_text(v) if isinstance(v, str) else v for v in values])
    row = ws._current_row  # the row append() just wrote (openpyxl keeps no public handle)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            set_cell(ws.cell(row=row, column=column), value)


def hyperlink_target(link: str) -> str:
    """A link for a cell's hyperlink relationship (an XML attribute)."""
    return xml_text(link).replace("\n", "").replace("\r", "").replace("\t", "")
