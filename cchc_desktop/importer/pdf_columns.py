"""A PDF printed from a page-wide layout table of narrow columns: a document saved from a
legal-document library's web page (the page is one table; the document sits in one of its
cells, a task table's cells in others) and printed by a word processor, which gives each
column a few centimetres or less. Every cell then comes out a word or a few letters a line,
words too long for the column cut without a hyphen ("TƯỚN" › "G", "Ng" › "hiê" › "n"), and
the lines of neighbouring cells side by side.

`narrow_layout` finds the table from the borders drawn on the pages (rows between the rules
across it, cells between the borders down each row, a row cut by a page break going on at the
top of the next page), and reads each cell down its column: a line ending short of the cell's
right edge where the next line's first word would have fitted ends a paragraph; a line of one
word filling the column, followed by what makes one Vietnamese syllable with it ("cứ" › "u,"),
or a code cut after a slash or a hyphen ("10894/" › "VPCP-" › "CN"), is one word again. The
rows come out as the Word reader gives the same table's rows: one cell per column of the
table's grid, a merged cell's text in its first column, paragraphs on lines of their own.
Cases: the Prime Minister's telegram 224/CĐ-TTg (columns of 54 pt, 8 to a row), decision
2530/QĐ-TTg (15 columns of 29 pt) and the Government Office's notice 624/TB-VPCP (25 pt; bold
headings without a colon over "a) Bộ X: (1) ...", "VNe" › "ID") saved from thuvienphapluat.vn; a
letter and a notice of our own in tests/importer/test_pdf_columns.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cchc_desktop.importer.pdf_layout import Chunk, Rule, visual_lines
from cchc_desktop.text.textnorm import fold

Page = tuple[str, "list[Chunk] | None", "list[Rule]", "list[Rule]"]

# Widths of Times New Roman (metrics of Times-Roman and Times-Bold, /1000 em), the font of
# Vietnamese administrative documents; a Vietnamese letter takes its base letter's width.
_ASCII = "".join(chr(i) for i in range(32, 127))
_REGULAR = dict(zip(_ASCII, (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541), strict=True))
_BOLD = dict(zip(_ASCII, (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520), strict=True))

_NARROW = 10.0  # a cell narrower than this many font sizes (130 pt at 13 pt, some 25 letters) is a narrow column
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def text_width(text: str, size: float, bold: bool = False) -> float:
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        w = table.get(ch)
        if w is None:
            base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1]
            w = table.get(base, 500)
        total += w
    return total * size / 1000


# ----------------------------------------------------------------------------- syllables

_ONSETS = ("", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
           "r", "s", "t", "th", "tr", "v", "x")
# Rhymes without their marks (ă, â as a; ê as e; ô, ơ as o; ư as u), from the rhymes of Vietnamese.
_RHYMES = (
    "a ai ao au ay ac ach am an ang anh ap at e eo ec ech em en eng enh ep et eu i ia iu ic ich im in inh ip it "
    "iec iem ien ieng iep iet ieu y yen yet yeu yem o oi oc om on ong op ot oa oai oay oao oac oach oam oan oang "
    "oanh oap oat oe oeo oen oet oec ooc oong u ua ui uu uc um un ung up ut uy uya uyu uych uyen uyet uynh uyt uyn "
    "uan uang uat uac uay ue uenh uoc uoi uom uon uong uop uot uou uo uen uet"
).split()


@lru_cache(maxsize=1)
def _syllables() -> tuple[frozenset[str], frozenset[str]]:
    """Every written Vietnamese syllable without its marks, and every beginning of one."""
    whole = {onset + rhyme for onset in _ONSETS for rhyme in _RHYMES}
    whole |= {"gi", "gin", "gic"}  # "gì", "gìn": gi before i
    starts = {s[:n] for s in whole for n in range(1, len(s) + 1)}
    return frozenset(whole), frozenset(starts)


_STOP_END = re.compile(r"[aeiouy](?:c|ch|p|t)$")


def _marks_fit(text: str, key: str) -> bool:
    """One tone at most, and after a final c, ch, p or t only sắc or nặng ("vềch" is no syllable)."""
    tones = [ch for ch in unicodedata.normalize("NFD", text) if ch in _TONES]
    return len(tones) <= 1 and not (tones and tones[0] not in "\u0301\u0323" and _STOP_END.search(key))


def _syllable_start(text: str) -> bool:
    key = fold(text)
    return key in _syllables()[1] and _marks_fit(text, key)


def _syllable(text: str) -> bool:
    key = fold(text)
    return key in _syllables()[0] and _marks_fit(text, key)


# ----------------------------------------------------------------------------- a cell's lines

_MARKER = re.compile(r"^(?:[-+•](?:\s|$)|[IVXL]{1,5}\.(?:\s|$)|\d{1,2}(?:\.\d{1,2})*[.)](?:\s|$|(?=[^\W\d_]))|[a-zđ]\)(?:\s|$)|\[\d+\]|Điều\s+\d)")
_RULE_LINE = re.compile(r"^[-_*=.~–—\s]{3,}$")
_TAIL = re.compile(r"[^\W\d_]+$")


@dataclass
class _Line:
    """One line of text in a PDF cell, with where it starts and ends and how it is set."""
    text: str
    start: float
    end: float  # where the line's text ends
    size: float
    bold: bool
    single: bool  # one word


def _line(chunks: Sequence[Chunk], scale: float = 1.0) -> _Line:
    """A visual line of a cell; `scale`: the font's widths against Times New Roman's."""
    text = ""
    end = chunks[0].x
    for c in chunks:
        if text and not re.match(r"[.,;:!?)\]]", c.text) and c.x - end > -0.2 * c.size:
            text += " "
        text += c.text
        end = c.x + text_width(c.text, c.size * scale, c.bold)
    return _Line(text=text, start=chunks[0].x, end=end, size=chunks[0].size * scale, bold=all(c.bold for c in chunks),
                 single=" " not in text)


@dataclass
class _Words:
    """The words a document writes where no doubt arises, to decide where one does: "và" › "ng" ›
    "uồn" is "và nguồn" or "vàng uồn", "dự" › "ng" › "hệ" is "dựng hệ" or "dự nghệ"."""

    counts: Counter[str] = field(default_factory=Counter)  # words read, in small letters
    starts: Counter[str] = field(default_factory=Counter)  # the beginnings of those words
    doubtful: list[str] = field(default_factory=list)  # words read where the doubt arose

    def learn(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.counts.update(w.lower() for w in re.findall(r"[^\W\d_]+", text))
        self.counts.subtract(self.doubtful)
        for word, n in self.counts.items():
            for k in range(1, len(word) + 1):
                self.starts[word[:k]] += max(n, 0)

    def whole(self, a: str, b: str, then: str) -> bool:
        """"ab" and a word beginning "then" rather than "a" and a word beginning "bthen": the
        reading whose words the document writes more often ("đồ" › "ng" › "hiệu": "đồng hiệu")."""
        a, b, then = a.lower(), b.lower(), then.lower()
        if self.starts[b + then] <= 0:
            return True  # the document writes no word beginning "bthen" ("Tổ" › "ng" › "hợp")
        return (self.counts[a + b] + 1) * (self.starts[then] + 1) >= (self.counts[a] + 1) * (self.starts[b + then] + 1)


def _glued(prev: _Line, before: str, first: str, room: float, after: str = "", words: _Words | None = None) -> bool:
    """The line `prev` (the text so far `before`) ends inside a word that `first`, the next
    line's first word, goes on with (`after`: the first word of the line after that, when the
    next line is that one word and fills the column: it may be the start of a word cut again)."""
    word = before.rsplit(" ", 1)[-1]
    if first[:1] in ",.;:)]!?%" and (word[-1:].isalnum() or (word[-1:] in ")]”’\"" and first[:1] != ")")):
        return True  # punctuation pushed to the next line ("tục" › ",", "100" › "%", "bao)" › ";")
    if len(word) > 1 and word[-1] in "-/" and word[-2].isalnum() and first[:1].isalnum():
        # a code cut after its slash or hyphen ("10894/" › "VPCP-" › "CN"): the rest did not fit
        return room < text_width(first, prev.size, prev.bold) + 0.25 * prev.size
    if room > text_width(first[:1], prev.size, prev.bold) + 0.25 * prev.size:
        return False  # the column had room for more of the word
    if not prev.single:
        return False
    if len(first) > 1 and first[0] in "-/" and first[1].isalnum() and word[-1:].isalnum():
        return True  # "224/CĐ" › "-TTg"
    if word[-1:].isdigit() and first[:1].isdigit():
        return True  # "20/11/2" › "025"
    if re.search(r"\d\.$", word) and re.match(r"\d{3}(?!\d)", first):
        return True  # thousands: "500." › "000"
    if re.fullmatch(r"[IVXL]+", word) and re.fullmatch(r"[IVXL]+\.?", first):
        return True  # a Roman numeral: "VI" › "I"
    tail = _TAIL.search(word)
    head = re.match(r"[^\W\d_]+", first)
    if tail is None or head is None:
        return False
    if head.end() < len(first) and first[head.end()].isalnum():
        return False
    a, b = tail.group(), head.group()
    if b[0].isupper() and not a[-1].isupper() and (_syllable_start(a) or a[1:].islower()):
        return False  # a capital opens a word: "và" › "Môi" (not after "VNe", no Vietnamese word: "VNe" › "ID")
    following = re.match(r"[^\W\d_]+", after)
    then = following.group() if following else ""
    if _syllable_start(a + b):
        if not _syllable(a):
            return True  # a piece of a word goes on: "Ng" › "hiê" › "n", "TƯỚN" › "G"
        if _syllable(a + b):
            # "cứ" › "u,", "là" › "m"; "dự" › "ng" › "hệ" and "và" › "ng" › "uồn" are read both ways:
            # the words the document writes elsewhere decide (the word the two lines make, at first)
            if then and not _syllable(b) and _syllable_start(b + then) and not _syllable_start(a + b + then) and words is not None:
                if words.counts:
                    return words.whole(a, b, then)
                words.doubtful.append((a + b).lower())
            return True
        return bool(then) and _syllable_start(a + b + then)  # "THỦ" › "T" › "ƯỚNG" is "THỦ TƯỚNG"
    if re.search(r"[\d/]", word) and not _syllable(b) and (a[-1].isupper() or not _syllable_start(a)):
        return True  # a code cut: "8563/V" › "PCP", "2530/QĐ-TT" › "g"
    starts_word = _syllable(b) or (bool(then) and _syllable_start(b + then))
    if a.isupper() and b.isupper() and not starts_word and (not _syllable_start(a) or len(a) < 3):
        return True  # an abbreviation cut a letter or two a line: "U" › "B" › "N" › "D"
    if not a.isupper() and not _syllable_start(a) and not _syllable(b):
        return True  # a word of another language: "Intellec" › "tual"
    if a.isupper() and b[0].islower() and not _syllable_start(b):
        return True  # capitals going on in small letters no Vietnamese word begins with: "VN" › "eI" › "D"
    return False


def _new_paragraph(prev: _Line, before: str, text: str, room: float) -> bool:
    """The next line `text` starts a paragraph: the column had room for its first word, or it
    opens an item after a sentence's end or after a numbered heading ("1. Sở Nội vụ" › "- Chủ
    trì ..."), or text in small letters follows a heading in capitals ("YÊU CẦU" › "Nâng cao")."""
    first = text.split(" ", 1)[0]
    if _RULE_LINE.match(text) or _RULE_LINE.match(prev.text):
        return True  # a line drawn with dashes ("-------" under the issuer) stands alone
    if room > text_width(" " + first, prev.size, prev.bold) + 0.08 * (prev.end - prev.start) + 0.3 * prev.size:
        return True  # the next line's first word would have fitted: the paragraph ended
    paragraph = before.rsplit("\n", 1)[-1]
    letters = re.sub(r"[\W\d_]", "", paragraph)
    capitals = len(letters) > 3 and letters.isupper()
    if _MARKER.match(text):
        if before.rstrip()[-1:] in ".;:!?" or capitals:
            return True  # after a sentence's end or a heading in capitals
        if text[:1] in "-+•" and _MARKER.match(paragraph) and paragraph[:1] not in "-+•" and len(paragraph) < 100:
            return True  # "1. Sở Nội vụ" › "- Chủ trì ..."
        if re.match(r"[a-zđ]\)", text) and re.match(r"(?:\d{1,2}|[IVXL]{1,5})\.\s", paragraph) and len(paragraph) < 100:
            return True  # a heading without its colon, then its lettered items: "5. Nhiệm vụ cụ thể" › "a) Bộ X: ..."
        if re.match(r"[IVXL]{1,5}\.(?:$|\s+\S*[^\W\d_]{2})", text) and (text.split(" ")[1:2] or ["X"])[0].isupper():
            return True  # "I. MỤC ĐÍCH" after the title's last line
    return capitals and first[:1].isupper() and any(ch.islower() for ch in first)


