"""Tables on the clipboard: task rows copied out to Word/Excel and pasted in from them.

Copy produces both tab-separated text (Excel) and an HTML table (Word). Paste reads
an HTML table when there is one (Word, Excel and LibreOffice all offer it), otherwise
tab-separated text with Excel's quoting; a column mapping is guessed from a header row
or from the usual appendix column order, and the officer confirms it in a preview.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cchc_desktop.store.domain import Task
from cchc_desktop.text.textnorm import fold
from cchc_desktop.text.vnformat import from_roman

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

# Fields a pasted column can map to, with the Vietnamese column names they are recognised by.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "skip": ("(Bỏ qua)", ()),
    "stt": ("STT", ("stt", "tt", "so tt", "so thu tu")),
    "content": ("Nội dung", ("noi dung", "nhiem vu", "ten nhiem vu", "noi dung cong viec", "noi dung nhiem vu")),
    "lead": ("Cơ quan chủ trì", ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien", "don vi thuc hien")),
    "partners": ("Cơ quan phối hợp", ("co quan phoi hop", "don vi phoi hop", "phoi hop")),
    "time_frame": ("Thời gian thực hiện", ("thoi gian thuc hien", "thoi gian", "thoi han", "thoi gian hoan thanh", "tien do")),
    "output": ("Sản phẩm / chỉ tiêu", ("san pham", "chi tieu", "ket qua", "san pham/chi tieu", "san pham du kien")),
    "funding": ("Kinh phí", ("kinh phi", "nguon kinh phi")),
    "notes": ("Ghi chú", ("ghi chu",)),
}
DEFAULT_ORDER = ("stt", "content", "lead", "partners", "time_frame", "output", "funding", "notes")
MAX_PASTE_ROWS = 5_000
MAX_PASTE_CHARS = 5_000_000


def parse_html_table(markup: str) -> list[list[str]]:
    """Rows of the first table in an HTML fragment (Word/Excel clipboard)."""
    from cchc_desktop.documents.html_table import first_table  # Python's HTML parser, loaded for a paste

    return first_table(markup)


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of tab-separated text, honouring Excel's quotes around multi-line cells."""
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t", quotechar='"')
    return [[cell.strip() for cell in row] for row in reader if any(cell.strip() for cell in row)]


def parse_clipboard(text: str = "", markup: str = "") -> list[list[str]]:
    if len(text) > MAX_PASTE_CHARS or len(markup) > MAX_PASTE_CHARS * 4:
        return []
    rows = parse_html_table(markup) if markup and "<table" in markup.lower() else []
    if not rows and text:
        rows = parse_tsv(text)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows[:MAX_PASTE_ROWS]]


_HEADER_KEYS = tuple(k for _, keys in FIELDS.values() for k in keys if k)


def field_of_header(cell: str) -> str | None:
    key = fold(cell).strip(" .:")
    if not key.startswith(_HEADER_KEYS):
        return None  # neither a header's words nor their beginning (most cells of a table)
    for name, (_, keys) in FIELDS.items():
        if key in keys:
            return name
    for name, (_, keys) in FIELDS.items():
        if any(k and key.startswith(k) for k in keys):
            return name
    return None


def targets_as_content(fields: list[str | None]) -> list[str | None]:
    """A table of targets assigned to their leads ("TT | Chỉ tiêu | Chủ trì": PHÂN CÔNG THỰC HIỆN CÁC
    CHỈ TIÊU of Bắc Ninh 144/KH-UBND, corpus ad5aff6c13929815) has no task column: its one target
    ("Chỉ tiêu", read as `output`) is what the lead is to do, the task's content."""
    if "content" not in fields and "lead" in fields and fields.count("output") == 1 and "stt" in fields:
        return ["content" if f == "output" else f for f in fields]
    return fields


