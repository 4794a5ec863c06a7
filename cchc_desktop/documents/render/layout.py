"""The official layout of printed documents (Nghị định 30/2020/NĐ-CP, Phụ lục I), in one place.

Every document (appendix, plan, reminder list, reports) builds its story from these pieces:

- `escape(text)`: user text made safe for a reportlab Paragraph (NFC, & < > escaped, line
  breaks kept as <br/>, runs of spaces kept); `para(text, style)` does it and wraps.
- `make_styles(settings)` -> `Styles`: every paragraph style (body, headings, table cells,
  header block, signature) in the chosen font.
- `page_setup(settings, landscape=...)` -> `PageSetup`: A4 size and margins as set.
- `header_block(...)`: parent body / office name with its short rule, "Số: ..." on the left;
  national name, motto with its rule, place and date line on the right.
- `title_block(doc_type, subject, ...)`: "KẾ HOẠCH", the subject line and a short rule.
- `header_block(...)` from a `letterhead.Letterhead`: `letterhead_block(...)`.
- `signature_block(...)`: "Nơi nhận:" on the left, authority, position, space, name on the right
  (one row per line when taller than a page); `closing(...)` keeps it with the last lines of
  the text; `EndTogether` keeps a table's last rows, the closing text and the signature on one page.
- `PageFit`: a block that cannot split, scaled to the page when taller than it;
  `drop_tall_blocks`: lets go of a "keep together" that cannot fit a page.
- `OfficialDocument(target, settings, ...)`: the document template; page numbers centred in
  the top margin from page 2; `new_section(landscape=...)` starts a section on a new page
  (e.g. an appendix) whose page numbering starts again at 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cchc_desktop.documents.render.fonts import FontFamily, document_font, string_width
from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.text import vnformat
from cchc_desktop.text.safetext import clean
from cchc_desktop.text.textnorm import nfc

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE = "Nơi nhận:"
HEADER_SIZE = 13  # parent body, office name and "Số:" (12-13 pt)
HEADER_SIZE_SMALL = 12  # parent body and office name when 13 pt would wrap
NATIONAL_NAME_SIZE = 12  # 12-13 pt, the decree's sample uses 12
MOTTO_SIZE = 13  # 13-14 pt
RECIPIENTS_TITLE_SIZE = 12
RECIPIENTS_SIZE = 11
SIGNATURE_SPACE = 28 * mm  # room for the signature and the seal

_SPACES = re.compile(r" {2,}")
_NUMBER = re.compile(r"^\s*(\d+)\s*/")


# --------------------------------------------------------------------------- text


def escape(text: str | None) -> str:
    """User text as reportlab Paragraph markup that prints exactly that text.

    NFC; &, < and > escaped (Paragraph parses markup: "A&B" and "<Phòng CCHC>" would be
    mangled or lost); line breaks become <br/>; runs of spaces (blank fields on a draft,
    "Số:      /KH-UBND") are kept as non-breaking spaces; control characters are dropped.
    """
    if not text:
        return ""
    value = printable(text).replace("\t", "    ")
    value = _xml_escape(value)
    value = _SPACES.sub(lambda m: " " + "&#160;" * (len(m.group(0)) - 1), value)
    return value.replace("\n", "<br/>")


def printable(text: str | None) -> str:
    """Text as the PDF prints it: the one sanitiser (`safetext.clean`: every line or paragraph
    separator a line break, controls dropped, a lone surrogate U+FFFD, NFC)."""
    if not text:
        return ""
    return clean(text)


def para(text: str | None, style: ParagraphStyle, *, markup: str = "") -> Paragraph:
    """A Paragraph of user text (escaped); `markup` wraps it, e.g. "b" for bold."""
    body = escape(text)
    if markup:
        body = f"<{markup}>{body}</{markup}>"
    return Paragraph(body, style)


def number_symbol(number: str) -> str:
    """"05/KH-STTTT" from "5/KH-STTTT": numbers below 10 take a leading zero; anything else as written."""
    number = nfc(number or "").strip()
    m = _NUMBER.match(number)
    if not m:
        return number
    return f"{int(m.group(1)):02d}/{number[m.end():].strip()}"


def number_line(number: str, abbreviation_symbol: str = "") -> str:
    """"Số: 05/KH-STTTT" (numbers below 10 take a leading zero); blanks for a draft's number.

    `abbreviation_symbol` ("KH-STTTT") is used when the plan has no number at all.
    """
    number = nfc(number or "").strip()
    if not number:
        return f"Số:       /{abbreviation_symbol}" if abbreviation_symbol else "Số:       /"
    if _NUMBER.match(number):
        return f"Số: {number_symbol(number)}"
    if number.startswith("/"):
        return f"Số:       {number}"
    return f"Số: {number}"


def upper(text: str | None) -> str:
    """Upper case for header lines ("Ủy ban nhân dân tỉnh" -> "ỦY BAN NHÂN DÂN TỈNH")."""
    return nfc(text or "").upper()


# --------------------------------------------------------------------------- page and styles


@dataclass(frozen=True)
class PageSetup:
    """A4 page size and margins in points; `width`/`height` are those of the text frame."""

    pagesize: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom

    @property
    def landscape(self) -> bool:
        return self.pagesize[0] > self.pagesize[1]


def page_setup(settings: DocumentSettings, *, landscape_page: bool = False) -> PageSetup:
    size = landscape(A4) if landscape_page else A4
    return PageSetup(
        pagesize=(float(size[0]), float(size[1])),
        left=settings.margin_left_mm * mm,
        right=settings.margin_right_mm * mm,
        top=settings.margin_top_mm * mm,
        bottom=settings.margin_bottom_mm * mm,
    )


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the official layout, in the document font."""

    font: FontFamily
    body: ParagraphStyle  # justified, first-line indent
    body_heading: ParagraphStyle  # bold section heading ("I. MỤC ĐÍCH, YÊU CẦU")
    center: ParagraphStyle
    center_bold: ParagraphStyle
    center_italic: ParagraphStyle
    doc_type: ParagraphStyle  # "KẾ HOẠCH"
    subject: ParagraphStyle  # the subject line under it
    appendix_heading: ParagraphStyle  # "Phụ lục I"
    header: ParagraphStyle  # parent body, office, "Số:" (13 pt centred)
    national_name: ParagraphStyle
    motto: ParagraphStyle
    date_line: ParagraphStyle
    recipients_title: ParagraphStyle
    recipients: ParagraphStyle
    signature: ParagraphStyle
    table: ParagraphStyle
    table_center: ParagraphStyle
    table_header: ParagraphStyle
    table_group: ParagraphStyle
    body_size: float
    table_size: float


