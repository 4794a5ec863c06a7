"""Agency names: splitting typed lists, matching names to the registry, merging.

The same agency is written many ways ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình
tỉnh"); the registry keeps one agency with its aliases and abbreviation. A list such as
"Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan" is split only where a
new agency starts, so the comma inside "Sở Văn hóa, Thể thao và Du lịch" never breaks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import clean, fold, one_line


class AgencyRef(Protocol):
    """A name in a task's agency list as the store keeps it (`store.domain.AgencyRef`): the text as
    written, the separator before it, and the registry agency it names, if any."""

    @property
    def text(self) -> str: ...

    @property
    def separator(self) -> str: ...

    @property
    def agency_id(self) -> int | None: ...

# Words that start an agency name or a vague collective phrase. A comma or "và" splits
# a list only when what follows starts with one of these (compared without diacritics).
_HEADS = (
    "so ", "ban ", "bo ", "dai ", "bao ", "ubnd ", "uy ban ", "van phong ", "trung tam ",
    "truong ", "tinh doan", "tinh uy", "hoi ", "lien doan ", "lien minh ", "cong an ",
    "phong ", "cuc ", "chi cuc ", "vien ", "benh vien", "kho bac ", "ngan hang ", "thanh tra ",
    "cac ", "co quan ", "hoi dong ", "mat tran ", "doan ", "dang uy", "huyen uy", "thanh uy",
    "buu dien", "buu chinh", "cong ty ", "cong thong tin", "bo chi huy", "toa an", "vien kiem sat",
    "hdnd", "mttq", "vp ", "stttt", "snv", "stp", "stc", "skhdt", "sgddt", "svhttdl",
    "ubmttq", "tong cong ty", "hiep hoi",
)
_SPLIT = lazy(r"(\s*;\s*|\s*,\s*|\s+và\s+|\s*\n\s*)")


# Generic nouns: a piece that begins with one names a class of bodies, not one agency, and
# goes on the phrase before it ("Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị").
_GENERIC_NOUNS = ("to chuc ", "doan the ", "co quan ", "don vi ", "dia phuong ", "ban nganh ", "hoi doan ")


def _starts_agency(piece: str) -> bool:
    key = fold(piece) + " "
    return any(key.startswith(head) for head in _HEADS)


def _is_abbreviation(word: str) -> bool:
    return len(word) >= 2 and word == word.upper() and word != word.lower()


# Elected and Party bodies a secretariat serves. "Văn phòng HĐND và UBND huyện", "Văn phòng
# Đoàn ĐBQH và HĐND tỉnh", "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh" are each ONE office: the
# bodies it serves are listed first and the locality ("huyện", "tỉnh", a name) closes the whole
# name. So while "Văn phòng" has named only such bodies and no locality yet, a comma or "và"
# followed by another such body goes on with the same name; "Văn phòng UBND tỉnh và UBND
# cấp huyện" (the locality already written) and "Văn phòng HĐND và Sở Nội vụ" are two.
_SERVED_BODY = (
    r"(?:hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan|doan dbqh|doan dai bieu quoc hoi|"
    r"tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy|ubmttq(?:vn)?)"
)
_SECRETARIAT_OPEN = lazy(rf"^(?:van phong|vp)\s+{_SERVED_BODY}(?:\s*(?:,|\bva\b)\s*{_SERVED_BODY})*$")
_SERVED_BODY_START = lazy(rf"^{_SERVED_BODY}\b")


def _continues_secretariat(current: str, piece: str) -> bool:
    return bool(_SECRETARIAT_OPEN.match(fold(one_line(current)))) and bool(_SERVED_BODY_START.match(fold(piece)))


def _starts_new_agency(current: str, piece: str, sep: str = ",", current_known: bool = False) -> bool:
    """Whether `piece`, written after `sep` (a comma or "và"), starts another agency rather
    than going on with `current`.

    It does when it starts with an agency word ("Sở", "UBND", "Ban", "các" ...), except:
    a bare word ("Hội", "ban", "ngành"; an abbreviation such as "STP" still counts), a piece
    beginning with a generic noun ("đoàn thể tỉnh", "cơ quan, đơn vị"), a body a secretariat
    serves after "Văn phòng HĐND" (see `_SERVED_BODY`), and, inside a phrase that began as a
    generic plural ("Các sở, ban, ngành ..."), anything but a named body (written with a
    capital, "UBND cấp huyện") or, after a comma, a new plural ("các cơ quan Trung ương").
    Two plurals joined by "và" name one class of bodies: "Các cơ quan, đơn vị, địa phương và
    các cơ quan, đơn vị liên quan" is one entry, not two, unless the first is a registry name
    (`current_known`) and so complete in itself, or the second opens with a capital "Các" as
    a new item of a list does.
    """
    piece = piece.strip()
    if not piece or not _starts_agency(piece):
        return False
    key = fold(piece)
    words = piece.split()
    if len(words) == 1 and not _is_abbreviation(words[0]):
        return False
    if (key + " ").startswith(_GENERIC_NOUNS):
        return False
    if _continues_secretariat(current, piece):
        return False
    if fold(current.strip()).startswith("cac "):
        if key.startswith("cac "):
            return sep.strip() != "và" or current_known or piece[:1].isupper()
        return piece[:1].isupper()
    return True


@lru_cache(maxsize=64)
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    """The folded registry names (an import splits thousands of cells against the same list)."""
    return frozenset(fold(k) for k in names if k)


def split_agency_parts(text: str, known: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Split a typed list of agencies into (separator, name) pairs.

    The separator is the text written before the name ("" for the first), so that
    `join_agency_parts` gives back the list exactly as written. Semicolons and line
    breaks always separate. Commas and "và" separate only when the next part starts a
    new agency; `known` names (registry names and aliases) are never split, not even
    by a line break.
    """
    # White space is folded within each line only: a line break is a separator (one
    # agency per line in a Word or Excel cell).
    lines = (one_line(line) for line in clean(text).splitlines())
    text = "\n".join(line for line in lines if line)
    if not text:
        return []
    known_keys = _folded(tuple(known))
    parts = _SPLIT.split(text)
    pieces = parts[0::2]
    seps = parts[1::2]
    out: list[tuple[str, str]] = []
    current_sep, current = "", pieces[0]
    for sep, piece in zip(seps, pieces[1:], strict=False):
        hard = sep.strip() == ";"
        joined = current + sep + piece
        joined_key = fold(joined)
        if not hard and any(k.startswith(joined_key) for k in known_keys):
            current = joined
            continue
        if hard or "\n" in sep or _starts_new_agency(current, piece, sep, fold(current.strip(" ,;")) in known_keys):
            if current.strip(" ,;"):
                out.append((current_sep, current.strip(" ,;")))
                current_sep = sep
            current = piece
        else:
            current = joined
    if current.strip(" ,;"):
        out.append((current_sep, current.strip(" ,;")))
    return out


