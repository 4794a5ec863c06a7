"""The recogniser: from a line-numbered `SourceDocument` to an `ImportResult`.

It is written for the family of documents (a decision promulgating a plan, or the plan
itself; prose sections under Roman numerals; tasks in an appendix table or in labelled
prose; reporting duties under "Tổ chức thực hiện"), not for particular files: headings,
labels and table layouts vary between provinces and years. It never raises on text: what
it cannot read is kept and reported, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..agencies import is_vague_phrase, split_agency_parts
from ..domain import NUMBER_SYMBOL_RE, AgencyRef, Appendix, Plan, PlanStatus, Section
from ..tabular import field_of_header, guess_mapping
from ..textnorm import fold, nfc, one_line
from ..timeframe import parse_time_frame
from ..vnformat import from_roman
from .model import DraftTask, Fragment, ImportResult
from .prose import BodyReader, Found, is_agency_heading, is_organisation_section, subject_of, time_in_text
from .readers import SourceDocument, SourceLine

if TYPE_CHECKING:
    from ..services import Store

# --------------------------------------------------------------------------- lines


@dataclass
class Para:
    """A logical line of prose: one or more source lines joined where Word wrapped them."""

    text: str
    lines: list[int]
    raw_first: str = ""


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_MARKS = re.compile(r"\*{1,3}|__")
_SPACES = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b]+")


def plain(text: str) -> str:
    """A line without Markdown marks (headings, bold, italics) and without outer spaces."""
    text = nfc(text).replace("\u00a0", " ")
    text = _MD_HEADING.sub("", text)
    text = _MD_MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip()


_ITEM_START = re.compile(r"^([-–+•*]|\d{1,3}[.)]|[a-zđ]\)|[IVXL]{1,5}\.|\[\d+\])\s")


def _is_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))


def _continues(prev: str, text: str) -> bool:
    """Whether `text` is the rest of `prev`, cut by a line wrap of the conversion."""
    if not prev or not text or _is_item(text):
        return False
    if prev[-1] in ".;:!?…" or prev.endswith("./."):
        return False
    first = text[0]
    return first.islower() or (first.isdigit() and not re.match(r"^\d{1,3}[.)]\s", text))


def _wrap_width(lines: Sequence[SourceLine]) -> int:
    """The width at which a PDF's text was wrapped: lines this long continue on the next."""
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else 0


def _prose_lines(lines: Sequence[SourceLine]) -> list[SourceLine]:
    """Lines of prose; a Word table that is not a task table (the two-column header with
    "Số:" and the date, the signature block beside "Nơi nhận:") gives its cells' lines."""
    out: list[SourceLine] = []
    for line in lines:
        if line.cells is None:
            out.append(line)
            continue
        for cell in line.cells:
            out += [SourceLine(number=line.number, text=part) for part in cell.split("\n")]
            out.append(SourceLine(number=line.number, text=""))
    return out


def _paras(lines: Sequence[SourceLine], wrap_width: int = 0) -> list[Para]:
    out: list[Para] = []
    last_length = 0
    for line in _prose_lines(lines):
        text = plain(line.text.replace("\t", " "))
        if not text:
            last_length = 0
            continue
        wrapped = (
            wrap_width and last_length >= wrap_width * 0.8 and out and not _is_item(text)
            and not out[-1].text.endswith((".", "./.", ":")) and _roman_head(text) is None
            and not _REFERENCE.match(text)  # "(Kèm theo ...)" under a title as wide as the text
            # a heading in capitals ("KẾ HOẠCH") under a line of mixed case (the date) starts anew
            and not (text == text.upper() and re.search(r"[^\W\d_]", text) and out[-1].text != out[-1].text.upper())
        )
        last_length = len(line.text.strip())
        if out and (wrapped or _continues(out[-1].text, text)):
            out[-1].text += " " + text
            if line.number not in out[-1].lines:
                out[-1].lines.append(line.number)
        else:
            out.append(Para(text=text, lines=[line.number], raw_first=line.text))
    return out


# --------------------------------------------------------------------------- patterns

_ROMAN_HEAD = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.)]\s*(?P<title>\S.*)$")
_NUM_HEAD = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$")
_NUMBER_LINE = re.compile(r"^Số\s*(?:/\s*ký hiệu)?\s*:?\s*(?P<num>\d*)\s*/\s*(?P<sym>[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-Za-zĐđ0-9&.]+)+)", re.I)
_DATE = re.compile(
    r"ngày\s*(?P<d>\S*?)\s*tháng\s*(?P<m>\S*?)\s*năm\s*(?P<y>\d{4})"
    r"|ngày\s+(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})",
    re.I,
)


def _dmy(m: re.Match[str]) -> tuple[str, str, str]:
    """Day, month and year of a `_DATE` match, in either of its forms."""
    if m.group("y"):
        return m.group("d"), m.group("m"), m.group("y")
    return m.group("d2"), m.group("m2"), m.group("y2")
_DATE_LINE = re.compile(r"^(?P<place>[^,;:()]{2,60}),\s*ngày\b", re.I)
_REFERENCE = re.compile(
    r"\(\s*(?:Ban hành\s+)?(?:kèm|đính kèm)\s+theo\s+(?P<kind>Quyết định|Kế hoạch|Công văn|Chỉ thị|Nghị quyết|Chương trình)"
    r"\s+số\s*:?\s*(?P<num>\d*)\s*/\s*(?P<sym>[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-Za-zĐđ0-9&.]+)+)"
    r"(?P<rest>[^)]*)\)?",
    re.I,
)
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ|Q\.\s*GIÁM ĐỐC)\.\s*\S", re.I)
_POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
              "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BÍ THƯ", "THỦ TRƯỞNG")
