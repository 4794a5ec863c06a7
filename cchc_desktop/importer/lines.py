"""Paragraphs and numbering: a document's lines joined into paragraphs (wrapped lines, list items),
and the patterns the recogniser reads them with — headings under Roman numerals and numbers, the
number and symbol, dates, places, signature authorities — with the helpers that tidy names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cchc_desktop.importer.readers import SourceLine
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import nfc, one_line
from cchc_desktop.text.vnformat import from_roman


@dataclass
class Para:
    """A logical line of prose: one or more source lines joined where Word wrapped them."""

    text: str
    lines: list[int]
    raw_first: str = ""


_MD_HEADING = lazy(r"^\s{0,3}#{1,6}\s+")
_MD_MARKS = lazy(r"\*{1,3}|__")
_SPACES = lazy(r"[ \u00a0\u2002\u2003\u2009\u200b]+")


@lru_cache(maxsize=1 << 14)
def plain(text: str) -> str:
    """A line without Markdown marks (headings, bold, italics) and without outer spaces (kept for
    the last 16,384 lines: the recogniser's passes look at the same lines and cells again)."""
    text = nfc(text).replace("\u00a0", " ")
    # each pattern only where its characters stand (most lines have neither marks nor odd spaces)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "*" in text or "__" in text:
        text = _MD_MARKS.sub("", text)
    if "  " in text or "\u2002" in text or "\u2003" in text or "\u2009" in text or "\u200b" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def plain_cell(text: str) -> str:
    """`plain` of a table cell: a number (an STT cell) is its own plain text, told without a
    look in the cache of lines (no digit changes in NFC, none is a space or a mark)."""
    return text if text.isdigit() else plain(text)


# "1.1.", "2.3" (a sub-item numbered under its item) start an item as "1." does
_ITEM_START = lazy(r"^([-–+•*]|\d{1,3}[.)]|\d{1,3}(?:\.\d{1,2})+\.?|[a-zđ]\)|[IVXL]{1,5}\.|\[\d+\])\s")


def _is_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))


def _continues(prev: str, text: str) -> bool:
    """Whether `text` is the rest of `prev`, cut by a line wrap of the conversion."""
    if not prev or not text or not (text[0].islower() or text[0].isdigit()):
        return False  # told first: most lines begin with a capital
    if _is_item(text):
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
    if any("; -" in p.text or ";-" in p.text for p in out):
        out = [q for p in out for q in _inline_labels(p)]
    return out


# "- Đơn vị chủ trì: Phòng Nội vụ; - Đơn vị phối hợp: Văn phòng HĐND và UBND huyện; - Thời gian: Tháng 4/2025.":
# labelled lines written on one line, each after "; -" (a plan of our own in tests/importer/test_district_plan.py)
_INLINE_LABEL = lazy(r";\s*(?=[-–]\s*[A-ZĐ][^:;.]{1,50}:)")


def _inline_labels(p: Para) -> list[Para]:
    parts = _INLINE_LABEL.split(p.text)
    if len(parts) < 2 or not re.match(r"^[-–]?\s*[A-ZĐ][^:;.]{1,50}:", parts[0]):
        return [p]
    return [Para(text=part.strip() + (";" if k + 1 < len(parts) else ""), lines=list(p.lines), raw_first=p.raw_first if k == 0 else part)
            for k, part in enumerate(parts)]



_ROMAN_HEAD = lazy(r"^(?P<num>[IVXL]{1,6})\s*[.)]\s*(?P<title>\S.*)$")
_NUM_HEAD = lazy(r"^(?P<num>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$")
# "Số: 141/KH-UBND"; a Party document's "Số 384-QĐ/TW", "Số: 12-KH/TU" (number, type, then the body)
_NUMBER_LINE = lazy(
    r"^Số\s*(?:/\s*ký hiệu)?\s*:?\s*(?P<num>\d+\s*-\s*(?P<party>[A-ZĐ][A-Za-zĐđ]{0,5})(?=\s*/)|\d*)\s*/\s*"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ]*(?(party)(?:\s*-\s*[A-Za-zĐđ0-9&.]+)*|(?:\s*-\s*[A-Za-zĐđ0-9&.]+)+))", re.I)
PARTY_NUMBER_RE = lazy(r"^\d+-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ0-9&.]+)*$")
_DATE = lazy(
    r"ngày\s*(?P<d>\S*?)\s*tháng\s*(?P<m>\S*?)\s*năm\s*(?P<y>\d{4})"
    r"|ngày\s+(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})",
    re.I,
)


def _dmy(m: re.Match[str]) -> tuple[str, str, str]:
    """Day, month and year of a `_DATE` match, in either of its forms."""
    if m.group("y"):
        return m.group("d"), m.group("m"), m.group("y")
    return m.group("d2"), m.group("m2"), m.group("y2")