def make_styles(settings: DocumentSettings) -> Styles:
    font = document_font()
    name = font.name
    size = float(settings.body_font_size)
    leading = size * 1.2 * float(settings.line_spacing)
    tsize = float(settings.table_font_size)
    tleading = tsize * 1.2

    def style(key: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": name, "fontSize": size, "leading": leading, "alignment": TA_CENTER}
        base.update(kw)
        return ParagraphStyle(key, **base)

    return Styles(
        font=font,
        body=style("body", alignment=TA_JUSTIFY, firstLineIndent=float(settings.first_line_indent_cm) * cm,
                   spaceAfter=float(settings.paragraph_space_pt)),
        body_heading=style("body_heading", alignment=TA_JUSTIFY, fontName=font.bold,
                           firstLineIndent=float(settings.first_line_indent_cm) * cm,
                           spaceAfter=float(settings.paragraph_space_pt)),
        center=style("center"),
        center_bold=style("center_bold", fontName=font.bold),
        center_italic=style("center_italic", fontName=font.italic),
        doc_type=style("doc_type", fontName=font.bold, spaceBefore=12),
        subject=style("subject", fontName=font.bold),
        appendix_heading=style("appendix_heading", fontName=font.bold, fontSize=14, leading=14 * 1.2),
        header=style("header", fontSize=HEADER_SIZE, leading=HEADER_SIZE * 1.15),
        national_name=style("national_name", fontName=font.bold, fontSize=NATIONAL_NAME_SIZE,
                            leading=NATIONAL_NAME_SIZE * 1.2),
        motto=style("motto", fontName=font.bold, fontSize=MOTTO_SIZE, leading=MOTTO_SIZE * 1.2),
        date_line=style("date_line", fontName=font.italic),
        recipients_title=style("recipients_title", fontName=font.bold_italic, fontSize=RECIPIENTS_TITLE_SIZE,
                               leading=RECIPIENTS_TITLE_SIZE * 1.2, alignment=TA_LEFT),
        recipients=style("recipients", fontSize=RECIPIENTS_SIZE, leading=RECIPIENTS_SIZE * 1.15, alignment=TA_LEFT),
        signature=style("signature", fontName=font.bold),
        table=style("table", fontSize=tsize, leading=tleading, alignment=TA_LEFT),
        table_center=style("table_center", fontSize=tsize, leading=tleading),
        table_header=style("table_header", fontName=font.bold, fontSize=tsize, leading=tleading),
        table_group=style("table_group", fontName=font.bold, fontSize=tsize, leading=tleading, alignment=TA_LEFT),
        body_size=size,
        table_size=tsize,
    )


# --------------------------------------------------------------------------- flowables


class Rule(Flowable):
    """A horizontal rule of a given width, centred in the space it is given."""

    def __init__(self, width: float, thickness: float = 0.6, space_before: float = 4.5, space_after: float = 3) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.space_before = space_before
        self.space_after = space_after
        self._avail = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        self._avail = availWidth
        return availWidth, self.space_before + self.thickness + self.space_after

    def draw(self) -> None:
        width = min(self.rule_width, self._avail)
        x = (self._avail - width) / 2
        y = self.space_after + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, y, x + width, y)