_ISSUER_HEAD = re.compile(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH)\s+(?:ỦY|UỶ) BAN NHÂN DÂN\s*(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)?\s*(?P<name>.*)$"
)
_PERIOD_RANGE = re.compile(r"(?P<a>(?:19|20|21)\d{2})\s*[-–—]\s*(?P<b>(?:19|20|21)\d{2})")
_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20|21)\d{2})\b", re.I)
_ABBREVIATIONS = ("CCHC", "UBND", "HĐND", "TTHC", "CNTT", "PAR INDEX", "PCI", "PAPI", "SIPAS", "MTTQ", "VN", "TW", "CQĐT")

_PERIODIC = re.compile(
    r"(định kỳ|hằng quý|hàng quý|hằng tháng|hàng tháng|hằng tuần|hàng tuần|hằng năm|hàng năm|06 tháng|6 tháng)", re.I
)
_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|hạn chót|không quá)\s+ngày\s+\d{1,2}"
    r"(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?|\s+(?:của\s+)?tháng\s+(?:cuối|đầu|thứ\s+\w+)(?:\s+(?:của\s+)?(?:quý|năm))?)"
    r"(?:\s+(?:hàng|hằng)\s+(?:năm|quý))?", re.I
)
_REPORT_VERB = re.compile(r"\b(báo cáo|gửi|tổng hợp)\b", re.I)
_WHEN_END = re.compile(r"\s+(?:báo cáo|tổng hợp|gửi|đánh giá|về|cung cấp|để|cho)\b|[.;:(]", re.I)


def _roman_head(text: str) -> tuple[int, str] | None:
    m = _ROMAN_HEAD.match(text)
    if not m:
        return None
    value = from_roman(m.group("num"))
    return (value, m.group("title")) if value else None


def _strip_end(text: str) -> str:
    return text.strip().rstrip(" .;,").strip()


def _title_word(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word else word


def _proper(name: str) -> str:
    """"Vĩnh Long" from "VĨNH LONG"; a name already in mixed case is kept."""
    name = one_line(name)
    if name != name.upper():
        return name
    return " ".join("-".join(_title_word(p) for p in w.split("-")) for w in name.split(" "))


def sentence_case(text: str, proper_names: Sequence[str] = ()) -> str:
    """An all-capitals heading in sentence case; names and abbreviations keep their form."""
    text = one_line(text)
    if not text or text != text.upper():
        return text
    out = text.lower()
    out = out[:1].upper() + out[1:]
    for abbr in _ABBREVIATIONS:
        out = re.sub(rf"(?<!\w){re.escape(abbr.lower())}(?!\w)", abbr, out)
    for name in [*proper_names, *_INSTITUTIONS]:
        if name and name != name.lower():
            out = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, out)
    # an act named by its number keeps its capital ("Quyết định số 06/QĐ-TTg", "Nghị quyết số 214/NQ-CP")
    out = re.sub(r"(?<!\w)(quyết định|nghị quyết|nghị định|chỉ thị|thông tư|kế hoạch|luật|công văn)(?=\s+số\b)",
                 lambda m: m.group(1)[:1].upper() + m.group(1)[1:], out)
    # a number and symbol as printed: the symbol's letters are capitals in the document
    for m in re.finditer(r"\d+/[^\s,;()]+", out):
        out = out[: m.start()] + m.group(0).upper().replace("TTG", "TTg") + out[m.end():]
    return out


# Names of institutions that keep their capitals inside a sentence-cased title.
_INSTITUTIONS = ("Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Trung ương",
                 "Nhà nước", "Mặt trận Tổ quốc Việt Nam", "Việt Nam")


def _valid_date(d: str, m: str, y: str) -> dt.date | None:
    if not (d.isdigit() and m.isdigit() and y.isdigit()):
        return None
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _norm_number(num: str, sym: str) -> str:
    sym = re.sub(r"\s*-\s*", "-", sym.strip())
    return f"{num.strip()}/{sym}"


# --------------------------------------------------------------------------- agencies


class AgencyMatcher:
    """Names to registry agencies, with the province's own forms ("Đài PT-TH Vĩnh Long")."""

    def __init__(self, store: Store | None, province: str = "") -> None:
        self.store = store
        self.province = province
        self.known = store.agencies.known_names() if store is not None else []

    def match(self, name: str) -> int | None:
        if self.store is None:
            return None
        name = _strip_end(name)
        candidates = [name]
        base = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        if base != name:
            candidates.append(base)
        for n in list(candidates):
            if self.province:
                for suffix in (f" tỉnh {self.province}", f" {self.province}", f" thành phố {self.province}"):
                    if fold(n).endswith(fold(suffix)):
                        stem = n[: len(n) - len(suffix)]
                        candidates += [stem + " tỉnh", stem]
            candidates.append(n + " tỉnh")
        for n in list(candidates):
            if "ủy ban nhân dân" in n.lower():
                candidates.append(re.sub("ủy ban nhân dân", "UBND", n, flags=re.I))
            elif "UBND" in n:
                candidates.append(n.replace("UBND", "Ủy ban nhân dân"))
        for c in candidates:
            aid = self.store.agencies.match(c)
            if aid is not None:
                return aid
        return None

    def refs(self, text: str) -> list[AgencyRef]:
        return [
            AgencyRef(text=_strip_end(name), agency_id=self.match(name), separator=sep)
            for sep, name in split_agency_parts(text, self.known)
            if _strip_end(name)
        ]