def is_soft_separator(separator: str) -> bool:
    """A comma or "và": where a list is split only by judgement (";" and line breaks always split)."""
    return bool(separator) and ";" not in separator and "\n" not in separator


def guessed_splits(refs: Sequence[AgencyRef]) -> list[int]:
    """Indices of the names in `refs` split from the one before at a comma or "và" although
    not both are registry agencies: the places where the split is a guess, which the task
    form shows so the officer can join the two ("Văn phòng HĐND" | "UBND huyện")."""
    return [
        i for i in range(1, len(refs))
        if is_soft_separator(refs[i].separator) and not (refs[i - 1].agency_id and refs[i].agency_id)
    ]


def split_agency_list(text: str, known: Iterable[str] = ()) -> list[str]:
    """Names only, from `split_agency_parts`."""
    return [name for _, name in split_agency_parts(text, known)]


def join_agency_parts(parts: Iterable[tuple[str, str]]) -> str:
    """The list as written; a name added without a separator is joined with "; "."""
    out = []
    for i, (sep, name) in enumerate(parts):
        if i:
            out.append(sep if sep else "; ")
        out.append(name)
    return "".join(out)


def refs_text(refs: Iterable[AgencyRef]) -> str:
    """A task's lead or partner list as the officer wrote it (names with their separators)."""
    return join_agency_parts((r.separator, r.text) for r in refs)