class RestartNumbering(Flowable):
    """Marks the page it lands on as page 1 of a new numbering (an appendix)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return 0, 0

    def draw(self) -> None:
        pass


def _lines_width(text: str, size: float, *, bold: bool = False) -> float:
    return max((string_width(line, size, bold=bold) for line in nfc(text).split("\n")), default=0.0)


def balanced_lines(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """A name too long for its column broken into two lines of about equal width
    ("ỦY BAN NHÂN DÂN" / "TỈNH VĨNH LONG") rather than leaving one word on the second line.
    Text that fits, or already has its own line breaks, is returned as it is."""
    if "\n" in text or string_width(text, size, bold=bold) <= width:
        return text
    words = text.split()
    best: tuple[float, str] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        widest = max(string_width(first, size, bold=bold), string_width(second, size, bold=bold))
        if widest <= width and (best is None or widest < best[0]):
            best = (widest, f"{first}\n{second}")
    return best[1] if best else text


def header_block(setup: PageSetup, styles: Styles, *, parent_body: str, office_name: str, number: str | None,
                 place: str, date: dt.date | None, abbreviation_symbol: str = "", date_line: bool = True) -> Table:
    """The two-column header of a document's first page.

    Left: parent body (upper case), office name (upper case, bold), a short rule, "Số: ...".
    Right: national name, motto with a rule as wide as it, then the italic place and date line.
    The "Số:" line and the date line sit level with each other. `number=None` and
    `date_line=False` leave them out (a plan issued with a decision carries neither).
    """
    right_w = min(string_width(NATIONAL_NAME, NATIONAL_NAME_SIZE, bold=True) + 2 * mm, setup.width * 0.6)
    left_w = setup.width - right_w
    office = upper(office_name)
    parent = upper(parent_body)
    # 13 pt where the names fit on their lines, else 12 pt (the decree allows both); longer names wrap.
    size = HEADER_SIZE
    if max(_lines_width(office, size, bold=True), _lines_width(parent, size)) > left_w:
        size = HEADER_SIZE_SMALL
    name_style = ParagraphStyle("header_name", parent=styles.header, fontSize=size, leading=size * 1.15)
    parent = balanced_lines(parent, size, left_w - 2)
    office = balanced_lines(office, size, left_w - 2, bold=True)
    right_only = not (parent.strip() or office.strip())
    left: list[Flowable] = []
    if parent.strip():
        left.append(para(parent, name_style))
    if office.strip():
        left.append(para(office, name_style, markup="b"))
        office_w = min(_lines_width(office, size, bold=True), left_w)
        left.append(Rule(max(office_w * 0.4, 15 * mm)))
    motto_w = string_width(NATIONAL_MOTTO, MOTTO_SIZE, bold=True)
    right: list[Flowable] = [
        Paragraph(NATIONAL_NAME, styles.national_name),
        Paragraph(NATIONAL_MOTTO, styles.motto),
        Rule(motto_w),
    ]
    place = printable(place).strip()
    # no date line without a place (letterhead.py finds one where it can), no "Số:" without a body
    date_p: Flowable | str = para(vnformat.date_line(date, place), styles.date_line) if date_line and place else ""
    if right_only:
        # nobody named: the national name and motto alone, centred, rather than an empty left column
        rows: list[list[Any]] = [[right]] + ([[date_p]] if date_p else [])
        table = Table(rows, colWidths=[setup.width], hAlign="CENTER")
    else:
        number_p: Flowable | str = (para(number_line(number, abbreviation_symbol), styles.header)
                                    if number is not None else "")
        rows = [[left, right]]
        if number_p or date_p:
            rows.append([number_p, date_p])
        table = Table(rows, colWidths=[left_w, right_w], hAlign="CENTER")
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    if len(rows) > 1:
        style.append(("TOPPADDING", (0, 1), (-1, 1), 2))
    table.setStyle(TableStyle(style))
    return PageFit(table, setup.height)


def letterhead_block(setup: PageSetup, styles: Styles, head: Any, *, number: str | None, date: dt.date | None,
                     kind: str = "", date_line: bool = True) -> Flowable:
    """`header_block` from a `letterhead.Letterhead`: "Số: .../<kind>-<abbreviation>", the place
    and date line only with a place."""
    return header_block(setup, styles, parent_body=head.parent_body, office_name=head.office_name,
                        number=number, place=head.place, date=date,
                        abbreviation_symbol=head.symbol(kind) if kind else "",
                        date_line=date_line and head.date_line)


def title_block(styles: Styles, doc_type: str, subject: str, width: float, *, extra: Sequence[Flowable] = ()
                ) -> list[Flowable]:
    """"KẾ HOẠCH" (upper case, bold, centred), the subject line (bold) and a short rule."""
    subject_w = min(_lines_width(subject, styles.body_size, bold=True), width)
    return [
        Spacer(1, 6),
        para(upper(doc_type), styles.doc_type),
        para(subject, styles.subject),
        *extra,
        Rule(max(subject_w / 3, 30 * mm), space_after=8),
    ]


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """Recipients as printed, one per line with a leading "- " (the officer's text kept as written)."""
    out = []
    for item in recipients:
        text = nfc(item).strip()
        if not text:
            continue
        out.append(text if text.startswith(("-", "–", "+")) else f"- {text}")
    return out


def signature_block(setup: PageSetup, styles: Styles, *, recipients: Sequence[str], authority: str,
                    position: str, name: str) -> Flowable:
    """"Nơi nhận:" with its list on the left, level with the signer's authority line on the right.

    Always printed: the authority and position lines (callers take them from
    `letterhead.Letterhead.signature()`, which never leaves both empty), the space to sign and
    the name when known. A block taller than a page (60 and more recipients) is laid out one
    line per row and continues on the next page, the signature kept whole on the first."""
    left_w = setup.width * 0.45
    right_w = setup.width - left_w
    left: list[Flowable] = []
    lines = recipient_lines([printable(r) for r in recipients])
    if lines:
        left.append(Paragraph(RECIPIENTS_TITLE, styles.recipients_title))
        left.extend(para(line, styles.recipients) for line in lines)
    heads: list[Flowable] = [para(upper(printable(text)), styles.signature)
                             for text in (authority, position) if printable(text).strip()]
    signed = [para(printable(name).strip(), styles.signature)] if printable(name).strip() else []
    right: list[Flowable] = [*heads, Spacer(1, SIGNATURE_SPACE), *signed]
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]
    table = Table([[left or [Spacer(1, 1)], right]], colWidths=[left_w, right_w], hAlign="CENTER")
    table.setStyle(TableStyle(style))
    table.spaceBefore = 12
    if table.wrap(setup.width, setup.height)[1] + 12 <= setup.height:
        return table
    # Taller than a page: one row per line, split between (or inside) rows like any long table.
    space_rows = int(SIGNATURE_SPACE // (RECIPIENTS_SIZE * 1.15)) + 1
    right_rows: list[Any] = [*heads, *([""] * space_rows), *signed]
    left_rows: list[Any] = list(left)
    count = max(len(left_rows), len(right_rows))
    rows = [[left_rows[i] if i < len(left_rows) else "", right_rows[i] if i < len(right_rows) else ""]
            for i in range(count)]
    long_table = _RowsTable(rows, colWidths=[left_w, right_w], hAlign="CENTER", splitInRow=1)
    long_table.page_height = setup.height
    signature_rows = len(right_rows)
    sig_height = sum(f.wrap(right_w, setup.height)[1] for f in [*heads, *signed]) + SIGNATURE_SPACE
    if sig_height < setup.height / 2:
        style.append(("NOSPLIT", (0, 0), (-1, signature_rows - 1)))  # the signature is never cut
    long_table.setStyle(TableStyle(style))
    long_table.spaceBefore = 12
    long_table.wrap(setup.width, setup.height)
    long_table.head_height = sum(long_table._rowHeights[:signature_rows])  # what `closing` keeps together
    return long_table


class PageHeightTable:
    """A table that knows the frame's full height (`page_height`, set by whoever builds it) and
    hands it on to the parts reportlab splits it into; put before the reportlab class in the bases."""

    page_height = 0.0

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Flowable]:  # noqa: N802,N803 - reportlab API
        parts = super()._splitRows(availHeight, doInRowSplit=doInRowSplit)  # type: ignore[misc]
        for part in parts:
            if isinstance(part, PageHeightTable):
                part.page_height = self.page_height
        return parts


