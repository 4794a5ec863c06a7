"""Task tables: where a table of tasks stands among the lines (header row, STT column, merged
sub-rows, tables cut by a page), which column is which field, and the draft tasks of its rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cchc_desktop.documents.tabular import FIELDS, field_of_header, guess_mapping, targets_as_content
from cchc_desktop.importer.lines import _AUTHORITY, _roman_head, plain, plain_cell
from cchc_desktop.importer.model import DraftTask, Fragment
from cchc_desktop.importer.prose import field_of_label, marker, subject_of
from cchc_desktop.importer.readers import SourceDocument, SourceLine
from cchc_desktop.scheduling.timeframe import parse_time_frame
from cchc_desktop.text.textnorm import fold, fold_initial, one_line
from cchc_desktop.text.vnformat import from_roman


@dataclass
class _Row:
    """The cells of one table row and the line it came from."""
    cells: list[str]
    line: int


@dataclass
class _Table:
    """A task table found in a document: the field of each column and the rows under its header."""
    columns: list[str]  # field per column
    start: int  # index in doc.lines of the header
    end: int  # index after the last line used
    rows: list[_Row] = field(default_factory=list)
    one_cell: bool = False
    consumed: set[int] = field(default_factory=set)  # line numbers used
    titles: list[str] = field(default_factory=list)  # header cells, to name unmapped columns
    keep_unmapped: bool = True  # False when the officer maps the columns (spreadsheets)
    headers_out: bool = False  # the header rows repeated inside were left out of `rows` already


_STT_KEYS = ("sstt", "stt.", "tt", "so tt")
# the letters a header's words begin with: a cell that begins otherwise is no header (most lines)
_HEADER_INITIALS = frozenset(k[0] for _, keys in FIELDS.values() for k in (*keys, *_STT_KEYS) if k)


@lru_cache(maxsize=1 << 14)
def _header_field(cell: str) -> str | None:
    # a stray bracket of the "(Kèm theo ...)" line above a PDF header is not part of the title
    text = plain(cell).strip(" .:()")
    if fold_initial(text, ".:") not in _HEADER_INITIALS:
        return None
    key = fold(text)
    if key in _STT_KEYS:
        return "stt"
    return field_of_header(text)


_STATUS = re.compile(r"^(?:da|dang|chua)\s+(?:hoan thanh|thuc hien|trien khai)(?:\s+qua han)?\.?$")
_HEADER_CELL = 200  # characters: a column title, even with a stray line beside it, is shorter

# A column naming each task ("Tên dự án, nhiệm vụ", "Tên nhiệm vụ", "Tên đề án"): the task is its
# name; a further content column ("Nội dung chính") describes it and is kept in the notes.
_NAME_COLUMN = re.compile(r"^ten (?:du an|de an|nhiem vu|chuong trinh|hoat dong|cong viec)\b")
# the fields a header names beside its content, and the letters their titles begin with
_BESIDE_CONTENT = ("lead", "partners", "time_frame")
_BESIDE_CONTENT_INITIALS = frozenset(k[0] for f in _BESIDE_CONTENT for k in FIELDS[f][1])


def _header_columns(cells: Sequence[str]) -> list[str] | None:
    filled = [c.strip() for c in cells if c.strip()]
    if filled and (_marker(filled[0]) == "task" or any(len(c) > _HEADER_CELL for c in filled)):
        # a task's row whose cells start like titles ("11 | Phối hợp các bộ, ngành ... | Bộ Công an |
        # Nhiệm vụ thường xuyên" in 624/TB-VPCP, 74e2ddc7b11340da): a header has no number, no long cell
        return None
    if not any(_header_field(c) in _BESIDE_CONTENT for c in cells
               if c.strip() and fold_initial(plain(c).strip(" .:()"), ".:") in _BESIDE_CONTENT_INITIALS):
        return None  # a header names the lead, partners or time beside the content (most rows: no cell does)
    names = [bool(c.strip()) and bool(_NAME_COLUMN.match(fold(plain(c)).strip())) for c in cells]
    fields = [("content" if named else _header_field(c) if c.strip() else None) for c, named in zip(cells, names, strict=True)]
    if any(names):
        fields = [None if f == "content" and not named else f for f, named in zip(fields, names, strict=True)]
    times = [k for k, f in enumerate(fields) if f == "time_frame"]
    if len(times) > 1:
        # "Thời hạn" beside "Tiến độ" ("Đã hoàn thành", "Đang thực hiện": 624/TB-VPCP, 74e2ddc7b11340da's
        # Phụ lục II): the deadline is the time; the progress is kept in the notes
        keep = next((k for k in times if not fold(plain(cells[k])).startswith("tien do")), times[0])
        fields = [None if k in times and k != keep else f for k, f in enumerate(fields)]
    output = [k for k, f in enumerate(fields) if f == "output"]
    if len(output) == 1 and fold(plain(cells[output[0]])).startswith("chi tieu"):
        # targets read as tasks: a "Chỉ tiêu" column; a column of results ("Kết quả thực hiện") is not one
        fields = targets_as_content(fields)
    main = {f for f in fields if f in ("content", "lead", "partners", "time_frame")}
    if len(main) >= 2 and "content" in main:
        return [f or "skip" for f in fields]
    return None


def _cells_of(line: SourceLine) -> list[str] | None:
    if line.cells is not None:
        return [plain_cell(c) if "\n" not in c else "\n".join(plain(p) for p in c.split("\n")) for c in line.cells]
    if "\t" in line.text:
        return [plain(c) for c in line.text.split("\t")]
    return None


def _single_cell(line: SourceLine) -> tuple[str, bool] | None:
    """The one non-empty cell of a line and whether it was indented (a one-cell-per-line table)."""
    cells = _cells_of(line)
    if cells is None:
        text = plain(line.text)
        return (text, False) if text else None
    filled = [c for c in cells if c]
    if len(filled) != 1:
        return None
    return filled[0], line.text[:1] in ("\t", " ")


_MARKER = re.compile(r"^(?P<num>\d{1,3}|[IVXL]{1,6}|[a-zđ]|[A-Z])\s*[.)]?$")


def _marker(cell: str) -> str | None:
    """"task" for "1." / "a)", "group" for "II", None for anything else."""
    m = _MARKER.match(cell.strip())
    if not m:
        return None
    num = m.group("num")
    if num.isdigit():
        return "task"
    if from_roman(num) and num.isupper():
        return "group"
    if len(num) == 1 and num.islower() and cell.strip().endswith(")"):
        return "task"
    if len(num) == 1 and num.isupper() and num not in "IVXL" and cell.strip().endswith("."):
        # "A.", "B." ... over a part of the table named in capitals ("A. | BỘ NÔNG NGHIỆP VÀ MÔI
        # TRƯỜNG": 2530/QĐ-TTg, 646f0a00d4174382): a group row, never a task
        return "group"
    return None


def _next_number(stt: str, last: int) -> int | None:
    """The number in an STT cell of four digits or more when it goes on from the last task's
    (`_marker` reads up to three digits as a task's number: a longer one alone is a year or a
    code more often than a number; after 999 it is the table's 1000th task). A few numbers may
    be skipped: a row between them misnumbered ("2025" for 1002) does not stop the count."""
    digits = stt.rstrip(".)").strip()
    if last >= 999 and digits.isdecimal() and last < int(digits) <= last + _NUMBERS_SKIPPED:
        return int(digits)
    return None


_NUMBERS_SKIPPED = 5


def _find_tables(lines: Sequence[SourceLine]) -> list[_Table]:
    tables: list[_Table] = []
    i = 0
    n = len(lines)
    while i < n:
        cells = _cells_of(lines[i])
        columns = _header_columns(cells) if cells else None
        if columns is not None and sum(1 for c in cells or [] if c) >= 2:
            table = _Table(columns=columns, start=i, end=i + 1, titles=list(cells or []), headers_out=True)
            table.consumed.add(lines[i].number)
            j = i + 1
            sub = next((k for k in range(i + 1, min(n, i + 4)) if lines[k].text.strip()), None)
            sub_cells = _cells_of(lines[sub]) if sub is not None else None
            if sub is not None and sub_cells and _is_sub_header(sub_cells):
                # a two-row header: "Cơ quan thực hiện" above "Chủ trì | Phối hợp"
                for k, cell in enumerate(sub_cells):
                    f = _header_field(cell) if cell.strip() else None
                    if f is not None:
                        while len(table.columns) <= k:
                            table.columns.append("skip")
                            table.titles.append("")
                        table.columns[k] = f
                        table.titles[k] = cell
                table.consumed.add(lines[sub].number)
                j = sub + 1
            while j < n:
                line = lines[j]
                row = _cells_of(line)
                if not line.text.strip():
                    j += 1
                    continue
                if row is None or sum(1 for c in row if c) == 0:
                    break
                other = _header_columns(row)
                if other is not None and table.rows and _trimmed(other) != _trimmed(table.columns):
                    break  # another table's header (two tables joined)
                if other is None:  # the same header again is a repeat (after a page break): no row
                    table.rows.append(_Row(cells=row, line=line.number))
                table.consumed.add(line.number)
                table.end = j + 1
                j += 1
            tables.append(table)
            i = table.end
            continue
        # one cell per line: a run of header words (STT, Nội dung, Cơ quan chủ trì ...)
        run: list[str] = []
        indented = False
        j = i
        while j < n:
            single = _single_cell(lines[j])
            if single is None:
                break
            f = _header_field(single[0])
            if f is None or len(single[0]) > 40:
                break
            run.append(f)
            indented = indented or single[1]
            j += 1
        if len(run) >= 3 and "stt" in run and "content" in run:
            table = _Table(columns=run, start=i, end=j, one_cell=True)
            table.consumed.update(lines[k].number for k in range(i, j))
            k = j
            while k < n:
                line = lines[k]
                if not line.text.strip():
                    k += 1
                    continue
                single = _single_cell(line)
                if single is None or (indented and not single[1]) or _ends_table(single[0]):
                    break
                if _header_columns([single[0]]) is None and _header_field(single[0]) == "stt" and table.rows:
                    # the header repeated after a page break: skip it with its run
                    m = k
                    while m < n and (s := _single_cell(lines[m])) is not None and _header_field(s[0]) is not None:
                        table.consumed.add(lines[m].number)
                        m += 1
                    k = m
                    continue
                table.rows.append(_Row(cells=[single[0]], line=line.number))
                table.consumed.add(line.number)
                table.end = k + 1
                k += 1
            tables.append(table)
            i = max(table.end, j)
            continue
        # A run of header words that is no table: no line inside it starts one either (each is
        # a single cell, and a shorter run holds fewer fields), so go on after it. Looking
        # again from each of its lines made the reading quadratic in the run's length.
        i = max(i + 1, j)
    return tables


def _header_inside(cells: Sequence[str]) -> int | None:
    """Where a table's header row starts among a row's cells, after cells of the row's own: the
    last row of one appendix table and the next table's header ("STT | Tên dự án, nhiệm vụ | ...
    | Cơ quan chủ trì | ..."), with its "PHỤ LỤC II" title between them, as one row, when the
    paragraph between two tables is lost (a page copied from a library, two Word tables joined):
    2530/QĐ-TTg (646f0a00d4174382) and 624/TB-VPCP (74e2ddc7b11340da)."""
    for k in range(1, len(cells) - 2):
        if len(cells[k]) > 12 or _header_field(cells[k]) != "stt" or not any(c.strip() for c in cells[:k]):
            continue
        if _header_columns(cells[k:]) is not None and _header_columns(cells[:k]) is None:
            return k
    return None


def _is_title_cell(cell: str) -> bool:
    first = plain(cell.strip().split("\n")[0])
    return fold(first).startswith("phu luc") or (len(first) > 3 and first == first.upper() and bool(re.search(r"[^\W\d_]", first)))


def headers_out_of_rows(doc: SourceDocument) -> SourceDocument:
    """The document with each header row found inside a row (`_header_inside`) made a row of its
    own, the title cells before it made lines of text (an appendix title) and the row's own cells
    left a row of the table above."""
    lines: list[SourceLine] = []
    changed = False
    for line in doc.lines:
        k = _header_inside(line.cells) if line.cells is not None else None
        if k is None:
            lines.append(line)
            continue
        changed = True
        cells = line.cells or []
        own = list(cells[:k])
        titles: list[str] = []
        while own and (not own[-1].strip() or _is_title_cell(own[-1])):
            if own[-1].strip():
                titles.insert(0, own[-1])
            own.pop()
        if own:
            lines.append(SourceLine(number=line.number, text="\t".join(own), cells=own))
        lines += [SourceLine(number=line.number, text=p.strip()) for t in titles for p in t.split("\n") if p.strip()]
        header = list(cells[k:])
        lines.append(SourceLine(number=line.number, text="\t".join(header), cells=header))
    return SourceDocument(name=doc.name, kind=doc.kind, lines=lines) if changed else doc


def _trimmed(columns: Sequence[str]) -> list[str]:
    out = list(columns)
    while out and out[-1] == "skip":
        out.pop()
    return out


def _is_sub_header(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and _marker(filled[0]) is None and all(_header_field(c) is not None and len(c) < 40 for c in filled)


def _ends_table(text: str) -> bool:
    """A footnote, a new appendix or heading, the recipients or a signature: the table is over."""
    key = fold(text)
    return bool(
        re.match(r"^\[\d+\]", text) or re.match(r"^phu luc(\s+[ivxl0-9]+)?\s*$", key) or _roman_head(text)
        or key.startswith("noi nhan") or (_AUTHORITY.match(text) and text == text.upper())
    )


def _spreadsheet_table(lines: Sequence[SourceLine], columns: Sequence[str] | None,
                       fragments: list[Fragment]) -> tuple[_Table, list[str]] | None:
    """A sheet is one task table: its header row (when there is one) names the columns,
    otherwise the usual appendix order is assumed; `columns` overrides both (the officer's
    mapping in the preview)."""
    rows = [(i, line, _cells_of(line) or [plain(line.text)]) for i, line in enumerate(lines) if line.text.strip()]
    if not rows:
        return None
    header = next((n for n, (_, _, cells) in enumerate(rows[:15]) if _header_columns(cells)), None)
    width = max(len(cells) for _, _, cells in rows)
    if header is not None:
        titles = [c or f"Cột {k + 1}" for k, c in enumerate(rows[header][2])]
        detected = _header_columns(rows[header][2]) or []
        for _, line, cells in rows[:header]:
            fragments.append(Fragment(" | ".join(c for c in cells if c), [line.number], "Dòng trước hàng tiêu đề của bảng"))
    else:
        titles = [f"Cột {k + 1}" for k in range(width)]
        detected, _ = guess_mapping([cells for _, _, cells in rows])
    titles += [f"Cột {k + 1}" for k in range(len(titles), width)]
    chosen = list(columns) if columns else list(detected)
    chosen += ["skip"] * (width - len(chosen))
    start = rows[header][0] if header is not None else rows[0][0]
    table = _Table(columns=chosen[:width], start=start, end=len(lines), keep_unmapped=False)
    table.rows = [_Row(cells=cells, line=line.number) for _, line, cells in rows[(header + 1) if header is not None else 0:]]
    return table, titles[:width]


def _is_column_numbers(cells: Sequence[str]) -> bool:
    """The row numbering a table's columns under its header: "(1) | (2) | (3)", from 1, at least
    three, none over 20 (read cell by cell: most rows fail at their first cell)."""
    filled = 0
    for cell in cells:
        if not cell.strip():
            continue
        number = cell.strip("() ")
        if (filled < 2 and number != "12"[filled]) or not (number.isascii() and number.isdigit() and int(number) <= 20):
            return False
        filled += 1
    return filled >= 3


_TASK_TEXT_FIELDS = ("content", "lead", "partners", "time_frame", "output", "funding", "notes")


def _table_tasks(table: _Table, appendix: int, fragments: list[Fragment]) -> list[DraftTask]:
    tasks: list[DraftTask] = []
    group = ""
    current: DraftTask | None = None
    columns = table.columns

    def values_of(cells: Sequence[str]) -> dict[str, str]:
        values: dict[str, str] = {}
        for k, (cell, name) in enumerate(zip(cells, columns, strict=False)):
            text = cell.strip()
            if not text:
                continue
            if name == "skip":
                if not table.keep_unmapped:
                    continue
                # a column the officer has not mapped is kept in the notes, not dropped
                title = table.titles[k].strip() if k < len(table.titles) else ""
                if title and title.strip("() ") != str(k + 1):
                    name, text = "notes", f"{title}: {text}"
                elif not title:
                    name = "notes"
                else:
                    continue
            values[name] = (values[name] + " " + text) if name in values else text
        if len(cells) > len(columns):
            extra = [c for c in cells[len(columns):] if c.strip()]
            if extra:
                values["notes"] = (values.get("notes", "") + " " + " ".join(extra)).strip()
        return values

    def new_task(values: dict[str, str], line: int) -> DraftTask:
        return DraftTask(
            content=values.get("content", ""), lead=_lead_cell(values.get("lead", "")), partners=values.get("partners", ""),
            time_frame=values.get("time_frame", ""), output=values.get("output", ""), funding=values.get("funding", ""),
            notes=values.get("notes", ""), group=group, appendix=appendix, source=[line],
        )

    if table.one_cell:
        # Split the cells into records at the STT markers ("1.", "II").
        records: list[tuple[str, list[_Row]]] = []
        for row in table.rows:
            kind = _marker(row.cells[0])
            if kind is not None:
                records.append((kind, [row]))
            elif records:
                records[-1][1].append(row)
            else:
                fragments.append(Fragment(row.cells[0], [row.line], "Ô của bảng trước dòng STT đầu tiên"))
        width = len(columns) - 1
        for kind, rows in records:
            cells = [r.cells[0] for r in rows[1:]]
            lines = [r.line for r in rows]
            if kind == "group":
                group = " ".join(cells)
                if not group:
                    fragments.append(Fragment(rows[0].cells[0], lines, "Dòng nhóm không có tên"))
                continue
            merged: list[str] = []
            for c in cells:  # a cell that starts in lower case is the rest of the one before
                if merged and c[:1].islower():
                    merged[-1] += " " + c
                else:
                    merged.append(c)
            problems = []
            if len(merged) > width >= 2:
                surplus = len(merged) - width
                merged = [" ".join(merged[: surplus + 1]), *merged[surplus + 1:]]
                problems.append("Có ô bị ngắt thành nhiều dòng; đã ghép vào nội dung, hãy kiểm tra.")
            elif len(merged) < width:
                problems.append(f"Dòng chỉ có {len(merged)} trong {width} ô; hãy kiểm tra các cột.")
            task = new_task(values_of(["", *merged]), lines[0])
            task.source = lines
            task.problems += problems
            tasks.append(task)
        return tasks

    has_stt = "stt" in columns
    stt_col = columns.index("stt") if has_stt else -1
    last_number = 0  # the number of the last task numbered in the STT column
    for row in table.rows:
        cells = row.cells
        stt = cells[stt_col].strip() if has_stt and stt_col < len(cells) else ""
        kind = _marker(stt) if stt else None
        number = _next_number(stt, last_number) if kind is None and stt else None
        if number is not None:
            kind = "task"  # "1000" after "999": a long table's numbering goes on past three digits
        # a row that starts with its task's number is no header (`_header_columns` says so first)
        numbered = kind == "task" and not "".join(cells[:stt_col]).strip()
        if (not table.headers_out and not numbered and _header_columns(cells) is not None) or _is_column_numbers(cells):
            continue  # header repeated after a page break, or the (1) (2) (3) row
        if kind == "task" and stt.rstrip(".)").isdigit():
            last_number = number or int(stt.rstrip(".)"))
        values = values_of(cells)
        lone = [c for c in cells if c.strip()]
        if len(lone) == 1 and re.match(r"^[IVXL]{1,6}\s*[.)]\s+\S", lone[0].strip()) and len(lone[0].split()) <= 20:
            # a group row merged across the table, its numeral inside: "I. Kinh tế số", "II. Xã hội số"
            # (ad5aff6c13929815), "I. Văn bản thuộc thẩm quyền ban hành của Quốc hội" (ae8d299abf846604)
            group, current = one_line(re.sub(r"^[IVXL]{1,6}\s*[.)]\s+", "", lone[0].strip())), None
            continue
        if current is not None and len(lone) == 1 and _STATUS.match(fold(lone[0].strip())):
            # a progress status alone on a row ("Đang thực hiện"): the end of the row above, cut from it
            current.notes = (current.notes + " " + lone[0].strip()).strip()
            current.source.append(row.line)
            continue
        if has_stt and kind is None and current is not None and _is_merged_sub_row(stt, cells, columns):
            tasks.append(_sub_row_task(cells, stt_col, values_of, new_task, current, row.line, columns))
            continue
        if has_stt and kind is None and _lacks_its_number(stt, cells, columns):
            # a row without a number cell, its own cells all there ("D. | BỘ KHOA HỌC VÀ CÔNG NGHỆ" over
            # "Bộ Khoa học và Công nghệ | - Bộ Nông nghiệp ... | ... | Giai đoạn 2026 - 2030"): they stand
            # one column right, from the lead on
            values = values_of([*cells[:stt_col], "", *cells[stt_col:]])
            stt = ""
        others = {k: v for k, v in values.items() if k not in ("stt", "content")}
        filled = [c for i, c in enumerate(cells) if c.strip() and i != stt_col]
        # a group row: no lead and no time of its own, or one name in capitals standing in whichever
        # column ("A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "I | NHÓM QUAN TRẮC ..." under "Cơ quan chủ
        # trì" in 2530/QĐ-TTg, 646f0a00d4174382): never a task
        capitals = len(filled) == 1 and filled[0] == filled[0].upper() and bool(re.search(r"[^\W\d_]", filled[0]))
        if kind == "group" and ((not values.get("lead") and not values.get("time_frame")) or capitals):
            group = (filled[0] if capitals else values.get("content")) or next((c for i, c in enumerate(cells) if c and i != stt_col), "")
            group = one_line(group)
            current = None
            continue
        if has_stt and not stt:
            if current is not None:
                # the rest of a row wrapped onto the next line: each cell continues its column
                for name, value in values.items():
                    if name in _TASK_TEXT_FIELDS:
                        old = getattr(current, name)
                        setattr(current, name, (old + " " + value).strip() if old else value)
                current.source.append(row.line)
                continue
            if not others and values.get("content") and not tasks:
                fragments.append(Fragment(values["content"], [row.line], "Dòng trong bảng trước nhiệm vụ đầu tiên"))
                continue
            if not values.get("content"):
                fragments.append(Fragment(" | ".join(c for c in cells if c), [row.line], "Dòng bảng không rõ thuộc nhiệm vụ nào"))
                continue
        if not has_stt and not others and values.get("content") and len([c for c in cells if c]) == 1:
            # a lone text in a table without STT: a group heading
            group = values["content"]
            current = None
            continue
        if not any(v for k, v in values.items() if k != "stt"):
            if stt:
                fragments.append(Fragment(stt, [row.line], "Dòng bảng chỉ có số thứ tự"))
            continue
        parallel = _parallel_rows(values)
        for k, part in enumerate(parallel):
            current = new_task(part, row.line)
            if k:
                for name in ("time_frame", "output", "funding"):
                    if part.get(name):
                        current.derived[name] = "chung một ô với nhiệm vụ ở dòng trên trong cùng hàng của bảng"
            if stt and kind is None:
                current.problems.append(f"Số thứ tự «{stt}» không rõ; hãy kiểm tra dòng này.")
            tasks.append(current)
    return tasks


# The role a lead cell may add after the agency's name: "Sở Khoa học và Công nghệ thúc đẩy, theo dõi,
# báo cáo chỉ tiêu", "Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công
# bố dữ liệu mở ..." (ad5aff6c13929815, its targets table): the agencies are the cell's subjects.
_ROLE = re.compile(r"^(?:chu tri|thuc day|theo doi|thuc hien|huong dan|tong hop|bao cao)\b")


@lru_cache(maxsize=1 << 12)
def _lead_cell(cell: str) -> str:
    parts = [p.strip() for p in re.split(r"\s*;\s*", cell) if p.strip()]
    names: list[str] = []
    roles = 0
    for part in parts:
        subject = subject_of(part)
        rest = fold(part[len(subject):].strip(" ,")) if subject and part.startswith(subject) else ""
        if subject and _ROLE.match(rest):
            names.append(subject)
            roles += 1
        elif not subject and len(part.split()) <= 8:
            names.append(part)  # a name beside them: "Sở Giáo dục và Đào tạo; Sở Nội vụ; Sở ... thúc đẩy ..."
        else:
            return cell
    # a list of names as written ("Sở Tư pháp; các cơ quan, đơn vị liên quan") stays as it is
    return "; ".join(names) if roles else cell


def _parallel_rows(values: dict[str, str]) -> list[dict[str, str]]:
    """One table row that lists several tasks in parallel paragraphs: the content, lead and
    partner cells each hold the same number of paragraphs ("Bố trí nhân lực ... thực hiện nhiệm
    vụ" / "Bố trí nhân lực ... quản lý, vận hành" beside "Các sở, ngành ..." / "Sở Tài chính" and
    "Sở Tài chính" / "Các sở, ngành ..."); the other cells are shared. Any other row is one task
    (a lead cell with one agency per line beside a one-paragraph content stays whole)."""
    if "\n" not in values.get("content", ""):
        return [values]  # one paragraph of content (most rows)
    split = {k: [p.strip() for p in values.get(k, "").split("\n") if p.strip()] for k in ("content", "lead", "partners")}
    n = len(split["content"])
    if n < 2 or len(split["lead"]) != n or len(split["partners"]) != n:
        return [values]
    return [{**values, "content": split["content"][i], "lead": split["lead"][i], "partners": split["partners"][i]} for i in range(n)]


_INHERITABLE = ("partners", "time_frame", "output", "funding")


def _is_merged_sub_row(stt: str, cells: Sequence[str], columns: Sequence[str]) -> bool:
    """A row whose STT cell is merged with the row above: Word (and a PDF printed from it) then
    gives the row's own cells from the first column on, so its content stands where the number
    should be: "Xây dựng hạ tầng kỹ thuật dự phòng ... | Trung tâm Chuyển đổi số" under task 1,
    its partners, time and funding merged with task 1's."""
    filled = [c for c in cells if c.strip()]
    return len(stt.split()) >= 3 and len(filled) < len([c for c in columns if c != "skip"])


def _lacks_its_number(stt: str, cells: Sequence[str], columns: Sequence[str]) -> bool:
    """A row one cell short of the header whose first cell is text where the number belongs: the
    empty number cell was dropped (a page copied from a library keeps no empty cell), the row's
    own cells follow in order. Cases: the rows under the lettered agency groups D.-M. and P. of
    2530/QĐ-TTg's Phụ lục I (646f0a00d4174382)."""
    given = list(cells)
    while given and not given[-1].strip():
        given.pop()
    return (columns.index("stt") == 0 and len(stt.split()) >= 2 and len(given) == len(_trimmed(columns)) - 1
            and all(c.strip() for c in given[:2]))


def _sub_row_task(cells: Sequence[str], stt_col: int, values_of, new_task, above: DraftTask, line: int,  # noqa: ANN001
                  columns: Sequence[str] = ()) -> DraftTask:
    """The task of a merged sub-row: its cells moved one column right, the cells merged with the
    row above (partners, time, output, funding) taken from that row and said to be inherited.
    When the merged cells are the first ones (the number, the lead, the partners) and the row's
    own cells are the last ones, ending with its time frame ("- Rà soát ... | - Bộ công cụ ... |
    Ban hành trong quý I năm 2026" under "1 | Bộ Nông nghiệp và Môi trường | ..." of 2530/QĐ-TTg,
    646f0a00d4174382), the cells stand in the last columns and the lead is the row above's too."""
    given = list(cells)
    while given and not given[-1].strip():
        given.pop()
    width = len(_trimmed(columns))  # a Word table wider than this table: its last columns are none of it
    right = bool(width and columns[width - 1] == "time_frame" and given and len(given) < width - 1
                 and parse_time_frame(given[-1], dt.date.today().year).understood)
    shifted = [""] * (width - len(given)) + given if right else [*cells[:stt_col], "", *cells[stt_col:]]
    content_at = columns.index("content") if "content" in columns[:width] else width
    if right and content_at < width - len(given):
        # fewer cells still (the output merged too: "- Cập nhật quy trình ... | Quý IV/2025"): the
        # row's first cell is its content, the others the last columns
        shifted = [""] * width
        shifted[content_at] = given[0]
        shifted[width - len(given) + 1:] = given[1:]
    while shifted and not shifted[-1].strip():
        shifted.pop()
    task = new_task(values_of(shifted), line)
    for name in (("lead", *_INHERITABLE) if right else _INHERITABLE):
        if not getattr(task, name) and getattr(above, name):
            setattr(task, name, getattr(above, name))
            task.derived[name] = f"ô gộp với dòng trên (dòng {above.source[0]})"
    return task


_READING_CACHES = (plain, marker, field_of_label, _header_field, _lead_cell)


def forget_readings() -> None:
    """Empty the caches of a reading (they hold the lines of the document just read)."""
    for cached in _READING_CACHES:
        cached.cache_clear()