_DATE_LINE = lazy(r"^(?P<place>[^,;:()]{2,60}),\s*ngày\b", re.I)
_REFERENCE = lazy(
    r"\(\s*(?:Ban hành\s+)?(?:kèm|đính kèm)\s+theo\s+(?P<kind>Quyết định|Kế hoạch|Công văn|Chỉ thị|Nghị quyết|Chương trình)"
    r"\s+số\s*:?\s*(?P<num>\d*)\s*/\s*(?P<sym>[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-Za-zĐđ0-9&.]+)+)"
    r"(?P<rest>[^)]*)\)?",
    re.I,
)
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; a Party document's "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BAN BÍ THƯ"
_AUTHORITY = lazy(r"^(?:(TM|KT|Q|TL|TUQ|Q\.\s*GIÁM ĐỐC)\.|T\s*/\s*M\b|K\s*/\s*T\b|T\s*/\s*L\b)\s*\S", re.I)
_POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
              "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BÍ THƯ", "THỦ TRƯỞNG")
_ISSUER_HEAD = lazy(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH)\s+(?:ỦY|UỶ) BAN NHÂN DÂN\s*(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)?\s*(?P<name>.*)$"
)
_PERIOD_RANGE = lazy(r"(?P<a>(?:19|20|21)\d{2})\s*[-–—]\s*(?P<b>(?:19|20|21)\d{2})")
_YEAR = lazy(r"\bnăm\s+(?P<y>(?:19|20|21)\d{2})\b", re.I)
_ABBREVIATIONS = ("CCHC", "UBND", "HĐND", "TTHC", "CNTT", "PAR INDEX", "PCI", "PAPI", "SIPAS", "MTTQ", "VN", "TW", "CQĐT")

_PERIODIC = lazy(
    r"(định kỳ|hằng quý|hàng quý|hằng tháng|hàng tháng|hằng tuần|hàng tuần|hằng năm|hàng năm|06 tháng|6 tháng)", re.I
)
_DEADLINE = lazy(
    r"(?:trước|chậm nhất(?: là)?|hạn chót|không quá)\s+ngày\s+\d{1,2}"
    r"(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?|\s+(?:của\s+)?tháng\s+(?:cuối|đầu|thứ\s+\w+)(?:\s+(?:của\s+)?(?:quý|năm))?)"
    r"(?:\s+(?:hàng|hằng)\s+(?:năm|quý))?", re.I
)
_REPORT_VERB = lazy(r"\b(báo cáo|gửi|tổng hợp)\b", re.I)
_WHEN_END = lazy(r"\s+(?:báo cáo|tổng hợp|gửi|đánh giá|về|cung cấp|để|cho)\b|[.;:(]", re.I)


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
            # also where it opens the text, its first letter already raised ("Ủy ban thường vụ quốc hội")
            low = name.lower()
            out = re.sub(rf"(?<!\w)(?:{re.escape(low)}|{re.escape(low[:1].upper() + low[1:])})(?!\w)", name, out)
    # an act named by its number keeps its capital ("Quyết định số 06/QĐ-TTg", "Nghị quyết số 214/NQ-CP")
    out = re.sub(r"(?<!\w)(quyết định|nghị quyết|nghị định|chỉ thị|thông tư|kế hoạch|luật|công văn)(?=\s+số\b)",
                 lambda m: m.group(1)[:1].upper() + m.group(1)[1:], out)
    # a number and symbol as printed: the symbol's letters are capitals in the document
    for m in re.finditer(r"\d+/[^\s,;()]+", out):
        out = out[: m.start()] + m.group(0).upper().replace("TTG", "TTg") + out[m.end():]
    return out


# Names of institutions that keep their capitals inside a sentence-cased title.
_INSTITUTIONS = ("Thủ tướng Chính phủ", "Chính phủ", "Ủy ban Thường vụ Quốc hội", "Văn phòng Quốc hội", "Quốc hội",
                 "Bộ Chính trị", "Ban Chấp hành Trung ương", "Trung ương", "Nhà nước", "Mặt trận Tổ quốc Việt Nam",
                 "Việt Nam", "Ban Bí thư", "Ban Chấp hành", "Ban Thường vụ", "Tỉnh ủy", "Thành ủy", "Huyện ủy",
                 "Đảng ủy", "Đảng bộ")


def _valid_date(d: str, m: str, y: str) -> dt.date | None:
    if not (d.isdigit() and m.isdigit() and y.isdigit()):
        return None
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _norm_number(num: str, sym: str) -> str:
    sym = re.sub(r"\s*-\s*", "-", sym.strip())
    num = re.sub(r"\s*-\s*", "-", num.strip())  # a Party document's "384-QĐ"
    return f"{num}/{sym}"