class _RowsTable(PageHeightTable, Table):
    """A table split between rows, keeping its NOSPLIT blocks whole; a row is cut only at the
    top of a page (a row taller than a page), never to leave a sliver at the foot of one."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        self._calc(availWidth, availHeight)
        drop_tall_blocks(self, self.page_height)
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return parts
        if availHeight >= self.page_height - 1:
            return self._splitRows(availHeight, doInRowSplit=True)
        return []


def closing(text: list[Flowable], signature: Flowable, setup: PageSetup) -> list[Flowable]:
    """The end of a document: "Nơi nhận:" and the signature stay on the page with the last
    lines of the text. Replaces the last flowable of `text` (popped) by the kept-together end."""
    tail: list[Flowable] = []
    while text and isinstance(text[-1], Spacer):  # white space goes along with what it follows
        tail.insert(0, text.pop())
    if not text:
        return [*tail, signature]
    last = text.pop()
    if tail:
        last = KeepTogether([last, *tail])
        return [KeepTogether([last, signature])]
    sig_h = signature.wrap(setup.width, setup.height)[1] + getattr(signature, "spaceBefore", 0)
    last_h = last.wrap(setup.width, setup.height * 100)[1]
    if isinstance(last, Paragraph) and last_h < 2 * float(last.style.leading) and text \
            and isinstance(text[-1], Paragraph):
        # a one-line paragraph: the one before it goes too (at least two lines with the signature)
        before = text[-1]
        before_h = before.wrap(setup.width, setup.height * 100)[1]
        if before_h + last_h + sig_h <= setup.height:
            text.pop()
            return [KeepTogether([before, last, signature])]
    if last_h + sig_h <= setup.height:
        return [KeepTogether([last, signature])]
    head_h = getattr(signature, "head_height", None)
    if head_h is not None and last_h + head_h + 12 <= setup.height:
        # a signature block longer than a page: the last lines go with its first rows
        return [CondPageBreak(last_h + head_h + 12), last, signature]
    if isinstance(last, Paragraph) and sig_h < setup.height * 0.8:
        # a paragraph too long to move with the signature: its last lines go with it
        leading = float(last.style.leading)
        room = setup.height - sig_h - 2 * leading
        keep = max(min(3 * leading, room), leading)
        parts = last.split(setup.width, max(last_h - keep, leading))
        if len(parts) == 2:
            return [parts[0], KeepTogether([parts[1], signature])]
    return [last, signature]


class EndTogether(Flowable):
    """The end of a document kept on one page: the last rows of a table (as a table of their own,
    `plain`, continuing the table above), the closing text and the signature. Where they do not
    fit in the space left they start the next page, where the rows come under the table's
    repeated header (`headed`); a whole end taller than a page simply flows."""

    def __init__(self, plain: list[Flowable], headed: list[Flowable], page_height: float) -> None:
        super().__init__()
        self.plain = plain
        self.headed = headed
        self.page_height = page_height

    @staticmethod
    def _height(items: list[Flowable], width: float, height: float) -> float:
        total = 0.0
        for i, item in enumerate(items):
            total += item.wrap(width, height)[1] + (item.getSpaceBefore() if i else 0) + item.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return availWidth, availHeight + 1  # never drawn itself: `split` hands over its parts

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        if self._height(self.plain, availWidth, availHeight) + 2 <= availHeight:
            return list(self.plain)
        if availHeight >= self.page_height - 1 or \
                self._height(self.headed, availWidth, self.page_height) + 2 > self.page_height:
            # at the top of a page, or taller than a page: it flows (reportlab wants the first
            # part of a split to fit where it is: a zero-height start does)
            return [Spacer(0, 0), *self.headed]
        return [_NextPage(), KeepTogether(list(self.headed))]

    def draw(self) -> None:
        pass


class _NextPage(Flowable):
    """Takes what is left of the frame (the next flowable starts a new page)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return availWidth, max(availHeight - 0.01, 0.0)

    def draw(self) -> None:
        pass