# A registry to start with: agencies every province's plans name, with the short forms
# the documents use. Province-specific names (Báo Vĩnh Long ...) are added by the officer.
DEFAULT_AGENCIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Văn phòng UBND tỉnh", "VP UBND tỉnh", ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND tỉnh")),
    ("Sở Nội vụ", "SNV", ()),
    ("Sở Thông tin và Truyền thông", "STTTT", ("Sở TT&TT", "Sở TTTT")),
    ("Sở Tư pháp", "STP", ()),
    ("Sở Tài chính", "STC", ()),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("Sở VHTTDL", "Sở VH-TT-DL", "Sở Văn hóa - Thể thao và Du lịch")),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", ("Sở GD&ĐT", "Sở GDĐT")),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", ("Sở KH&ĐT", "Sở KHĐT")),
    ("Sở Công Thương", "SCT", ()),
    ("Sở Y tế", "SYT", ()),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", ("Sở LĐ-TB&XH",)),
    ("Sở Tài nguyên và Môi trường", "STNMT", ("Sở TN&MT",)),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", ("Sở NN&PTNT",)),
    ("Sở Khoa học và Công nghệ", "SKHCN", ("Sở KH&CN",)),
    ("Sở Xây dựng", "SXD", ()),
    ("Sở Giao thông vận tải", "SGTVT", ()),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH", ("Đài PT-TH tỉnh", "Đài PTTH tỉnh", "Đài Phát thanh - Truyền hình tỉnh")),
    ("Trung tâm Phục vụ hành chính công tỉnh", "TT PVHCC", ("Trung tâm PVHCC tỉnh", "TT PVHCC tỉnh")),
    ("Trường Chính trị tỉnh", "", ()),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVN tỉnh", ("UBMTTQ Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh")),
    ("Tỉnh đoàn", "", ("Tỉnh Đoàn",)),
    ("Công an tỉnh", "", ()),
    ("UBND các huyện, thị xã, thành phố", "UBND cấp huyện", ("Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND huyện, thị xã, thành phố")),
    ("UBND cấp xã", "", ("UBND các xã, phường, thị trấn", "Ủy ban nhân dân cấp xã")),
    ("Trung tâm Văn hóa - Thông tin và Thể thao cấp huyện", "", ("Trung tâm VHTT&TT cấp huyện", "Trung tâm Văn hóa, Thông tin và Thể thao cấp huyện")),
    ("Các sở, ban, ngành tỉnh", "", ("Các sở, ban, ngành", "Các Sở, Ban, ngành tỉnh")),
)

# Phrases that are not one agency; kept as written, never proposed as new agencies.
VAGUE_PREFIXES = (
    "cac co quan", "co quan, don vi", "cac don vi", "cac to chuc", "cac dia phuong", "don vi lien quan",
    "cac hoi", "cac doan the", "to chuc dang", "doan the", "hoi, doan",
)


def is_vague_phrase(name: str) -> bool:
    key = fold(name)
    return key.startswith(VAGUE_PREFIXES) or "lien quan" in key


# --------------------------------------------------------------------------- names in sentences

# Words of a body's type after which the next word starts the name proper, written with a capital
# ("Sở Thông tin và Truyền thông", "Phòng Văn hóa và Thông tin"), compared without diacritics.
_BODY_TYPES = ("van phong", "trung tam", "chi cuc", "benh vien", "thanh tra", "so", "phong", "ban", "bo",
               "cuc", "dai", "truong", "vien")
# After these the rest of the name is a place, every word with a capital ("tỉnh Vĩnh Long").
_PLACE_WORDS = ("thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong")
_NOT_PLACES = ("xa hoi",)  # "Lao động - Thương binh và Xã hội"
_SYLLABLE = lazy(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]+(?:ng|nh|ch|[cmnptiyou])?$")


def _is_abbreviation_word(word: str) -> bool:
    """"UBND", "HĐND", "TT&TT": a word of capitals that is no Vietnamese syllable."""
    key = fold(word).strip(".,;:()")
    return bool(key) and not _SYLLABLE.match(key)


def name_in_sentence(name: str, known: Iterable[str] = ()) -> str:
    """A body's name as written inside a sentence ("..., Sở Thông tin và Truyền thông báo cáo").

    Letterheads print names in capitals and officers often type them so; inside a sentence the
    name takes its usual case (Nghị định 30/2020, Phụ lục II): a registry name (`known`) as the
    registry writes it, else capitals only on the first word, on the first word of the name
    proper after the body's type and after "và", on abbreviations and on a place name. A name
    already written in mixed case is kept as written."""
    text = one_line(name)
    if not text or text != text.upper() or text == text.lower():
        return text
    key = fold(text)
    for candidate in known:
        if fold(candidate) == key:
            return one_line(candidate)
    words = text.split(" ")
    folded = [fold(w) for w in words]
    type_length = 2 if " ".join(folded[:2]) in _BODY_TYPES else 1 if folded[0] in _BODY_TYPES else 0
    out: list[str] = []
    capital_next = in_place = False
    for i, word in enumerate(words):
        if _is_abbreviation_word(word):
            out.append(word)
        elif i == 0 or in_place or capital_next or (type_length and i == type_length):
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word.lower())
        capital_next = folded[i] in ("va", "-") or word.endswith(",")
        two = " ".join(folded[i - 1:i + 1]) if i else ""
        if i and (two in _PLACE_WORDS or (folded[i] in _PLACE_WORDS and " ".join(folded[i:i + 2]) not in _NOT_PLACES)):
            in_place = True  # the rest names the place
    return " ".join(out)