def proposable(name: str) -> bool:
    """An unmatched name worth adding to the registry (not a phrase like "các đơn vị")."""
    key = fold(name)
    if not key or not name[:1].isupper() or is_vague_phrase(name) or key.startswith(("cac ", "moi ", "toan the", "nhung ")):
        return False
    if any(word in f" {key} " for word in (" tai ", " tren dia ban ", " co lien quan ", " thuoc ")):
        return False
    return 2 <= len(key.split()) <= 15


# --------------------------------------------------------------------------- tables


@dataclass
class _Row:
    cells: list[str]
    line: int


@dataclass
class _Table:
    columns: list[str]  # field per column
    start: int  # index in doc.lines of the header
    end: int  # index after the last line used
    rows: list[_Row] = field(default_factory=list)
    one_cell: bool = False
    consumed: set[int] = field(default_factory=set)  # line numbers used
    titles: list[str] = field(default_factory=list)  # header cells, to name unmapped columns
    keep_unmapped: bool = True  # False when the officer maps the columns (spreadsheets)


def _header_field(cell: str) -> str | None:
    # a stray bracket of the "(Kèm theo ...)" line above a PDF header is not part of the title
    text = plain(cell).strip(" .:()")
    key = fold(text)
    if key in ("sstt", "stt.", "tt", "so tt"):
        return "stt"
    return field_of_header(text)


def _header_columns(cells: Sequence[str]) -> list[str] | None:
    fields = [_header_field(c) if c.strip() else None for c in cells]
    main = {f for f in fields if f in ("content", "lead", "partners", "time_frame")}
    if len(main) >= 2 and "content" in main:
        return [f or "skip" for f in fields]
    return None


def _cells_of(line: SourceLine) -> list[str] | None:
    if line.cells is not None:
        return [plain(c) if "\n" not in c else "\n".join(plain(p) for p in c.split("\n")) for c in line.cells]
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


_MARKER = re.compile(r"^(?P<num>\d{1,3}|[IVXL]{1,6}|[a-zđ])\s*[.)]?$")


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
    return None


def _find_tables(lines: Sequence[SourceLine]) -> list[_Table]:
    tables: list[_Table] = []
    i = 0
    n = len(lines)
    while i < n:
        cells = _cells_of(lines[i])
        columns = _header_columns(cells) if cells else None
        if columns is not None and sum(1 for c in cells or [] if c) >= 2:
            table = _Table(columns=columns, start=i, end=i + 1, titles=list(cells or []))
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
        i += 1
    return tables


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
    filled = [c.strip("() ") for c in cells if c.strip()]
    return len(filled) >= 3 and all(c.isdigit() and int(c) <= 20 for c in filled) and filled[:2] == ["1", "2"]


_TASK_TEXT_FIELDS = ("content", "lead", "partners", "time_frame", "output", "funding", "notes")