def guess_mapping(rows: Sequence[Sequence[str]]) -> tuple[list[str], bool]:
    """A field per column and whether the first row is a header row."""
    if not rows:
        return [], False
    first = rows[0]
    header_fields = [field_of_header(c) for c in first]
    if sum(1 for f in header_fields if f) >= 2:
        return [f or "skip" for f in header_fields], True
    width = len(first)
    looks_numbered = all(_is_number_cell(r[0]) for r in rows if r and r[0].strip()) and width >= 2
    order = DEFAULT_ORDER if looks_numbered else DEFAULT_ORDER[1:]
    return [order[i] if i < len(order) else "skip" for i in range(width)], False


def _is_number_cell(cell: str) -> bool:
    c = cell.strip().rstrip(".")
    return c.isdigit() or from_roman(c) is not None or not c


@dataclass
class PastedRow:
    """One pasted row as it will be stored: a task, or a group heading ("II  Sở Nội vụ")."""

    kind: str  # "task" or "group"
    values: dict[str, str] = field(default_factory=dict)
    source_row: int = 0


def rows_to_items(rows: Sequence[Sequence[str]], mapping: Sequence[str], header: bool) -> list[PastedRow]:
    """Apply the mapping; Roman-numbered rows with no agencies become groups, blank rows are skipped."""
    out: list[PastedRow] = []
    for n, row in enumerate(rows):
        if header and n == 0:
            continue
        values: dict[str, str] = {}
        for cell, name in zip(row, mapping, strict=False):
            if name != "skip" and cell.strip():
                values[name] = (values[name] + "\n" + cell.strip()) if name in values else cell.strip()
        if not any(v for k, v in values.items() if k != "stt"):
            continue
        stt = values.get("stt", "").strip().rstrip(".")
        if stt and from_roman(stt) is not None and not values.get("lead") and not values.get("time_frame"):
            out.append(PastedRow(kind="group", values={"title": values.get("content", "")}, source_row=n))
        else:
            out.append(PastedRow(kind="task", values=values, source_row=n))
    return out


def save_pasted(store: Store, plan_id: int, appendix_id: int, group_id: int | None,
                items: Sequence[PastedRow]) -> list[int]:
    """Store pasted rows in one transaction: the tasks go at the end of the group `group_id`
    (None: the appendix's tasks in no group) until a heading row, which adds a group to the
    appendix for the tasks after it; agency names are linked where the registry knows them.
    Returns the new tasks' ids, in order."""
    ids: list[int] = []
    batch: list[Task] = []
    current = group_id
    with store.db.atomic():
        for item in items:
            if item.kind == "group":
                ids += store.tasks.create_many(batch) if batch else []
                batch = []
                current = store.tasks.add_group(appendix_id, item.values.get("title", "")).id
                continue
            v = item.values
            batch.append(Task(
                plan_id=plan_id, appendix_id=appendix_id, group_id=current, content=v.get("content", ""),
                lead=store.agencies.resolve(v.get("lead", "")), partners=store.agencies.resolve(v.get("partners", "")),
                time_frame=v.get("time_frame", ""), output=v.get("output", ""), funding=v.get("funding", ""),
                notes=v.get("notes", ""),
            ))
        ids += store.tasks.create_many(batch) if batch else []
    return ids


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated text that Excel reads back cell for cell (quotes around multi-line cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def to_html(header: Sequence[str], rows: Sequence[Sequence[str]], bold_rows: Sequence[int] = ()) -> str:
    """An HTML table that Word pastes as a real table (Times New Roman, borders, header row)."""
    from html import escape

    style = "border:1px solid black;padding:2pt 4pt;vertical-align:top;font-family:'Times New Roman';font-size:12pt"

    def cell(text: str, tag: str = "td", bold: bool = False) -> str:
        body = "<br>".join(escape(line) for line in text.split("\n"))
        if bold:
            body = f"<b>{body}</b>"
        return f"<{tag} style=\"{style}\">{body}</{tag}>"

    parts = ['<table style="border-collapse:collapse">', "<tr>" + "".join(cell(h, "th", True) for h in header) + "</tr>"]
    bold = set(bold_rows)
    for i, row in enumerate(rows):
        parts.append("<tr>" + "".join(cell(c, bold=i in bold) for c in row) + "</tr>")
    parts.append("</table>")
    return "<html><body>" + "".join(parts) + "</body></html>"