def split_table_style(commands: Sequence[tuple[Any, ...]], rows: int, at: int, header_rows: int = 1, *,
                      tail_header: bool = True) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Table style commands for a table of `rows` rows cut before row `at`: (those of rows
    [0, at), those of the header rows plus rows [at, rows) renumbered after them); with
    `tail_header=False` the second part has no header rows."""
    if not tail_header:
        first, rest_part = split_table_style(commands, rows, at, header_rows)
        rest_part = [c for c in rest_part if isinstance(c[1][1], str) or c[2][1] < 0 or c[2][1] >= header_rows]
        return first, [(c[0], (c[1][0], max(c[1][1] - header_rows, 0)), (c[2][0], c[2][1] - header_rows), *c[3:])
                       if not isinstance(c[1][1], str) and c[2][1] >= 0 else c for c in rest_part]
    head: list[tuple[Any, ...]] = []
    tail: list[tuple[Any, ...]] = []
    for cmd in commands:
        name, (c0, r0), (c1, r1), *rest = cmd
        if isinstance(r0, str) or isinstance(r1, str):  # "splitfirst", "inrowsplitstart" ...
            head.append(cmd)
            tail.append(cmd)
            continue
        a, b = (r0 + rows if r0 < 0 else r0), (r1 + rows if r1 < 0 else r1)
        if a == 0 and b == rows - 1:  # the whole table
            head.append(cmd)
            tail.append(cmd)
        elif b < header_rows:  # the header rows
            head.append(cmd)
            tail.append(cmd)
        elif b < at:
            head.append(cmd)
        elif a >= at:
            tail.append((name, (c0, a - at + header_rows), (c1, b - at + header_rows), *rest))
        else:  # across the cut: both parts
            head.append((name, (c0, a), (c1, at - 1), *rest))
            tail.append((name, (c0, header_rows), (c1, b - at + header_rows), *rest))
    return head, tail


def drop_tall_blocks(table: Table, page_height: float) -> None:
    """Forget the "keep together" (NOSPLIT) of any block of rows that, with the repeated header,
    is taller than a page: it could never be kept on one page, and reportlab would give up
    (LayoutError) rather than split it. Call after the table's `_calc`."""
    commands = getattr(table, "_nosplitCmds", None)
    heights = getattr(table, "_rowHeights", None)
    if not commands or not heights:
        return
    rows = len(heights)
    repeat = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    header = sum(heights[:repeat])
    keep = []
    for command in commands:
        _name, (_sc, sr), (_ec, er) = command[:3]
        sr, er = (sr + rows if sr < 0 else sr), (er + rows if er < 0 else er)
        if sum(heights[sr:er + 1]) + header <= page_height:
            keep.append(command)
    if len(keep) != len(commands):
        table._nosplitCmds = keep
        table._calcNoSplitRanges()



