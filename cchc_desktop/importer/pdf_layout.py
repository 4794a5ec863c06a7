"""Where the text of a PDF page stands: its pieces with their positions and the lines drawn
on it, and the task table's header row and columns found from them. `pdf_lines._PdfLines`
builds the document's lines and table rows page by page on these."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cchc_desktop.documents.tabular import FIELDS, field_of_header, targets_as_content
from cchc_desktop.text.textnorm import fold, nfc

# pypdf's plain text gives the wrapped lines of the cells of a table one cell after the
# other, so the lines of neighbouring cells mix. A page whose text holds a task table's
# header row (STT | Nội dung | Cơ quan chủ trì ...) is read again with the positions of
# its text: the header words give the columns, every piece of text goes to the column it
# starts in, and a number or a Roman numeral in the STT column starts a new row. The rows
# come out as table rows, as the Word reader gives them; the rest of the page as lines.

_CHAR_WIDTH = 0.5  # average width of a letter, in font sizes (Times New Roman, Vietnamese)
_ROW_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVXL]{1,6}|[a-zđ]\))\s*[.)]?$")
_STT_TITLES = ("stt", "sstt", "tt", "so tt", "so thu tu", "s tt", "st t")
_HEADER_WORDS = {w for _, (_, keys) in FIELDS.items() for k in keys for w in k.replace("/", " ").split()} | {
    "so", "thu", "tu", "cac", "va", "co", "quan", "don", "vi", "lanh", "dao", "du", "kien", "hoan", "thanh", "nguon",
}
_LIST_START = re.compile(r"^(?:[-–+•*]|\d{1,3}[.)]|[a-zđ]\))\s")
_AUTHORITY_LINE = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s*\S")
_MARKED_TITLE = re.compile(r"^([IVXL]{1,6}[.)]?)\s+(\S.{3,})$")


@dataclass
class Chunk:
    """A piece of a page's text with where it starts (PDF units, y upwards) and its font size."""

    x: float
    y: float
    size: float
    text: str
    bold: bool = False

    @property
    def width(self) -> float:  # an estimate: pypdf does not give the width of a piece
        return len(self.text) * self.size * _CHAR_WIDTH


Rule = tuple[float, float, float]  # a line drawn on a page: y, x from, x to (or x, y from, y to)


def page_chunks(page: Any, tick: Callable[[], None] = lambda: None) -> tuple[str, list[Chunk] | None, list[Rule], list[Rule]]:
    """The page's plain text, its pieces with positions (None when some text is turned) and
    the lines drawn on it (a table's borders); `tick()` at every command (the time limit)."""
    chunks: list[Chunk] = []
    rules: list[Rule] = []
    posts: list[Rule] = []
    turned = False
    point: list[tuple[float, float]] = []

    def shape(op: bytes, args: Sequence[Any], cm: Sequence[float], _tm: object) -> None:
        tick()
        if op not in (b"re", b"m", b"l"):
            return
        try:
            values = [float(v) for v in args]

            def at(x: float, y: float) -> tuple[float, float]:
                return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

            if op == b"m" and len(values) >= 2:
                point[:] = [at(values[0], values[1])]
            elif op == b"l" and len(values) >= 2:
                end = at(values[0], values[1])
                if point and abs(point[0][1] - end[1]) < 0.5:
                    rules.append((end[1], min(point[0][0], end[0]), max(point[0][0], end[0])))
                elif point and abs(point[0][0] - end[0]) < 0.5:
                    posts.append((end[0], min(point[0][1], end[1]), max(point[0][1], end[1])))
                point[:] = [end]
            elif op == b"re" and len(values) >= 4:
                (x0, y0), (x1, y1) = at(values[0], values[1]), at(values[0] + values[2], values[1] + values[3])
                x0, x1 = sorted((x0, x1))
                y0, y1 = sorted((y0, y1))
                if y1 - y0 < 3:  # a thin bar: a border drawn as a filled rectangle
                    rules.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 < 3:
                    posts.append(((x0 + x1) / 2, y0, y1))
                else:  # a box: its edges
                    rules.extend([(y0, x0, x1), (y1, x0, x1)])
                    posts.extend([(x0, y0, y1), (x1, y0, y1)])
        except (TypeError, ValueError, IndexError):
            return

    turns: set[int] = set()

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float) -> None:
        nonlocal turned
        text = nfc(text).strip()
        if not text:
            return
        try:
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        except (TypeError, IndexError):
            turned = True
            return
        if abs(b) < 1e-3 and a > 0:
            turns.add(0)
        elif abs(a) < 1e-3 and b != 0:  # a page turned a quarter: read along its long side
            turns.add(90 if b > 0 else 270)
            x, y = (y, -x) if b > 0 else (-y, x)
        else:
            turned = True
            return
        scale = max(abs(a), abs(b))
        bold = _is_bold(font)
        for n, part in enumerate(text.split("\n")):  # pieces hold one line; guard anyway
            if part.strip():
                chunks.append(Chunk(x=x, y=y - n * size * scale * 1.2, size=max(size * scale, 1.0), text=part.strip(), bold=bold))

    text = page.extract_text(visitor_text=visit, visitor_operand_before=shape) or ""
    if turned or len(turns) > 1:
        return text, None, [], []
    if turns == {90}:
        rules, posts = [(-x, y0, y1) for x, y0, y1 in posts], [(y, -x1, -x0) for y, x0, x1 in rules]
    elif turns == {270}:
        rules, posts = [(x, -y1, -y0) for x, y0, y1 in posts], [(-y, x0, x1) for y, x0, x1 in rules]
    return text, chunks, rules, posts