def _table_tasks(table: _Table, appendix: int, fragments: list[Fragment]) -> list[DraftTask]:
    tasks: list[DraftTask] = []
    group = ""
    current: DraftTask | None = None
    columns = table.columns

    def values_of(cells: Sequence[str]) -> dict[str, str]:
        values: dict[str, str] = {}
        for k, (cell, name) in enumerate(zip(cells, columns, strict=False)):
            if not cell.strip():
                continue
            if name == "skip" and not table.keep_unmapped:
                continue
            if name == "skip":
                # a column the officer has not mapped is kept in the notes, not dropped
                title = table.titles[k].strip() if k < len(table.titles) else ""
                if title and title.strip("() ") != str(k + 1):
                    name, cell = "notes", f"{title}: {cell.strip()}"
                elif not title:
                    name = "notes"
                else:
                    continue
            values[name] = (values[name] + " " + cell.strip()) if name in values else cell.strip()
        extra = [c for c in cells[len(columns):] if c.strip()]
        if extra:
            values["notes"] = (values.get("notes", "") + " " + " ".join(extra)).strip()
        return values

    def new_task(values: dict[str, str], line: int) -> DraftTask:
        return DraftTask(
            content=values.get("content", ""), lead=values.get("lead", ""), partners=values.get("partners", ""),
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
    for row in table.rows:
        cells = row.cells
        if _header_columns(cells) is not None or _is_column_numbers(cells):
            continue  # header repeated after a page break, or the (1) (2) (3) row
        values = values_of(cells)
        stt = cells[stt_col].strip() if has_stt and stt_col < len(cells) else ""
        kind = _marker(stt) if stt else None
        if has_stt and kind is None and current is not None and _is_merged_sub_row(stt, cells, columns):
            tasks.append(_sub_row_task(cells, stt_col, values_of, new_task, current, row.line))
            continue
        others = {k: v for k, v in values.items() if k not in ("stt", "content")}
        if kind == "group" and not values.get("lead") and not values.get("time_frame"):
            group = values.get("content") or next((c for i, c in enumerate(cells) if c and i != stt_col), "")
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


def _parallel_rows(values: dict[str, str]) -> list[dict[str, str]]:
    """One table row that lists several tasks in parallel paragraphs: the content, lead and
    partner cells each hold the same number of paragraphs ("Bố trí nhân lực ... thực hiện nhiệm
    vụ" / "Bố trí nhân lực ... quản lý, vận hành" beside "Các sở, ngành ..." / "Sở Tài chính" and
    "Sở Tài chính" / "Các sở, ngành ..."); the other cells are shared. Any other row is one task
    (a lead cell with one agency per line beside a one-paragraph content stays whole)."""
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


def _sub_row_task(cells: Sequence[str], stt_col: int, values_of, new_task, above: DraftTask, line: int) -> DraftTask:  # noqa: ANN001
    """The task of a merged sub-row: its cells moved one column right, the cells merged with the
    row above (partners, time, output, funding) taken from that row and said to be inherited."""
    shifted = [*cells[:stt_col], "", *cells[stt_col:]]
    while shifted and not shifted[-1].strip():
        shifted.pop()
    task = new_task(values_of(shifted), line)
    for name in _INHERITABLE:
        if not getattr(task, name) and getattr(above, name):
            setattr(task, name, getattr(above, name))
            task.derived[name] = f"ô gộp với dòng trên (dòng {above.source[0]})"
    return task


# --------------------------------------------------------------------------- the recogniser


@dataclass
class _Zones:
    decision: list[Para]
    plan: list[Para]
    appendices: list[list[Para]]


def _split_zones(paras: list[Para]) -> _Zones:
    keys = [fold(p.text) for p in paras]
    appendix_starts = [i for i, k in enumerate(keys) if re.match(r"^phu luc(\s+[ivxl0-9]+\.?)?\s*$", k) or
                       (k.startswith("phu luc") and len(k) < 40 and not k.startswith("phu luc kem"))]
    first_appendix = appendix_starts[0] if appendix_starts else len(paras)
    plan_start = next((i for i, k in enumerate(keys[:first_appendix]) if k == "ke hoach"), None)
    has_decision = any(k in ("quyet dinh", "quyet dinh:") for k in keys[: plan_start if plan_start is not None else first_appendix])
    if plan_start is None:
        plan_start = 0
        if has_decision:
            # a decision followed directly by its plan: the plan starts at its first Roman heading
            after = next((i for i, k in enumerate(keys) if i > 0 and k.startswith("dieu 1")), 0)
            plan_start = next((i for i in range(after, first_appendix) if _roman_head(paras[i].text)), first_appendix)
    decision = paras[:plan_start] if has_decision else []
    plan = paras[plan_start if has_decision else 0: first_appendix]
    appendices = []
    for n, start in enumerate(appendix_starts):
        end = appendix_starts[n + 1] if n + 1 < len(appendix_starts) else len(paras)
        appendices.append(paras[start:end])
    return _Zones(decision=decision, plan=plan, appendices=appendices)


def _signature(paras: Sequence[Para]) -> tuple[str, str, str, int] | None:
    """(authority, position, name, index of the name) of the first signature block."""
    paras = _joined_authority_lines(paras)
    best: tuple[str, str, str, int] | None = None
    for i, p in enumerate(paras):
        text = p.text
        is_authority = bool(_AUTHORITY.match(text)) and text == text.upper()
        if not is_authority and text not in _POSITIONS:
            continue
        if i > 0 and (_AUTHORITY.match(paras[i - 1].text) or paras[i - 1].text in _POSITIONS):
            continue  # inside a block already seen
        authority: list[str] = []
        position = ""
        j = i
        while j < len(paras) and _AUTHORITY.match(paras[j].text) and paras[j].text == paras[j].text.upper():
            authority.append(paras[j].text)
            j += 1
        if j < len(paras) and paras[j].text == paras[j].text.upper() and len(paras[j].text) < 60 and not _AUTHORITY.match(paras[j].text):
            position = paras[j].text
            j += 1
        name = ""
        if j < len(paras) and _looks_like_name(paras[j].text):
            name = _proper(paras[j].text)
        if not authority and position and not name:
            continue
        found = ("\n".join(authority), position, name, j)
        if authority:
            return found
        best = best or found
    return best


def _joined_authority_lines(paras: Sequence[Para]) -> list[Para]:
    """An authority line wrapped in a narrow signature cell is one line again: "TM. ỦY BAN NHÂN"
    › "DÂN" › "KT. CHỦ TỊCH", or "TM. ỦY BAN" › "NHÂN DÂN" (a short capital line between an
    authority line and the next authority line or position)."""
    out: list[Para] = []
    for i, p in enumerate(paras):
        prev = out[-1] if out else None
        after = paras[i + 1].text if i + 1 < len(paras) else ""
        if (prev is not None and _AUTHORITY.match(prev.text) and prev.text == prev.text.upper()
                and p.text == p.text.upper() and not _AUTHORITY.match(p.text) and p.text not in _POSITIONS
                and len(p.text.split()) <= 3 and (_AUTHORITY.match(after) or after in _POSITIONS)):
            out[-1] = Para(text=f"{prev.text} {p.text}", lines=[*prev.lines, *p.lines], raw_first=prev.raw_first)
            continue
        out.append(p)
    return out


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and len(text) <= 50 and all(w[:1].isupper() and w.isalpha() for w in words)


class Recognizer:
    def __init__(self, doc: SourceDocument, store: Store | None = None, columns: Sequence[str] | None = None) -> None:
        self.doc = doc
        self.store = store
        self.columns = list(columns) if columns else None
        self.plan = Plan(status=PlanStatus.DRAFT)
        self.problems: list[str] = []
        self.fragments: list[Fragment] = []
        self.province = ""

    # -- metadata ----------------------------------------------------------

    def _references(self, paras: Sequence[Para]) -> list[tuple[re.Match[str], Para]]:
        return [(m, p) for p in paras if (m := _REFERENCE.search(p.text))]

    def _metadata(self, zones: _Zones) -> None:
        plan = self.plan
        head = zones.decision or zones.plan[:40]
        header_limit = next((i for i, p in enumerate(head) if fold(p.text) in ("ke hoach", "quyet dinh")), min(len(head), 12))
        header = head[: max(header_limit, 0) + 1] if head else []
        number_header = ""
        for k, p in enumerate(header):
            text = p.text
            if re.fullmatch(r"Số\s*(?:/\s*ký hiệu)?\s*:?", text, re.I) and k + 1 < len(header):
                text = f"Số: {header[k + 1].text}"  # "Số:" and the number in two lines of a cell
            m = _NUMBER_LINE.match(text)
            if m:
                number_header = _norm_number(m.group("num"), m.group("sym"))
                break
        date_header: dt.date | None = None
        date_text = ""
        for p in header:
            # "Số: 141/KH-UBND    Bắc Ninh, ngày 20 tháng 11 năm 2025": both cells on one line of a PDF
            text = _NUMBER_LINE.sub("", p.text, count=1).strip() if _NUMBER_LINE.match(p.text) else p.text
            m = _DATE.search(text)
            dm = _DATE_LINE.match(text)
            if m and dm:
                plan.place = one_line(dm.group("place"))
                date_text = m.group(0)
                date_header = _valid_date(*_dmy(m))
                if date_header is None:
                    self._date_problem(p, date_text)
                break
        # "(Ban hành kèm theo Quyết định số ... ngày ... của ...)": in the plan and appendix heads
        refs = self._references([*zones.plan[:12], *[q for app in zones.appendices for q in app[:6]]])
        ref_number, ref_date, ref_authority = "", None, ""
        for m, p in refs:
            if not ref_number or not ref_number.split("/")[0]:
                ref_number = _norm_number(m.group("num"), m.group("sym"))
            dmatch = _DATE.search(m.group("rest"))
            if dmatch:
                day = _valid_date(*_dmy(dmatch))
                if day is None:
                    self._date_problem(p, dmatch.group(0))
                elif ref_date is None:
                    ref_date = day
            am = re.search(r"\bcủa\s+(?P<who>.+?)\s*$", m.group("rest"))
            if am and not ref_authority:
                ref_authority = _strip_end(am.group("who"))
        if number_header and number_header.split("/")[0]:
            plan.number = number_header
        elif ref_number and ref_number.split("/")[0]:
            plan.number = ref_number
        else:
            plan.number = number_header or ref_number
        if plan.number and not NUMBER_SYMBOL_RE.match(plan.number):
            self.problems.append(f"Số, ký hiệu «{plan.number}» không đúng dạng «số/ký hiệu»; hãy kiểm tra.")
        if not plan.number.split("/")[0]:
            self.problems.append("Văn bản chưa có số (bản dự thảo); hãy nhập số khi đã ban hành.")
        plan.issue_date = date_header or ref_date
        if plan.issue_date is None:
            shown = f" («{date_text}», bản dự thảo để trống)" if date_text else ""
            self.problems.append(f"Chưa có ngày ban hành{shown}; hãy nhập ngày.")
        elif date_header and ref_date and date_header != ref_date:
            self.problems.append(
                f"Ngày ở đầu văn bản ({date_header:%d/%m/%Y}) khác ngày ở dòng «Kèm theo» ({ref_date:%d/%m/%Y}); đã dùng ngày ở đầu văn bản."
            )
        plan.act_authority = ref_authority
        if plan.number.split("/")[0] and plan.issue_date is not None:
            plan.status = PlanStatus.ISSUED
        self._issuer(zones, header)
        self._title_and_period(zones)
        self._bases_and_signer(zones)
        self._sections(zones)

    def _date_problem(self, p: Para, text: str) -> None:
        m = _DATE.search(text)
        if m and m.group("y") and not (m.group("d") or m.group("m")):
            return  # a draft's blank date: reported once, as the missing issue date
        self.problems.append(f"Dòng {p.lines[0]}: ngày «{text}» không đọc được (có chữ thay cho số).")

    def _issuer(self, zones: _Zones, header: Sequence[Para]) -> None:
        plan = self.plan
        # Explicit issuer lines at the top-left of the header, before "Số:"
        top: list[str] = []
        for p in header:
            if _NUMBER_LINE.match(p.text) or fold(p.text).startswith(("cong hoa", "doc lap")):
                break
            if (p.text == p.text.upper() and len(p.text) < 80 and not _AUTHORITY.match(p.text)
                    and fold(p.text) not in ("ke hoach", "quyet dinh") and re.search(r"[^\W\d_]", p.text)):
                top.append(p.text)  # the rule drawn under the name ("-------") is no name
        top = _joined_issuer_lines(top)
        authority_line = next((p.text for p in [*zones.decision, *zones.plan[:20]] if _ISSUER_HEAD.match(p.text)), "")
        m = _ISSUER_HEAD.match(authority_line) if authority_line else None
        if m and m.group("name"):
            self.province = _proper(m.group("name"))
        elif plan.act_authority:
            am = re.search(r"(?:tỉnh|thành phố)\s+(.+)$", plan.act_authority)
            if am:
                self.province = _proper(am.group(1))
        if not self.province:
            tm = re.search(r"\btỉnh\s+((?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s?){1,3})", " ".join(p.text for p in zones.plan[:8]))
            if tm:
                self.province = tm.group(1).strip()
        if not self.province and plan.place:
            self.province = plan.place
        if top:
            names = [self._registry_name(_proper_body(t, self.province)) for t in top]
            plan.issuer = names[-1]
            plan.parent_body = top[0] if len(top) > 1 else ""
        elif m:
            level = (m.group("level") or "tỉnh").lower()
            plan.issuer = f"Ủy ban nhân dân {level} {self.province}".strip()
        else:
            symbol = plan.number.split("/", 1)[1] if "/" in plan.number else ""
            issuer_abbr = symbol.split("-", 1)[1] if "-" in symbol else ""
            level_of = re.search(r"(?:UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố|huyện|thị xã|quận)\s+(.+)$", plan.act_authority, re.I)
            if issuer_abbr.upper() == "UBND" and level_of:
                plan.issuer = f"Ủy ban nhân dân {level_of.group(1).lower()} {_proper(level_of.group(2))}"
            elif issuer_abbr.upper() == "UBND":
                plan.issuer = f"Ủy ban nhân dân tỉnh {self.province}".strip()
            elif issuer_abbr and self.store is not None:
                aid = self.store.agencies.match(issuer_abbr)
                plan.issuer = self.store.agencies.get(aid).name if aid is not None else ""
        if not plan.issuer:
            self.problems.append("Không nhận ra cơ quan ban hành; hãy nhập.")
        if not plan.act_authority and m:
            plan.act_authority = f"Chủ tịch UBND {(m.group('level') or 'tỉnh').lower()} {self.province}".strip()
        if not plan.place and self.province:
            plan.place = self.province

    def _registry_name(self, name: str) -> str:
        if self.store is not None:
            aid = self.store.agencies.match(name)
            if aid is not None:
                return self.store.agencies.get(aid).name
        return name

    def _title_and_period(self, zones: _Zones) -> None:
        plan = self.plan
        paras = zones.plan
        title = ""
        keys = [fold(p.text) for p in paras]
        if "ke hoach" in keys:
            i = keys.index("ke hoach") + 1
            parts: list[str] = []
            while i < len(paras) and not _REFERENCE.search(paras[i].text) and not _roman_head(paras[i].text) and len(parts) < 3:
                text = paras[i].text
                if _NUMBER_LINE.match(text) or _DATE_LINE.match(text) or re.match(r"^(Căn cứ|Thực hiện|Theo|Xét)\b", text):
                    break
                if parts and not (parts[0] == parts[0].upper() and text == text.upper()):
                    break  # a title runs on only as capitals under capitals; Word wraps were joined already
                parts.append(text)
                i += 1
            title = " ".join(parts)
        if not title:
            for p in zones.decision:
                m = re.match(r"^(?:V/v\s+)?ban hành\s+(?:kế hoạch\s+)?(.+)$", p.text, re.I)
                if m:
                    title = m.group(1)
                    break
        proper = [n for n in (self.province, plan.place) if n]
        plan.title = _strip_end(sentence_case(title, proper)) if title else ""
        if plan.title:
            plan.title = plan.title[:1].upper() + plan.title[1:]
        if not plan.title:
            self.problems.append("Không nhận ra tên (trích yếu) kế hoạch; hãy nhập.")
        for text in (plan.title, *(p.text for p in zones.decision[:10])):
            m = _PERIOD_RANGE.search(text or "")
            if m and "giai đoạn" in (text or "").lower() or (m and text == plan.title):
                plan.period_start, plan.period_end = int(m.group("a")), int(m.group("b"))
                break
            y = _YEAR.search(text or "")
            if y:
                plan.period_start = plan.period_end = int(y.group("y"))
                break
        if not plan.period_start:
            year = plan.issue_date.year if plan.issue_date else 0
            if plan.issue_date and plan.issue_date.month == 12:
                year += 1  # a plan issued in December is for the next year
            if year:
                plan.period_start = plan.period_end = year
                self.problems.append(f"Không thấy kỳ kế hoạch trong tên; đã đoán năm {year}.")
            else:
                self.problems.append("Không thấy kỳ kế hoạch (năm); hãy nhập.")

    def _bases_and_signer(self, zones: _Zones) -> None:
        plan = self.plan
        first_section = next((i for i, p in enumerate(zones.plan) if _roman_head(p.text)), len(zones.plan))
        intro = [*zones.decision, *zones.plan[:first_section]]
        for p in intro:
            if p.text.startswith("Căn cứ"):
                plan.legal_bases.append(p.text)
            elif re.match(r"^(Theo đề nghị|Xét đề nghị|Xét Tờ trình|Theo Tờ trình)", p.text):
                plan.proposer = p.text
        pre_appendix = [*zones.decision, *zones.plan]
        for i, p in enumerate(pre_appendix):
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I):
                for q in pre_appendix[i + 1:]:
                    if not q.text.startswith(("-", "–", "+", "•")):
                        break
                    plan.recipients.append(q.text.lstrip("-–+• ").strip())
                break
        sig = _signature(pre_appendix)
        if sig:
            plan.signer_authority, plan.signer_position, plan.signer_name, _ = sig
        if not plan.signer_name:
            self.problems.append("Không nhận ra người ký; hãy nhập.")

    def _sections(self, zones: _Zones) -> None:
        current: Section | None = None
        body: list[str] = []
        for p in zones.plan:
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I) or (_AUTHORITY.match(p.text) and p.text == p.text.upper()):
                break
            head = _roman_head(p.text)
            if head:
                if current is not None:
                    current.body = "\n".join(body)
                    self.plan.sections.append(current)
                current, body = Section(heading=p.text), []
            elif current is not None:
                body.append(p.text)
        if current is not None:
            current.body = "\n".join(body)
            self.plan.sections.append(current)

    # -- tasks -------------------------------------------------------------

    def _understood(self, phrase: str) -> bool:
        plan = self.plan
        return parse_time_frame(phrase, plan.period_start or dt.date.today().year, plan.period_end or None).understood

    def _draft(self, found: Found, appendix: int, kind: str = "task") -> DraftTask:
        return DraftTask(
            content=found.content, lead=found.lead, partners=found.partners, time_frame=found.time_frame,
            output=found.output, funding=found.funding, notes=found.notes, appendix=appendix,
            source=list(found.source), problems=list(found.problems), derived=dict(found.derived), kind=kind,
        )

    def _prose_tasks(self, reader: BodyReader, appendix: int) -> list[DraftTask]:
        """Tasks written as prose with labelled lines (see `prose.BodyReader.labelled_tasks`)."""
        return [self._draft(f, appendix) for f in reader.labelled_tasks()]

    def _duties(self, zones: _Zones, appendix: int) -> list[DraftTask]:
        duties: list[DraftTask] = []
        in_section = False
        lead = ""
        seen: set[str] = set()
        for p in zones.plan:
            head = _roman_head(p.text)
            if head:
                in_section = is_organisation_section(head[1])
                lead = ""
                continue
            if not in_section:
                continue
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I) or _AUTHORITY.match(p.text):
                break
            text = p.text
            m = _NUM_HEAD.match(text)
            if m:
                title = m.group("title")
                name, sep, rest = title.partition(":")
                if sep or is_agency_heading(title):
                    lead = _agency_heading(name)
                    if not sep:
                        continue
                    text = rest.strip()
                else:
                    # an item that is a sentence: its subject leads ("1. Các cơ quan ... xây dựng ...")
                    lead, text = subject_of(title), title
            for sentence in _sentences(text):
                body = re.sub(r"^(?:[-–+•]\s*|[a-zđ]\)\s*)", "", sentence).strip()
                when = _duty_when(body)
                if fold(when) == "dinh ky":
                    # "Định kỳ báo cáo ... hằng năm (trước ngày 15 tháng 11)": the period is said later
                    when = time_in_text(body, self._understood) or when
                if not when or not _REPORT_VERB.search(body) or fold(body) in seen:
                    continue
                seen.add(fold(body))
                duty = DraftTask(
                    content=body, lead=lead or subject_of(body), time_frame=when, appendix=appendix,
                    group="Chế độ báo cáo", source=list(p.lines), kind="duty", include=False,
                )
                duties.append(duty)
        return duties

    # -- the whole ---------------------------------------------------------

    def run(self) -> ImportResult:
        doc = self.doc
        column_titles: list[str] = []
        if doc.tabular:
            sheet = _spreadsheet_table(doc.lines, self.columns, self.fragments)
            tables = [sheet[0]] if sheet else []
            column_titles = sheet[1] if sheet else []
        else:
            tables = _find_tables(doc.lines)
        consumed = set().union(*(t.consumed for t in tables)) if tables else set()
        prose_lines = [line for line in doc.lines if line.number not in consumed]
        paras = _paras(prose_lines, _wrap_width(prose_lines) if doc.kind == "pdf" else 0)
        zones = _split_zones(paras)
        if doc.tabular:
            self._spreadsheet_plan(tables)
        else:
            self._metadata(zones)
        self.plan.appendices = []
        appendix_of_table: list[int] = []
        for app in zones.appendices:
            self.plan.appendices.append(Appendix(title=self._appendix_title(app)))
        for table in tables:
            index = 0
            first_line = doc.lines[table.start].number
            for n, app in enumerate(zones.appendices):
                if app and app[0].lines[0] < first_line:
                    index = n
            appendix_of_table.append(index)
        if not self.plan.appendices:
            self.plan.appendices.append(Appendix(title=""))
        tasks: list[DraftTask] = []
        for table, index in zip(tables, appendix_of_table, strict=True):
            tasks += _table_tasks(table, index, self.fragments)
        reader = BodyReader(_body(zones.plan), self._understood)
        prose = self._prose_tasks(reader, 0)
        if prose:
            if tasks or zones.appendices:
                self.plan.appendices.append(Appendix(title=self._prose_appendix_title(prose, zones)))
                for t in prose:
                    t.appendix = len(self.plan.appendices) - 1
            elif not self.plan.appendices[0].title:
                self.plan.appendices[0].title = self._prose_appendix_title(prose, zones)
            tasks += prose
        duties = self._duties(zones, 0)
        found_assignments = reader.assignments()
        assignments = [self._draft(f, 0, "assignment") for f in found_assignments]
        for a, f in zip(assignments, found_assignments, strict=True):
            a.group = f.group or "Tổ chức thực hiện"
            a.include = False  # offered beside the plan's own tasks
        if not tasks and assignments and not doc.tabular:
            # a plan whose only tasks are the duties it gives each agency (grouped by agency)
            for a in assignments:
                a.kind, a.include = "task", True
            tasks, assignments = assignments, []
        for app in zones.appendices:
            for p in app[1:]:
                if not self._is_appendix_head(p, app):
                    self.fragments.append(Fragment(p.text, p.lines, "Đoạn trong phụ lục ngoài bảng nhiệm vụ"))
        if not tasks and not doc.tabular:
            self.problems.append("Không tìm thấy nhiệm vụ nào (bảng phụ lục hoặc mục có «Cơ quan chủ trì/thực hiện»).")
        matcher = AgencyMatcher(self.store, self.province)
        new_agencies: dict[str, str] = {}
        for t in [*tasks, *duties, *assignments]:
            check_task(t, self.plan, matcher)
            if t.kind == "assignment":
                continue  # offered only: its unknown agencies are not proposed for the registry (kept as written)
            for ref in [*t.lead_refs, *t.partner_refs]:
                if ref.agency_id is None and self.store is not None and proposable(ref.text):
                    new_agencies.setdefault(fold(ref.text), ref.text)
        return ImportResult(
            source_name=doc.name, kind=doc.kind, plan=self.plan, tasks=tasks, duties=duties, assignments=assignments,
            unrecognised=self.fragments, new_agencies=list(new_agencies.values()),
            problems=self.problems, line_count=len(doc.lines),
            columns=list(tables[0].columns) if doc.tabular and tables else [], column_titles=column_titles,
        )

    def _is_appendix_head(self, p: Para, app: Sequence[Para]) -> bool:
        index = app.index(p)
        if index <= 2 and (p.text == p.text.upper() or _REFERENCE.search(p.text) or index == 1):
            return True
        return bool(_REFERENCE.search(p.text)) and index <= 4

    def _appendix_title(self, app: Sequence[Para]) -> str:
        if len(app) < 2 or _REFERENCE.search(app[1].text):
            return ""
        return _strip_end(sentence_case(app[1].text, [n for n in (self.province, self.plan.place) if n]))

    def _prose_appendix_title(self, prose: Sequence[DraftTask], zones: _Zones) -> str:
        first = prose[0].source[0]
        heading = ""
        for p in zones.plan:
            if p.lines[0] > first:
                break
            head = _roman_head(p.text)
            if head:
                heading = head[1]
        return _strip_end(sentence_case(heading, [n for n in (self.province, self.plan.place) if n]))

    def _spreadsheet_plan(self, tables: Sequence[_Table]) -> None:
        plan = self.plan
        plan.title = self.doc.stem
        years = []
        for table in tables:
            for row in table.rows:
                years += [int(y) for y in re.findall(r"(?<!\d)((?:19|20|21)\d{2})(?!\d)", " ".join(row.cells))]
        year = max(set(years), key=years.count) if years else dt.date.today().year
        plan.period_start = plan.period_end = year
        self.problems.append(f"Bảng không có thông tin kế hoạch: tạo kế hoạch dự thảo «{plan.title}», năm {year}; hãy bổ sung số, ngày, cơ quan ban hành.")


