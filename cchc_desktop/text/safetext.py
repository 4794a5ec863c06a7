"""The one sanitiser of every text that reaches a document or a drawing: .docx, .xlsx, .ics,
the PDFs and the report's charts.

Whatever is in the database — typed, pasted, imported, or written by an older version, a
restored backup or another program — an export must not fail on it and must not turn it
into something else. `clean` is the single pass every such text takes: the line and
paragraph separators of every origin (CR LF, CR, NEL U+0085, U+2028, U+2029, vertical tab,
form feed and the information separators U+001C–U+001E, which Unicode counts as paragraph
separators and the text shaper of the chart pictures refuses) become one line feed; the
other C0 and C1 controls, DEL and the non-characters U+FFFE and U+FFFF are dropped (XML 1.0
forbids them, a PDF cannot print them); a lone surrogate (left by a command-line byte that
is not UTF-8) becomes U+FFFD; the text is NFC. `one_line` is the same for a label drawn on
one line (a chart's names). `xml_text` (.docx/.xlsx), `ics_text` and the PDF layout's
`printable` are this pass. In a spreadsheet, text that starts like a
formula (`=`, `+`, `-`, `@`) stays text: the cell is typed as a string and carries Excel's
"quote prefix", so neither opening nor editing the cell evaluates it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Anything `clean` changes: controls (C0 but tab and LF, DEL, C1), line and paragraph
# separators, the two non-characters and surrogates.
_SPECIAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Line and paragraph separators of every origin (Word's manual line break is the vertical tab).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\ufffe\uffff]")

XLSX_MAX_CHARS = 32_767  # the most one Excel cell holds; beyond it Excel calls the file damaged
XLSX_CUT_MARK = " […]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _join_surrogates(text: str) -> str:
    """Pairs of surrogates become the character they encode; a lone one becomes U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean(value: object) -> str:
    """`value` as text any document can carry (see the module's description): every line or
    paragraph separator a line feed, unprintable characters dropped, a lone surrogate U+FFFD
    (visible, so the officer sees where a byte was lost), NFC."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if _SPECIAL.search(text):
        if _SURROGATE.search(text):
            text = _join_surrogates(text)
        text = _BREAKS.sub("\n", text)
        text = _UNPRINTABLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def one_line(value: object) -> str:
    """`clean`, with line breaks and tabs as spaces: a label drawn on one line."""
    return re.sub("[\n\t]+", " ", clean(value))


def xml_text(value: object) -> str:
    """`value` as text that XML 1.0 can carry: `clean`."""
    return clean(value)


def ics_text(value: object) -> str:
    """Text for an iCalendar property: XML-safe, DEL dropped, every line break a plain LF
    (RFC 5545 allows no control character in TEXT but tab; icalendar escapes the LF)."""
    return clean(value)


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
