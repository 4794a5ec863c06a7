"""Orders written inside paragraphs: the way a notice of conclusions, a telegram or a letter gives
its tasks, where a plan would write one task per line.

- "Các nội dung kết luận ... thống nhất kết luận như sau:" › "III. NHIỆM VỤ, GIẢI PHÁP ..." : after
  the sentence that opens the orders, the sections named for tasks hold them (`order_sections`);
- "a) Bộ Khoa học và Công nghệ: (1) trình ...; (2) chủ trì ...; (3) ..." : one paragraph, several
  orders to one agency, each with its own deadline (`inline_items`);
- "(2) Bộ Công an chủ trì ... trước ngày 25 tháng 11 năm 2025; Các bộ, ngành, địa phương căn cứ
  hướng dẫn ... trước ngày 10 tháng 12 năm 2025; Bộ Công an tổng hợp ..." : a clause that opens
  with its own agency is an order of its own (`own_clauses`, the subject test given by the caller).

Cases: the notice 624/TB-VPCP (corpus 74e2ddc7b11340da, section III) and a notice of our own in
tests/importer/test_orders_anatomy.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold

# the section titles that hold orders, after the sentence that opens them
_ORDER_TITLES = ("nhiem vu", "cac nhiem vu", "giai phap", "ket luan", "chi dao", "yeu cau")
# "Văn phòng Chính phủ trân trọng thông báo để các đồng chí biết ...": the notice's closing formula
_NOTICE_CLOSING = ("tran trong thong bao", "thong bao de cac", "thong bao de cac co quan")
_INLINE = lazy(r"(?:^|(?<=[;:.,])\s+|^\s*)\((\d{1,2})\)\s*")


def order_sections(marks: Sequence[tuple[str, str]], opens: Callable[[str], bool]) -> list[list[int]]:
    """The paragraphs (indices) of each Roman section named for tasks, after the sentence that opens
    a document's orders, before its first Roman heading; `marks` gives each paragraph's (kind,
    text after the mark) as `prose.marker` does; `opens` tells the opening sentence."""
    romans = [i for i, (kind, _) in enumerate(marks) if kind == "roman"]
    if not romans or not any(kind == "" and opens(text) for kind, text in marks[: romans[0]]):
        return []
    out = []
    for n, i in enumerate(romans):
        if fold(marks[i][1]).startswith(_ORDER_TITLES):
            out.append(list(range(i + 1, romans[n + 1] if n + 1 < len(romans) else len(marks))))
    return out


def topic_texts(first: tuple[str, list[int]] | None, paras: Sequence[tuple[str, str, list[int]]]) -> list[tuple[str, list[int]]]:
    """The paragraphs under a topic heading (its text after the colon first, when there is one),
    a paragraph in lower case without a mark joined to the one before (a line the page cut), up
    to the notice's closing formula. `paras`: (kind of mark, text, lines)."""
    texts = [first] if first and first[0] else []
    for kind, text, lines in paras:
        kept = _before_closing(text)
        if kept is not None:
            if kept.strip():
                texts.append((kept, list(lines)))
            break
        if texts and not kind and text[:1].islower():
            texts[-1] = (f"{texts[-1][0]} {text}", texts[-1][1] + lines)
        else:
            texts.append((text, list(lines)))
    return texts


# "Ủy ban nhân dân các tỉnh, thành phố: Hà Nội, Cần Thơ ..." : a name ending with the kinds of places it
# lists after a colon
_PLACES_NAMED = lazy(r"\bcác\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
                     r"(?:\s*(?:,|và)\s*(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))*"
                     r"(?:\s+trực thuộc\s+(?:trung ương|tỉnh))?\s*$", re.I)
_PROPER = r"[A-ZĐÀ-Ỹ][^\s,;:.]*(?:\s+[A-ZĐÀ-Ỹ0-9][^\s,;:.]*)*"
_PLACE_LIST = lazy(rf"\s*{_PROPER}(?:\s*(?:,|và|,\s*và)\s*{_PROPER})*(?=\s+[a-zđà-ỹ]|\s*:)")


def name_partition(text: str) -> tuple[str, str, str]:
    """`text.partition(":")`, except where the colon stands inside an agency's name, before the
    places it names ("Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ thực hiện ...": 74e2ddc7b11340da
    III.5.l; "UBND các xã: Hòa Bình, Tân Phú chủ trì ...": a plan of our own in
    tests/importer/test_district_plan.py): then the colon after the list, or none."""
    name, sep, after = text.partition(":")
    if sep and _PLACES_NAMED.search(name):
        listed = _PLACE_LIST.match(after)
        # two names at least, or one of two words: "Tổ chức ..." after the colon is the duty
        if listed and (re.search(r",|\svà\s", listed.group(0)) or len(listed.group(0).split()) >= 2):
            rest = after[listed.end():]
            if rest.lstrip().startswith(":"):
                return name + sep + after[: listed.end()], ":", rest.lstrip()[1:]
            return text, "", ""
    return name, sep, after


def split_orders(text: str, heading: Callable[[str], str], subject: Callable[[str], str]) -> tuple[str, list[str]]:
    """(agency, its orders) for "Bộ X: (1) ...; (2) ..." (`heading` gives the agency a heading
    names, "" when none); ("", the items or clauses) otherwise."""
    name, sep, after = name_partition(text)
    agency = heading(name) if sep and after.strip() else ""
    if agency:
        return agency, inline_items(after) or [after.strip()]
    return "", [c for item in inline_items(text) or [text] for c in own_clauses(item, subject)]


def _before_closing(text: str) -> str | None:
    """The text before the notice's closing sentence, None when it holds none (a paragraph and the
    closing sentence a page joined: "b) Các bộ ... quyết định. Văn phòng Chính phủ trân trọng thông báo ...")."""
    key = fold(text)
    at = min((key.find(c) for c in _NOTICE_CLOSING if c in key), default=-1)
    if at < 0:
        return None
    cut = max(text.rfind(". ", 0, at), text.rfind(".\n", 0, at))
    return text[: cut + 1] if cut >= 0 else ""


def inline_items(text: str) -> list[str]:
    """"(1) ...; (2) ...; (3) ..." → the items, when they are numbered 1, 2, 3 ... in turn, each
    opening the text or following a ";", ":" or "."; [] otherwise. What stands before "(1)" is
    not an item."""
    marks = [m for m in _INLINE.finditer(text)]
    chosen: list[re.Match[str]] = []
    for m in marks:
        if int(m.group(1)) == len(chosen) + 1:
            chosen.append(m)
    if len(chosen) < 2:
        return []
    items = []
    for k, m in enumerate(chosen):
        end = chosen[k + 1].start() if k + 1 < len(chosen) else len(text)
        items.append(text[m.end():end].strip(" ;,"))
    return [i for i in items if i]


def own_clauses(text: str, subject: Callable[[str], str]) -> list[str]:
    """The text cut before each "; X ..." clause that opens with its own agency (a capital letter and
    a subject), the clauses without one staying with the order before them."""
    parts = re.split(r";\s+", text)
    out: list[str] = []
    for part in parts:
        if out and not (part[:1].isupper() and subject(part)):
            out[-1] = f"{out[-1]}; {part}"
        else:
            out.append(part)
    return [p.strip(" ;") for p in out if p.strip(" ;")]
