"""The parts of a plan around its tasks: the zones of a document (decision, plan, appendices), the
signature block, the issuer's lines in the header, and the body that follows them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cchc_desktop.importer.lines import _AUTHORITY, _POSITIONS, Para, _proper, _roman_head, sentence_case
from cchc_desktop.text.textnorm import fold


@dataclass
class _Zones:
    """A document's paragraphs split where they belong: the decision issuing the plan, the plan, each appendix."""
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
            # a second title line ("KT. BỘ TRƯỞNG, CHỦ NHIỆM" › "CHỦ NHIỆM" › "PHÓ CHỦ NHIỆM" › name:
            # 624/TB-VPCP, 74e2ddc7b11340da) is the signer's position, not the name
            while j < len(paras) and paras[j].text == paras[j].text.upper() and _is_title(paras[j].text):
                if not fold(paras[j].text).startswith(_BODY_WORDS):
                    position = paras[j].text  # a body's name strayed from the authority line is skipped
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


# Words that open a title or a body, never a person's name: a PDF's text may put "ỦY BAN NHÂN DÂN"
# of "TM. ỦY BAN NHÂN DÂN" (Vĩnh Long 2021 read from its PDF) or "PHÓ CHỦ NHIỆM" where the name stands.
_TITLE_WORDS = ("uy ban", "hoi dong", "chu tich", "pho chu tich", "chu nhiem", "pho chu nhiem", "giam doc", "pho giam doc",
                "bo truong", "thu truong", "thu tuong", "pho thu tuong", "truong ban", "pho truong ban", "van phong", "chanh van phong")


_BODY_WORDS = ("uy ban", "hoi dong", "van phong")


def _is_title(text: str) -> bool:
    key = fold(text).strip(" .,:")
    return any(key == w or key.startswith(w + " ") for w in _TITLE_WORDS)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 6 and len(text) <= 50 and all(w[:1].isupper() and w.isalpha() for w in words)
            and not _is_title(text))


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
        # a name wrapped mid-phrase: "BỘ VĂN HÓA, THỂ" › "THAO" › "VÀ DU LỊCH" (448306af3d3a91f7),
        # "THỦ TƯỚNG CHÍNH" › "PHỦ" (1095764e502a89b8): a lone word, or a line going on with "và"
        wrapped = bool(key) and (len(line.split()) == 1 or fold(line).startswith("va ") or key.endswith(","))
        # or cut after its first word: "VĂN" › "PHÒNG CHÍNH PHỦ" (74e2ddc7b11340da); a lone word names no body
        wrapped = wrapped or (bool(key) and len(out[-1].split()) == 1)
        # a Party body's name cut after its organ: "BAN CHẤP HÀNH" › "TRUNG ƯƠNG" (ca9ba61fc61bf961),
        # "BAN CHẤP HÀNH" › "ĐẢNG BỘ TỈNH ...", "BAN THƯỜNG VỤ" › "TỈNH ỦY ..."
        party = key in ("ban chap hanh", "ban thuong vu")
        if cut or whole or wrapped or party:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _proper_body(text: str, province: str) -> str:
    """"Ủy ban nhân dân tỉnh Vĩnh Long" from "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" ("UỶ" is the old
    placement of the same mark)."""
    text = text.replace("UỶ", "ỦY").replace("Uỷ", "Ủy")
    out = sentence_case(text, [province] if province else [])
    if text == text.upper() and re.match(r"^(?:Bộ|Sở|Ban)\s", out):
        # a ministry's or department's name capitalises each field it names: "Bộ Văn hóa, Thể thao
        # và Du lịch" (448306af3d3a91f7), "Sở Khoa học và Công nghệ", "Bộ Lao động - Thương binh và Xã hội"
        out = re.sub(r"(^(?:Bộ|Sở|Ban)\s|,\s|\svà\s|\s-\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), out)
    return out