class KeptBlocksTable(PageHeightTable, LongTable):
    """A LongTable whose blocks kept together (NOSPLIT: a group heading with its first task) are let
    go when taller than a page, where keeping them would make reportlab give up; rows split inside
    themselves as a plain LongTable's do. Set `page_height` to the frame's height."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        self._calc(availWidth, availHeight)
        drop_tall_blocks(self, self.page_height)
        return super().split(availWidth, availHeight)


class PageFit(Flowable):
    """A block that cannot split (a header, a chart) scaled down to the page when taller than it;
    anything that fits is drawn as it is."""

    def __init__(self, content: Flowable, page_height: float) -> None:
        super().__init__()
        self.content = content
        self.page_height = page_height
        self.scale = 1.0
        self.hAlign = getattr(content, "hAlign", "CENTER")
        self.spaceBefore = getattr(content, "spaceBefore", 0)
        self.spaceAfter = getattr(content, "spaceAfter", 0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        width, height = self.content.wrap(availWidth, availHeight)
        limit = max(self.page_height - self.spaceBefore - self.spaceAfter - 1, 1.0)
        self.scale = 1.0
        if height > limit or width > availWidth + 0.5:
            self.scale = min(limit / height if height > limit else 1.0, availWidth / width if width else 1.0)
        self.width, self.height = width * self.scale, height * self.scale
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        return []

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.content.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


# --------------------------------------------------------------------------- document template


def _meta(text: str) -> str:
    """A document property (title, author): printable, one line, not huge."""
    return " ".join(printable(text).split())[:500]


def new_section(*, landscape_page: bool) -> list[Flowable]:
    """Start a new page in the given orientation with its own page numbering (an appendix)."""
    return [NextPageTemplate("landscape" if landscape_page else "portrait"), PageBreak(), RestartNumbering()]


class OfficialDocument(BaseDocTemplate):
    """A4 document with the margins of the settings and Arabic page numbers centred in the
    top margin, not printed on the first page of the document or of a new section."""

    def __init__(self, target: str | IO[bytes], settings: DocumentSettings, *, title: str = "", author: str = "",
                 subject: str = "", landscape_first: bool = False) -> None:
        self.settings = settings
        self.setups = {
            "portrait": page_setup(settings, landscape_page=False),
            "landscape": page_setup(settings, landscape_page=True),
        }
        first = self.setups["landscape" if landscape_first else "portrait"]
        self.font = document_font()
        super().__init__(
            target, pagesize=first.pagesize, leftMargin=first.left, rightMargin=first.right,
            topMargin=first.top, bottomMargin=first.bottom, title=_meta(title), author=_meta(author),
            subject=_meta(subject), creator="CCHC Desktop", lang="vi-VN",
            initialFontName=self.font.name,  # not Helvetica: no built-in font in the file at all
        )
        order = ["landscape", "portrait"] if landscape_first else ["portrait", "landscape"]
        self.addPageTemplates([self._template(key) for key in order])
        self.numbering_start = 1

    def _template(self, key: str) -> PageTemplate:
        s = self.setups[key]
        frame = Frame(s.left, s.bottom, s.width, s.height, id=f"{key}-frame",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=key, frames=[frame], pagesize=s.pagesize, onPageEnd=self._page_number)

    def setup_of(self, key: str) -> PageSetup:
        return self.setups[key]

    def page_number(self) -> int:
        """The number printed on the current page (numbering restarts in each section)."""
        return int(self.page) - self.numbering_start + 1

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        if isinstance(flowable, RestartNumbering):
            self.numbering_start = int(self.page)

    def _page_number(self, canvas: Any, doc: Any) -> None:
        number = self.page_number()
        if number < 2:
            return
        width, height = canvas._pagesize
        setup = self.setups["landscape" if width > height else "portrait"]
        size = float(self.settings.page_number_font_size)
        canvas.saveState()
        canvas.setFont(self.font.name, size)
        x = setup.left + setup.width / 2
        y = height - setup.top / 2 - size / 3
        canvas.drawCentredString(x, y, str(number))
        canvas.restoreState()