def _is_bold(font: Any) -> bool:
    try:
        return "bold" in str(font.get("/BaseFont", "")).lower()
    except AttributeError:
        return False


def _fold_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,.:;/()]+", fold(text)) if w]


def _header_field(text: str) -> str | None:
    key = " ".join(_fold_words(text))
    if key in _STT_TITLES:
        return "stt"
    return field_of_header(text)


@dataclass
class Header:
    """The header of a task table found on a PDF page: the title and field of each column, and where it lies."""
    titles: list[str]
    fields: list[str | None]
    bounds: list[float]  # left boundary of each column
    top: float  # y of the STT title
    stt_x: float  # middle of the STT title
    lefts: list[float]  # where each column's title starts
    chunks: list[int]  # indexes of the header's pieces

    @property
    def stt(self) -> int:
        return self.fields.index("stt")


def find_header(chunks: Sequence[Chunk], posts: Sequence[Rule] = (), rules: Sequence[Rule] = (),
                known: Sequence[str] | None = None) -> Header | None:
    """The task table's header row on a page: STT, Nội dung and one more known column.
    Column borders drawn down the first row (`posts`), when there are, part the titles.
    Under the header a row cut by the page break may go on, its first line of header-like
    words ("các cơ quan, đơn vị" under "Cơ quan chủ trì"): the header ends at the border
    drawn under it (`rules`) and, when it repeats the header of a table open on the page
    before (`known` titles), where its titles end."""
    for n, cand in sorted(enumerate(chunks), key=lambda item: -item[1].y):
        # "STT" wrapped in a narrow column: "ST" over "T" (a Word table printed by LibreOffice)
        tail = [j for j, c in enumerate(chunks) if fold(cand.text + c.text) in ("stt", "tt")
                and cand.y - 1.6 * cand.size < c.y < cand.y - 0.5 * cand.size and abs(c.x - cand.x) < cand.size] if fold(cand.text) in ("st", "s") else []
        if _header_field(cand.text) != "stt" and not tail:
            continue
        s = cand.size
        centre = cand.x + cand.width / 2
        markers = [c.y for c in chunks if c.y < cand.y - 0.6 * s and _ROW_MARKER.match(c.text) and abs(c.x + c.width / 2 - centre) < 3 * s]
        low = max(max(markers) + 0.6 * s if markers else -1e9, cand.y - 4 * s)
        # the borders down the row that has the most of them (a group row spans the table)
        # (and down the header's second row: "Chủ trì | Phối hợp" under a title over both, where no row follows)
        second = [c.y for c in chunks if cand.y - 2.5 * s < c.y < cand.y - 0.5 * s and all(w in _HEADER_WORDS for w in _fold_words(c.text))]
        edges = max(([round(x, 1) for x, y0, y1 in posts if y0 - 1 <= probe <= y1 + 1] for probe in [cand.y, *sorted(markers)[-8:], *second[:4]]),
                    key=lambda xs: sum(1 for a, b in zip([-9.0, *sorted(xs)], sorted(xs), strict=False) if b - a > 1))  # a border drawn twice counts once
        edges = sorted(set(edges))
        band = [
            i for i, c in enumerate(chunks)
            if i == n or i in tail[:1] or (low < c.y <= cand.y + 2.5 * s and all(w in _HEADER_WORDS or re.fullmatch(r"\d{1,2}", w) for w in _fold_words(c.text)))
        ]

        def span(i: int) -> tuple[float, float]:
            c = chunks[i]
            return c.x + c.width * 0.15, c.x + c.width * 0.85

        def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        def next_word(i: int, j: int, s: float = s) -> bool:
            """`i` the word after `j` on the same line (a title written a word at a time)."""
            a, b = chunks[i], chunks[j]
            return abs(a.y - b.y) < 0.5 * s and " " not in b.text and -0.4 * s < a.x - (b.x + b.width) < 0.6 * s

        def same_column(i: int, j: int, edges: Sequence[float] = edges) -> bool:
            if len(edges) >= 3:
                return sum(1 for x in edges if x <= chunks[i].x) == sum(1 for x in edges if x <= chunks[j].x)
            return overlaps(span(i), span(j)) or abs(chunks[i].x - chunks[j].x) < 1 or next_word(i, j)

        def columns(band: list[int], s: float = s, edges: Sequence[float] = edges) -> tuple[set[int], list[list[int]]]:
            # a title over two columns ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") is left out
            parents = set()
            for i in band:
                under = [j for j in band if chunks[j].y < chunks[i].y - 0.5 * s and overlaps(span(i), span(j))]
                if any(not overlaps(span(a), span(b)) for a in under for b in under):
                    parents.add(i)
                elif len(edges) >= 3 and (after := [x for x in edges if x > chunks[i].x + 1]) and chunks[i].x + 0.85 * chunks[i].width > after[0]:
                    # a title written from the left of a merged cell, over the columns whose borders its
                    # text crosses (a Word table printed by LibreOffice: "Cơ quan thực hiện" over "Chủ
                    # trì | Phối hợp"; tests/importer/test_two_level_header.py)
                    under = [j for j in band if chunks[j].y < chunks[i].y - 0.5 * s and chunks[i].x - 1 <= chunks[j].x < chunks[i].x + 0.95 * chunks[i].width]
                    if len({sum(1 for x in edges if x <= chunks[j].x) for j in under}) >= 2:
                        parents.add(i)
            clusters: list[list[int]] = []
            for i in sorted((i for i in band if i not in parents), key=lambda i: chunks[i].x):
                home = next((cl for cl in clusters if any(same_column(i, j) for j in cl)), None)
                if home is None:
                    clusters.append([i])
                else:
                    home.append(i)
            clusters.sort(key=lambda cl: min(chunks[i].x for i in cl))
            return parents, clusters

        def title(cl: Sequence[int]) -> str:
            return " ".join(chunks[i].text for i in sorted(cl, key=lambda i: (-round(chunks[i].y, 1), chunks[i].x)))

        parents, clusters = columns(band)
        # the border under the header row, across its STT cell: the words under it are the first
        # line of a row going on from the page before, unless they make columns of their own (a
        # second header row) or are the row of column numbers ("(1)", "(2)" ...)
        floor = max((y for y, x0, x1 in rules if x0 - 1 <= centre <= x1 + 1 and low < y < cand.y - 0.3 * s), default=None)
        if floor is not None:
            numbers = [i for i in band if re.fullmatch(r"[\d\s().]+", chunks[i].text)]
            # a row of column numbers has one in most columns; a lone digit is the end of a cell cut
            # under the header ("30/9/202" › "5")
            numbered = {i for i in numbers if sum(1 for j in numbers if abs(chunks[j].y - chunks[i].y) < 0.5 * s) >= 3}
            above = [i for i in band if chunks[i].y > floor or i in numbered]
            if len(above) < len(band) and len((cut := columns(above))[1]) == len(clusters):
                band, (parents, clusters) = above, cut
        if known is not None and len(known) == len(clusters):
            for k, cl in enumerate(clusters):  # the header repeated: its titles as on the page before
                order = sorted(cl, key=lambda i: (-round(chunks[i].y, 1), chunks[i].x))
                while len(order) > 1 and title(order) != known[k] and title(order).startswith(known[k]):
                    order.pop()
                if title(order) == known[k] and len(order) < len(cl):
                    band = [i for i in band if i in order or i not in cl]
                    cl[:] = order
                rest = known[k][len(title(cl)):].split() if known[k].startswith(title(cl) + " ") else []
                while rest:
                    # a merged title taller than the header row repeated on a page runs on over the first
                    # row's line ("Thời gian" › "thực" beside the row's text): its words are the header's
                    low_y = min(chunks[i].y for i in cl)
                    more = [i for i, c in enumerate(chunks) if i not in band and low_y - 2 * s < c.y < low_y - 0.5 * s
                            and any(abs(c.x - chunks[j].x) < 1 for j in cl) and " ".join(rest).startswith(c.text.strip())]
                    if not more:
                        break
                    i = max(more, key=lambda i: chunks[i].y)
                    band.append(i)
                    cl.append(i)
                    rest = rest[len(chunks[i].text.split()):]
        titles = [re.sub(r"^(S)\s*(T)\s*(T)$", r"\1\2\3", title(cl), flags=re.I) for cl in clusters]  # "ST" › "T" wrapped
        fields = targets_as_content([_header_field(t) for t in titles])
        if "content" not in fields or not {"lead", "partners", "time_frame"} & set(fields):
            continue
        if not any(n in cl and fields[k] == "stt" for k, cl in enumerate(clusters)):
            continue
        bounds: list[float] = []
        for k, cl in enumerate(clusters):
            left = min(chunks[i].x for i in cl)
            if k == 0:
                bounds.append(-1e9)
                continue
            prev = clusters[k - 1]
            prev_left = min(chunks[i].x for i in prev)
            prev_width = max(chunks[i].width for i in prev)
            bounds.append(min(left, prev_left + 0.75 * prev_width) - 1)
        lefts = [min(chunks[i].x for i in cl) for cl in clusters]
        return Header(titles=titles, fields=fields, bounds=bounds, top=cand.y, stt_x=centre, lefts=lefts, chunks=[*band, *parents])
    return None


