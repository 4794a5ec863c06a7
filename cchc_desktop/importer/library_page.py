"""A document saved or copied from a legal-document library's web page: the library's notices,
its metadata table ("Số hiệu / Loại văn bản / Nơi ban hành / Người ký / Ngày ban hành") before
the document, its related-documents list, contacts and notices after it.

`unwrap` recognises such a page, keeps the document inside and returns the library's metadata,
which fills what the document's own header leaves unclear (`fill_plan`, saying where each value
came from). Cases (../shared/samples/corpus/): a Prime Minister's telegram (224/CĐ-TTg), a Prime
Minister's decision with a task table (2530/QĐ-TTg) and a Government Office notice of conclusions
(624/TB-VPCP), each saved from thuvienphapluat.vn: the notice "Bản dịch này thuộc quyền sở hữu
của THƯ VIỆN PHÁP LUẬT ...", the metadata table, then the document, then "Văn bản liên quan",
"FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN", the library's address and account notices. Saved as Word, the
page is one layout table whose cells hold the document's paragraphs: those cells are opened into
lines again, so the recogniser reads the document as it reads any other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cchc_desktop.documents.tabular import field_of_header
from cchc_desktop.importer.readers import SourceDocument, SourceLine
from cchc_desktop.store.domain import Plan, PlanStatus
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold

# Labels of the library's metadata table (folded, without the colon) -> field. Cases:
# thuvienphapluat.vn "Số hiệu", "Loại văn bản", "Nơi ban hành", "Người ký", "Ngày ban hành";
# other libraries write "Cơ quan ban hành", "Ký hiệu", "Ngày ký".
_META_LABELS = {
    "so hieu": "number", "ky hieu": "number", "so ky hieu": "number",
    "loai van ban": "type",
    "noi ban hanh": "issuer", "co quan ban hanh": "issuer",
    "nguoi ky": "signer",
    "ngay ban hanh": "date", "ngay ky": "date",
}
# Labels of the same table the import has no use for: they mark the table, nothing more.
_OTHER_LABELS = ("ngay hieu luc", "ngay cong bao", "so cong bao", "tinh trang", "linh vuc", "ngay het hieu luc", "hieu luc")

# The library's own lines before the document (folded). Cases: the copyright notice and the
# "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN" box of thuvienphapluat.vn, "Đang tải văn bản...".
_NOTICE = lazy(r"thu vien phap luat|thuvienphapluat|luatvietnam|luat viet nam|cac noi dung duoc sua doi|dang tai van ban"
                     r"|click vao phan boi vang|has the copyright|bản dịch này", re.I)
# Where the library's text after the document begins (folded). Cases: "Văn bản liên quan",
# "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN", "FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN", "Văn bản này chưa cập nhật
# nội dung Tiếng Anh", the library's address and account notices.
_FOOTER = lazy(r"^(?:#+\s*)?(?:van ban lien quan|noi dung sua doi, huong dan|file duoc dinh kem theo van ban"
                     r"|van ban nay chua cap nhat noi dung tieng anh|dia chi:\s*\d+ nguyen gia thieu|tp\. hcm, ngay \d+/\d+/\d+ thua quy khach"
                     r"|cam on da dung thuvienphapluat|ban vua bi dang xuat)")

# A cell holding this many paragraphs, or this many characters, holds the document itself.
_BODY_PARAGRAPHS = 6
_BODY_CHARS = 1500


@dataclass
class LibraryMeta:
    """The library's metadata table: values as written, and the lines they were read from."""

    number: str = ""
    type: str = ""
    issuer: str = ""
    signer: str = ""
    date: dt.date | None = None
    date_text: str = ""
    lines: list[int] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.number or self.signer or self.date or self.issuer)


def _label(text: str) -> str | None:
    """The metadata field a cell or line names ("Số hiệu:" -> "number"), "" for a label the import
    does not use, None for anything else."""
    key = fold(text).replace("*", "").replace("#", "").strip().rstrip(":").strip()
    if key in _META_LABELS:
        return _META_LABELS[key]
    if key in _OTHER_LABELS:
        return ""
    return None