def _body(paras: Sequence[Para]) -> list[Para]:
    """The plan's text before its recipients and signature (tasks are never read there)."""
    for i, p in enumerate(paras):
        if re.match(r"^nơi nhận\s*:?$", p.text, re.I) or (_AUTHORITY.match(p.text) and p.text == p.text.upper()):
            return list(paras[:i])
    return list(paras)


_LEVEL_START = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")


def _joined_issuer_lines(top: list[str]) -> list[str]:
    """A body's name wrapped under the header's narrow column is one name: "ỦY BAN NHÂN DÂN" ›
    "TỈNH BẮC NINH" is "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"; "UBND TỈNH HẬU GIANG" › "SỞ NỘI VỤ" stays
    a parent body and the issuer."""
    councils = ("uy ban nhan dan", "hoi dong nhan dan")
    out: list[str] = []
    for line in top:
        key = fold(out[-1]) if out else ""
        cut = bool(key) and any(c.startswith(key) and c != key for c in councils)  # "ỦY BAN NHÂN" › "DÂN ..."
        whole = key in (*councils, "ubnd", "hdnd") and bool(_LEVEL_START.match(line))
        if cut or whole:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _proper_body(text: str, province: str) -> str:
    """"Ủy ban nhân dân tỉnh Vĩnh Long" from "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" ("UỶ" is the old
    placement of the same mark)."""
    text = text.replace("UỶ", "ỦY").replace("Uỷ", "Ủy")
    return sentence_case(text, [province] if province else [])