def visual_lines(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    out: list[list[Chunk]] = []
    for c in sorted(chunks, key=lambda c: (-c.y, c.x)):
        if out and abs(out[-1][0].y - c.y) < 0.5 * c.size:
            out[-1].append(c)
        else:
            out.append([c])
    return [sorted(line, key=lambda c: c.x) for line in out]


def join_cell(parts: Sequence[str]) -> str:
    """A cell's lines as one text: a wrap is a space, a list item a new line, and the end of
    a word too long for a narrow column ("thán" + "g") is glued back to its start."""
    out = ""
    for part in parts:
        first = part.split(" ", 1)[0]
        if not out:
            out = part
        elif _LIST_START.match(part):
            out += "\n" + part
        elif out[-1:].isalpha() and first.isalpha() and first.islower() and not re.search(r"[aeiouy]", fold(first)):
            out += part
        elif (cut := re.search(r"/(\d{1,3})$", out)) and re.fullmatch(r"\d{%d}[.,;)]?" % (4 - len(cut.group(1))), first):
            out += part  # a date cut inside its year by a narrow column: "30/9/202" + "5"
        else:
            out += " " + part
    return out


def ends_table(line: Sequence[Chunk], header: Header, bordered: bool = False) -> bool:
    """A signature, the recipients, a new appendix, a footnote or prose at the margin (not
    inside drawn borders: there, text in the STT column is a row whose number cell is merged
    with the row above, as Word draws a sub-row)."""
    text = " ".join(c.text for c in line)
    key = fold(text)
    if key.startswith("noi nhan") or re.match(r"^phu luc(\s+[ivxl0-9]+)?$", key) or re.match(r"^\[\d+\]", text):
        return True
    if _AUTHORITY_LINE.match(text) and text == text.upper():
        return True
    if bordered:
        return False
    stt = header.stt
    return any(
        column(c, header) == stt and not _ROW_MARKER.match(c.text) and not _MARKED_TITLE.match(c.text) and len(c.text) > 4
        for c in line
    )


def column(chunk: Chunk, header: Header) -> int:
    return max(k for k, b in enumerate(header.bounds) if chunk.x >= b)


def first_band(limit: float) -> int:
    """Below the header the table starts at once, whether its bottom border was drawn or
    not; on a page it goes on to, at the first rule drawn across it."""
    return 0 if limit != float("inf") else 1


def snap_columns(header: Header, posts: Sequence[Rule], y: float) -> None:
    """Column borders drawn across the table's first row replace the estimated boundaries:
    they hold when a cell's line comes in several pieces (a word at a time)."""
    xs = sorted({round(x, 1) for x, y0, y1 in posts if y0 - 1 <= y <= y1 + 1})
    for k in range(1, len(header.bounds)):
        between = [x for x in xs if header.lefts[k - 1] < x <= header.lefts[k] + 0.5]
        if between:
            header.bounds[k] = max(between) - 0.5


def overflows(line: Sequence[Chunk], header: Header) -> bool:
    """Text far wider than the column it starts in, on a line with no row number: a
    paragraph after a table drawn without borders."""
    if any(row_start(c, header) for c in line):
        return False
    for c in line:
        k = column(c, header)
        if k + 2 < len(header.bounds) and c.x + 0.8 * c.width > header.bounds[k + 2]:
            return True  # it runs on over the whole next column
    return False


def row_start(chunk: Chunk, header: Header) -> tuple[Chunk, str, str] | None:
    """A number or Roman numeral in the STT column (and the title written on after it)."""
    if column(chunk, header) != header.stt:
        return None
    if _ROW_MARKER.match(chunk.text):
        return chunk, chunk.text, ""
    m = _MARKED_TITLE.match(chunk.text)
    if m and "content" in header.fields:  # "II. NHIỆM VỤ ..." across the whole row
        return chunk, m.group(1), m.group(2)
    return None