def _pairs(line: SourceLine) -> list[tuple[str, str]]:
    """(label, value) pairs of a metadata row: "Số hiệu: | 224/CĐ-TTg", "Loại văn bản: | Công điện
    | Nơi ban hành: | Thủ tướng Chính phủ"; a label may follow other text in its cell ("Đang tải
    văn bản... # Số hiệu:")."""
    cells = line.cells if line.cells is not None else re.split(r"\t+", line.text)
    out: list[tuple[str, str]] = []
    for i, cell in enumerate(cells):
        head = re.sub(r"^.*#\s*", "", cell.strip())
        field_name = _label(head)
        if field_name is None:
            # "Số hiệu: 224/CĐ-TTg" in one cell or line
            m = re.match(r"^(?P<label>[^:]{3,25}):\s*(?P<value>\S.*)$", head)
            if m and _label(m.group("label")) is not None:
                out.append((_label(m.group("label")) or "", m.group("value").strip()))
            continue
        value = next((c.strip() for c in cells[i + 1:] if c.strip()), "")
        if _label(value) is None:
            out.append((field_name, value))
    return out


def _text_pair(lines: list[SourceLine], k: int) -> list[tuple[str, str]]:
    """A label alone on its line, its value on the next line that holds text (a page copied as
    text, or its Markdown rendering with "|" lines between the cells)."""
    pairs = _pairs(lines[k])
    if any(value for _, value in pairs):
        return pairs
    name = _label(re.sub(r"^.*#\s*", "", lines[k].text.strip()))
    if name is None:
        return []
    for line in lines[k + 1:k + 4]:
        text = line.text.strip().strip("|").strip()
        if text:
            return [(name, text)] if _label(text) is None else []
    return []


def _parse_date(text: str) -> dt.date | None:
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _is_notice(text: str) -> bool:
    return bool(_NOTICE.search(fold(text)) or _NOTICE.search(text))


# The related-documents list: "Ban hành: 18/11/2025 Hiệu lực: Đã biết Tình trạng: Đã biết Cập nhật: ...".
_RELATED = lazy(r"(?:^|\s)(?:ban hanh|cap nhat):\s*\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}\s+hieu luc:\s*(?:da biet|con hieu luc|het hieu luc)")


def _is_footer(text: str) -> bool:
    key = fold(text.strip().lstrip("#* "))
    return bool(_FOOTER.match(key) or _RELATED.search(key))