def _agency_heading(text: str) -> str:
    name = re.sub(r"^(Đề nghị|Giao|Yêu cầu)\s+", "", text.strip(), flags=re.I)
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    return _strip_end(name)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])", text) if s.strip()]


def _duty_when(text: str) -> str:
    deadline = _DEADLINE.search(text)
    periodic = _PERIODIC.search(text)
    phrase = ""
    if periodic:
        start = periodic.start()
        rest = text[periodic.end():]
        end = _WHEN_END.search(rest)
        phrase = (text[start: periodic.end() + (end.start() if end else len(rest))]).strip(" ,")
    if deadline and (not phrase or deadline.group(0) not in phrase):
        phrase = f"{phrase}, {deadline.group(0)}" if phrase else deadline.group(0)
    return phrase[:1].upper() + phrase[1:] if phrase else ""


def check_task(task: DraftTask, plan: Plan, matcher: AgencyMatcher) -> None:
    """Link agencies and list what the officer should look at (again after an edit)."""
    task.problems = [p for p in task.problems if not p.startswith(_COMPUTED)]
    task.lead_refs = matcher.refs(task.lead)
    task.partner_refs = matcher.refs(task.partners)
    if not task.content.strip():
        task.problems.append("Chưa có nội dung nhiệm vụ.")
    if not task.lead.strip():
        task.problems.append("Chưa có cơ quan chủ trì.")
    if not task.time_frame.strip():
        task.problems.append("Chưa có thời gian thực hiện.")
        task.schedule_understood = False
    else:
        tf = parse_time_frame(task.time_frame, plan.period_start or dt.date.today().year, plan.period_end or None)
        task.schedule_understood = tf.understood
        if not tf.understood:
            task.problems.append(f"Chưa hiểu thời gian «{task.time_frame}»; giữ nguyên chữ, hãy đặt lịch bằng tay sau khi lưu.")
    unknown = [r.text for r in [*task.lead_refs, *task.partner_refs] if r.agency_id is None and proposable(r.text)]
    if unknown and matcher.store is not None:
        task.problems.append("Cơ quan chưa có trong danh mục: " + "; ".join(unknown) + ".")


_COMPUTED = ("Chưa có nội dung", "Chưa có cơ quan chủ trì", "Chưa có thời gian", "Chưa hiểu thời gian", "Cơ quan chưa có")


def recognize(doc: SourceDocument, store: Store | None = None, columns: Sequence[str] | None = None) -> ImportResult:
    """The plan draft a document holds; agencies matched against `store`'s registry.
    `columns` maps a spreadsheet's columns to task fields (names of `tabular.FIELDS`)."""
    return Recognizer(doc, store, columns).run()