def read_cell(lines: Sequence[Sequence[Chunk]], right: float, scale: float = 1.0, words: _Words | None = None) -> str:
    """A cell's visual lines (in reading order, across pages) as its paragraphs, one a line;
    `right` is where the cell's text may run to, `scale` the font's widths against Times New Roman's,
    `words` the document's words (learnt from a first reading) where a line ends in doubt."""
    paras: list[str] = []
    current = ""
    prev: _Line | None = None
    parsed = [_line(chunks, scale) for chunks in lines]
    for n, line in enumerate(parsed):
        if prev is None:
            current = line.text
        else:
            room = right - prev.end
            first = line.text.split(" ", 1)[0]
            full = n + 1 < len(parsed) and line.single and right - line.end < text_width(parsed[n + 1].text[:1], line.size, line.bold) + 0.25 * line.size
            if _new_paragraph(prev, current, line.text, room):
                paras.append(current)
                current = line.text
            elif _glued(prev, current, first, room, parsed[n + 1].text.split(" ", 1)[0] if full else "", words):
                current += line.text
            else:
                current += " " + line.text
        prev = line
    if current:
        paras.append(current)
    return "\n".join(paras)


# ----------------------------------------------------------------------------- the table


@dataclass
class _Row:
    """One table row of a PDF page being assembled: its column borders and the lines in each cell."""
    grid: tuple[float, ...]  # the borders down the row
    cells: dict[float, list[list[Chunk]]] = field(default_factory=dict)  # left border -> lines
    rights: dict[float, float] = field(default_factory=dict)  # left border -> where text may run to
    at_foot: set[float] = field(default_factory=set)  # cells whose text runs to the foot of the page