_DOC_TITLE = lazy(r"^(?:CÔNG ĐIỆN|QUYẾT ĐỊNH|THÔNG BÁO|KẾ HOẠCH|NGHỊ QUYẾT|CHỈ THỊ|QUY ĐỊNH|QUY CHẾ|CHƯƠNG TRÌNH|CÔNG VĂN|HƯỚNG DẪN)\b")
_MOTTO = lazy(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|^Số\s*:|ĐẢNG CỘNG SẢN VIỆT NAM", re.I)


def _body_cell(cell: str) -> bool:
    """A layout cell holding the document: many paragraphs, one of them the document's title
    ("CÔNG ĐIỆN", "QUYẾT ĐỊNH" ...) or its recipients ("Nơi nhận:"). A task table's long cell
    holds neither."""
    parts = [p.strip() for p in cell.split("\n") if p.strip()]
    if len(parts) < _BODY_PARAGRAPHS and len(cell) < _BODY_CHARS:
        return False
    return any(_DOC_TITLE.match(p) or fold(p).startswith("noi nhan") for p in parts)


def _open_cells(line: SourceLine) -> list[SourceLine]:
    """A layout-table row whose cell holds the document's paragraphs becomes those paragraphs:
    the short cells before it stay a row (the number and the place and date, as a document's
    header table has them), its paragraphs and the cells after it become lines."""
    cells = line.cells or []
    long_at = next((i for i, c in enumerate(cells) if _body_cell(c)), None)
    if long_at is None:
        return [line]
    out: list[SourceLine] = []
    before = [c for c in cells[:long_at] if c.strip()]
    if before:
        out.append(SourceLine(number=line.number, text="\t".join(before), cells=before))
    for cell in cells[long_at:]:
        for part in cell.split("\n"):
            if part.strip():
                out.append(SourceLine(number=line.number, text=part.strip()))
    return out


_FOOTNOTE = lazy(r"^\[\d{1,2}\]\s*\S")


def _own_cells(line: SourceLine) -> list[SourceLine]:
    """A row whose last cells hold the page's footnotes ("[1] Tại phần 2 ...") and the library's
    text after the document ("NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN ..."), the page having lost the end of
    the table: the row is its own cells, the rest lines after it (where the footer is found).
    Case: the last row of 2530/QĐ-TTg's Phụ lục II (646f0a00d4174382)."""
    cells = line.cells or []
    at = next((k for k, c in enumerate(cells) if k and c.strip()
               and (_FOOTNOTE.match(c.strip()) or _is_footer(c) or _is_notice(c))), None)
    if at is None or not any(c.strip() for c in cells[:at]):
        return [line]
    own = list(cells[:at])
    rest = [SourceLine(number=line.number, text=p.strip()) for c in cells[at:] for p in c.split("\n") if p.strip()]
    return [SourceLine(number=line.number, text="\t".join(own), cells=own), *rest]


def unwrap(doc: SourceDocument) -> tuple[SourceDocument, LibraryMeta | None]:
    """The document inside a library's page and the library's metadata; the document unchanged
    and None when it is not such a page."""
    meta = LibraryMeta()
    meta_lines: set[int] = set()
    labels = 0
    head: list[SourceLine] = []
    for line in doc.lines[:80]:
        head.append(line)
        if _MOTTO.search(line.text) or any(_body_cell(c) or _DOC_TITLE.match(c.strip()) for c in (line.cells or [line.text])):
            break  # the document's own header: the library's table is above it (or ends on its row)
    for k, line in enumerate(head):
        pairs = _pairs(line) if line.cells is not None or "\t" in line.text else _text_pair(head, k)
        if not pairs:
            continue
        labels += len(pairs)
        meta_lines.add(line.number)
        for name, value in pairs:
            if name and value and not getattr(meta, name if name != "date" else "date_text"):
                if name == "date":
                    meta.date_text, meta.date = value, _parse_date(value)
                else:
                    setattr(meta, name, value)
    notices = [line.number for line in head if _is_notice(line.text)]
    if labels < 3 and not (notices and labels >= 2):
        return doc, None
    meta.lines = sorted(meta_lines)
    last_meta = max(meta_lines)
    lines: list[SourceLine] = []
    for line in doc.lines:
        if line.number < last_meta:
            continue  # the library's notices and its metadata table
        opened = ([o for part in _own_cells(line) for o in (_open_cells(part) if part.cells is not None else [part])]
                  if line.cells is not None else [line])
        if line.number == last_meta:
            # the last row of the table may hold the start of the document (or the library's
            # summary) in a further cell: keep what is not the table's own
            opened = [o for o in opened if not _pairs(o) and o.cells is None] if len(opened) > 1 else []
            if opened and not _DOC_TITLE.match(opened[0].text) and not _MOTTO.search(opened[0].text):
                opened = []  # the library's summary of the document, not the document
        lines.extend(opened)
    # the library's text after the document: from the first footer line on, and the library's
    # caption repeating the document's type and number ("Công điện 224/CĐ-TTg năm 2025 ...")
    caption = fold(f"{meta.type} {meta.number}").strip() if meta.type and meta.number else ""
    end = len(lines)
    for i, line in enumerate(lines):
        key = fold(line.text.strip().lstrip("#* "))
        if _is_footer(line.text) or (caption and i > len(lines) // 3 and key.startswith(caption)) or (i > 0 and _is_notice(line.text)):
            end = i
            break
    lines = _glue_headers([line for line in lines[:end] if not _is_notice(line.text)])
    return SourceDocument(name=doc.name, kind=doc.kind, lines=lines), meta


def _header_word(text: str) -> bool:
    key = fold(text).strip(" .:")
    return key in ("stt", "tt", "so tt") or field_of_header(text) is not None


def _glue_headers(lines: list[SourceLine]) -> list[SourceLine]:
    """A task table nested in the page's layout cell loses its header row: its titles come out as
    short lines ("STT" › "Cơ quan chủ trì" › ... › "Thời hạn hoàn thành") right before the table's
    first row. They are one header row again. Cases: 2530/QĐ-TTg (646f0a00d4174382) and
    624/TB-VPCP (74e2ddc7b11340da) saved from thuvienphapluat.vn."""
    out: list[SourceLine] = []
    k = 0
    while k < len(lines):
        run_end = k
        while run_end < len(lines) and lines[run_end].cells is None and 0 < len(lines[run_end].text.split()) <= 8:
            run_end += 1
        run = lines[k:run_end]
        titles = [line for line in run if _header_word(line.text)]
        if (len(run) >= 3 and len(titles) >= 3 and run_end < len(lines) and lines[run_end].cells is not None
                and _header_word(run[0].text)):
            cells = [line.text.strip() for line in run]
            out.append(SourceLine(number=run[0].number, text="\t".join(cells), cells=cells))
            k = run_end
            continue
        if run:
            out.extend(run)
            k = run_end
        else:
            out.append(lines[k])
            k += 1
    return out


SOURCE_DOCUMENT = "văn bản"
SOURCE_LIBRARY = "bảng thông tin của trang thư viện văn bản"


def fill_plan(plan: Plan, meta: LibraryMeta, problems: list[str]) -> dict[str, str]:
    """Fill the plan's number, date, signer and issuer the document's own header leaves empty with
    the library's values; where both are there and differ, the document's is kept and the
    difference said. Returns, per field, where its value came from."""
    sources: dict[str, str] = {}
    pairs = (("number", "number", meta.number, "Số hiệu"), ("issue_date", "date", meta.date, "Ngày ban hành"),
             ("signer_name", "signer", meta.signer, "Người ký"), ("issuer", "issuer", meta.issuer, "Nơi ban hành"))
    for attr, key, value, label in pairs:
        own = getattr(plan, attr)
        own_ok = bool(own) and not (attr == "number" and str(own).startswith("/"))
        if own_ok and attr in ("issuer", "signer_name") and isinstance(value, str) and value:
            # a fragment of the library's value ("Phủ" of "Thủ tướng Chính phủ", a header split over
            # lines) or a title where a name belongs ("Phó Chủ Nhiệm") is not clear
            mine, theirs = fold(str(own)), fold(value)
            if len(mine.split()) < 2 or (theirs.endswith(mine) and theirs != mine):
                own_ok = False
            elif attr == "signer_name" and theirs != mine and mine.startswith(("pho ", "chu ", "truong ", "bo truong", "giam doc", "thu truong")):
                own_ok = False
        if own_ok:
            sources[key] = SOURCE_DOCUMENT
            if value and attr != "issuer" and str(own) != str(value):
                shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
                problems.append(f"{label} trong văn bản khác với bảng thông tin của trang thư viện («{shown}»); đã giữ giá trị của văn bản.")
        elif value:
            setattr(plan, attr, value)
            sources[key] = SOURCE_LIBRARY
            problems[:] = [p for p in problems if not p.startswith(_STALE[key])]  # no longer missing
            shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
            problems.append(f"{label} «{shown}» lấy từ bảng thông tin của trang thư viện văn bản (phần đầu văn bản không ghi rõ); hãy kiểm tra.")
    if plan.number.split("/")[0] and plan.issue_date is not None:
        plan.status = PlanStatus.ISSUED  # a number and a date: the library publishes issued documents
    return sources


# What the recogniser says of a value it could not read, void once the library gives the value.
_STALE = {"number": ("Văn bản chưa có số", "Số, ký hiệu «"), "date": ("Chưa có ngày ban hành",),
          "signer": ("Không nhận ra người ký",), "issuer": ("Không nhận ra cơ quan ban hành",)}