def _near(values: Sequence[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _page_bands(chunks: list[Chunk], rules: Sequence[Rule], posts: Sequence[Rule]) -> tuple[list[Chunk], list[tuple[tuple[float, ...], list[Chunk]]], list[Chunk]]:
    """The page's text above the table, the rows (bands between rules) with their borders and
    text, and the text below it."""
    rules = [r for r in rules if r[1] > 1]  # a frame drawn round the whole page is not the table's
    posts = [p for p in posts if p[1] > 1]
    if not rules or not posts:
        return chunks, [], []
    left, right = min(r[1] for r in rules), max(r[2] for r in rules)
    ys = _near([r[0] for r in rules if r[2] - r[1] >= 0.4 * (right - left)], 1.0)
    ys.sort(reverse=True)
    if len(ys) < 2:
        return chunks, [], []
    above = [c for c in chunks if c.y > ys[0]]
    below = [c for c in chunks if c.y < ys[-1]]
    bands: list[tuple[tuple[float, ...], list[Chunk]]] = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        mid = (top + bottom) / 2
        grid = tuple(_near([x for x, y0, y1 in posts if y0 - 1 <= mid <= y1 + 1 and left - 2 <= x <= right + 2]))
        inside = [c for c in chunks if bottom <= c.y <= top]
        bands.append((grid, inside))
    return above, bands, below


def narrow_layout(pages: Sequence[Page]) -> list[tuple[str, list[str] | None]] | None:
    """The lines and rows of a document printed from a layout table of narrow columns, or None
    when most of its text is not in such columns."""
    laid: list[tuple[list[Chunk], list[tuple[tuple[float, ...], list[Chunk]]], list[Chunk]]] = []
    narrow = total = 0
    for _text, chunks, rules, posts in pages:
        if chunks is None:
            return None  # turned text: not this layout
        above, bands, below = _page_bands(chunks, rules, posts)
        laid.append((above, bands, below))
        total += sum(len(c.text) for c in chunks)
        for grid, inside in bands:
            for c in inside:
                k = sum(1 for x in grid if x <= c.x + 0.5)
                if 0 < k < len(grid) and grid[k] - grid[k - 1] < _NARROW * c.size:
                    narrow += len(c.text)
    if not total or narrow * 2 < total:
        return None
    columns = _near([x for _, bands, _ in laid for grid, _ in bands for x in grid])
    out: list[tuple[str, list[str] | None]] = []
    open_row: _Row | None = None
    rows: list[_Row] = []

    def close() -> None:
        nonlocal open_row
        if open_row is None:
            return
        rows.append(open_row)
        out.append(("", []))  # filled once every cell is known
        open_row = None

    def text_lines(chunks: list[Chunk]) -> None:
        for line in visual_lines(chunks):
            out.append((_line(line).text, None))

    for above, bands, below in laid:
        filled = [(grid, inside) for grid, inside in bands if inside]
        if above:
            close()
            text_lines(above)
        for n, (grid, inside) in enumerate(filled):
            outside: list[Chunk] = []
            by_cell: dict[float, list[Chunk]] = {}
            for c in inside:
                k = sum(1 for x in grid if x <= c.x + 0.5)
                if 0 < k < len(grid):
                    by_cell.setdefault(grid[k - 1], []).append(c)
                else:
                    outside.append(c)
            # a row cut by the page break goes on at the top of the next page: there, only the
            # cells whose text ran to the foot of the page before go on (a new row starts with
            # its short cells, its number, as well)
            goes_on = (n == 0 and not above and open_row is not None and open_row.grid == grid
                       and set(by_cell) <= open_row.at_foot)
            if not goes_on:
                close()
                open_row = _Row(grid=grid)
            row = open_row
            assert row is not None
            for x, cell in by_cell.items():
                right = grid[grid.index(x) + 1]
                pad = max(min(c.x for c in cell) - x, 0.0)
                row.rights[x] = min(row.rights.get(x, right - pad), right - pad)
                row.cells.setdefault(x, []).extend(visual_lines(cell))
            lowest = {x: min(c.y for c in cell) for x, cell in by_cell.items()}
            foot = min(lowest.values(), default=0.0)
            size = max((c.size for c in inside), default=0.0)
            row.at_foot = {x for x, y in lowest.items() if y - foot < 1.6 * size}
            if outside:
                text_lines(outside)
        if below:
            close()
            text_lines(below)
    close()
    scale = _scale(rows)
    words = _Words()  # a first reading learns the document's words, the second reads with them
    words.learn([read_cell(lines, row.rights[x], scale, words) for row in rows for x, lines in row.cells.items()])
    it = iter(rows)
    for k, (_, cells) in enumerate(out):
        if cells is None:
            continue
        row = next(it)
        cells = [""] * max(len(columns) - 1, 1)
        for x, lines in row.cells.items():
            n = min(range(len(columns)), key=lambda i: abs(columns[i] - x))
            cells[min(n, len(cells) - 1)] = read_cell(lines, row.rights[x], scale, words if words.doubtful else None)
        while cells and not cells[-1]:
            cells.pop()
        out[k] = ("\t".join(c.replace("\n", " ") for c in cells), cells)
    return out


def _scale(rows: Sequence[_Row]) -> float:
    """The font's widths against Times New Roman's, from the cells of many lines: their widest
    line about fills the column (a document in another font, or a font put in its place)."""
    ratios = []
    for row in rows:
        for x, lines in row.cells.items():
            if len(lines) < 8:
                continue
            widest = max(_line(line).end - line[0].x for line in lines)
            start = min(line[0].x for line in lines)
            if widest > 0:
                ratios.append((row.rights[x] - start) / widest)
    if not ratios:
        return 1.0
    ratios.sort()
    return min(max(ratios[len(ratios) // 2], 0.7), 1.5)
