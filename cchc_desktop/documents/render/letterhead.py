"""Who heads and signs a document: one function for every printed and exported document.

`letterhead(settings, plans, own_plan=...)` decides, field by field:

- The office's documents (report, evidence list, reminder list): the office in the document
  settings (Thiết lập văn bản) when it names a body, else the issuer of the plan the
  document is about. The signer comes with the header: the settings' signer for the office,
  the plan's signer for the plan's issuer.
- The plan's own pages (the whole plan, an appendix): the plan as issued (its issuer,
  parent body and signer), and the settings only where the plan says nothing.

What is missing is filled in so that a document is never half-headed:

- Place of the date line: the chosen source's place, else the other source's, else the
  locality in the body names ("UBND tỉnh Vĩnh Long" gives "Vĩnh Long", as Nghị định
  30/2020 names the place of a provincial body). With no place at all the place-and-date
  line is left out (`place` empty, `date_line` False) rather than printed without a place.
- No body at all: `known` is False and the header prints the national name and motto
  alone, centred (no empty left column).
- Signature: the authority and position lines are always printed. Without a signer, the
  position is the usual title of the head of the body ("GIÁM ĐỐC" of a Sở, "TM. ỦY BAN NHÂN
  DÂN" / "CHỦ TỊCH" of an Ủy ban, "TRƯỞNG PHÒNG" of a Phòng ...), else "THỦ TRƯỞNG CƠ QUAN";
  the name is printed when known, else the space is left to write it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.store.domain import Plan, split_number_symbol
from cchc_desktop.text.agencies import name_in_sentence
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold, nfc

# (folded prefix of the body's name, authority line, position line), longest prefixes first.
_HEADS: tuple[tuple[str, str, str], ...] = (
    ("van phong doan dbqh", "", "CHÁNH VĂN PHÒNG"),
    ("van phong hdnd", "", "CHÁNH VĂN PHÒNG"),
    ("van phong ubnd", "", "CHÁNH VĂN PHÒNG"),
    ("van phong", "", "CHÁNH VĂN PHÒNG"),
    ("uy ban nhan dan", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("ubnd", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("hoi dong nhan dan", "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    ("hdnd", "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    ("thanh tra", "", "CHÁNH THANH TRA"),
    ("chi cuc", "", "CHI CỤC TRƯỞNG"),
    ("cuc", "", "CỤC TRƯỞNG"),
    ("vu", "", "VỤ TRƯỞNG"),
    ("bo", "", "BỘ TRƯỞNG"),
    ("so", "", "GIÁM ĐỐC"),
    ("phong", "", "TRƯỞNG PHÒNG"),
    ("ban", "", "TRƯỞNG BAN"),
    ("trung tam", "", "GIÁM ĐỐC"),
    ("dai", "", "GIÁM ĐỐC"),
    ("benh vien", "", "GIÁM ĐỐC"),
    ("truong", "", "HIỆU TRƯỞNG"),
)
HEAD_OF_OFFICE = "THỦ TRƯỞNG CƠ QUAN"
_LOCALITY = lazy(r"(?:^|\s)(tỉnh|thành phố|huyện|quận|thị xã|tp\.?)\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Letterhead:
    """The issuing body, the place of the date line and the signer of one document."""

    parent_body: str = ""
    office_name: str = ""
    abbreviation: str = ""  # "STTTT", for "Số: .../BC-STTTT"
    place: str = ""
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    source: str = ""  # "settings", "plan" or "" (nothing known)

    @property
    def known(self) -> bool:
        """Whether any body is named (else the header is the national name and motto alone)."""
        return bool(self.office_name.strip() or self.parent_body.strip())

    @property
    def issuer(self) -> str:
        """The body that issues the document, as in a sentence ("Sở Nội vụ báo cáo ..."): never in
        the capitals of the letterhead ("SỞ NỘI VỤ"), however the name was typed."""
        return name_in_sentence(self.office_name.strip() or self.parent_body.strip())

    @property
    def date_line(self) -> bool:
        """The place-and-date line is printed only with a place."""
        return bool(self.place.strip())

    def symbol(self, kind: str) -> str:
        """"BC-STTTT" for kind "BC"; just "BC" without an abbreviation."""
        abbreviation = self.abbreviation.strip()
        return f"{kind}-{abbreviation}" if abbreviation else kind

    def signature(self) -> tuple[str, str, str]:
        """(authority, position, name) as printed: never without a position line."""
        authority, position, name = (nfc(v).strip() for v in
                                     (self.signer_authority, self.signer_position, self.signer_name))
        if not authority and not position:
            authority, position = head_of(self.issuer)
        return authority, position, name


def head_of(body: str) -> tuple[str, str]:
    """(authority, position) of the head of a body by its kind: "Sở ..." -> ("", "GIÁM ĐỐC")."""
    key = fold(body)
    for prefix, authority, position in _HEADS:
        if key == prefix or key.startswith(prefix + " "):
            return authority, position
    return "", HEAD_OF_OFFICE


def locality(*names: str) -> str:
    """The place named in a body's name: "Vĩnh Long" from "UBND TỈNH VĨNH LONG" (first match)."""
    for name in names:
        for line in nfc(name or "").splitlines():
            m = _LOCALITY.search(" ".join(line.split()))
            if not m:
                continue
            kind, place = m.group(1).lower(), m.group(2).strip(" .,;")
            if place.isupper():
                place = place.title()
            if not place:
                continue
            if kind.startswith("thành phố") and fold(place) == "ho chi minh":
                return "Thành phố Hồ Chí Minh"
            return place
    return ""


def _abbreviation(plan: Plan) -> str:
    _, symbol = split_number_symbol(plan.number)
    return symbol.rsplit("-", 1)[1].strip() if "-" in symbol else ""


def _plan_of(plans: Sequence[Plan]) -> Plan | None:
    """The plan whose issuer heads the document: the first one that names a body."""
    named = [p for p in plans if (p.issuer or p.parent_body).strip()]
    return named[0] if named else (plans[0] if plans else None)


def letterhead(settings: DocumentSettings | None, plans: Sequence[Plan] | Plan | None = (), *,
               own_plan: bool = False) -> Letterhead:
    """Who heads and signs the document (see the module's description)."""
    if isinstance(plans, Plan):
        plans = [plans]
    plan = _plan_of(list(plans or ()))
    s = settings or DocumentSettings()
    office_set = bool(s.office_name.strip() or s.parent_body.strip())
    plan_named = plan is not None and bool((plan.issuer or plan.parent_body).strip())
    if plan is not None and plan_named and (own_plan or not office_set):
        # the plan's issuer; a department's parent body comes with it, never the office's
        head = Letterhead(
            parent_body=plan.parent_body, office_name=plan.issuer,
            abbreviation=_abbreviation(plan) or (s.abbreviation if own_plan else ""),
            place=plan.place or s.place, signer_authority=plan.signer_authority,
            signer_position=plan.signer_position, signer_name=plan.signer_name, source="plan",
        )
        if own_plan and not (plan.signer_authority or plan.signer_position or plan.signer_name).strip():
            head = _with_signer(head, s)
    elif office_set:
        plan_place = plan.place if plan is not None else ""
        head = Letterhead(
            parent_body=s.parent_body, office_name=s.office_name, abbreviation=s.abbreviation,
            place=(plan_place if own_plan else "") or s.place or plan_place, signer_authority=s.signer_authority,
            signer_position=s.signer_position, signer_name=s.signer_name, source="settings",
        )
        if own_plan and plan is not None and (plan.signer_authority or plan.signer_position
                                              or plan.signer_name).strip():
            head = _with_signer(head, plan)
    else:
        head = Letterhead(place=plan.place if plan else "", source="")
        if plan is not None:
            head = _with_signer(head, plan)
    if not head.place.strip():
        head = _replace(head, place=locality(head.parent_body, head.office_name))
    return head


def _with_signer(head: Letterhead, source: DocumentSettings | Plan) -> Letterhead:
    return _replace(head, signer_authority=source.signer_authority, signer_position=source.signer_position,
                    signer_name=source.signer_name)


def _replace(head: Letterhead, **changes: str) -> Letterhead:
    from dataclasses import replace

    return replace(head, **changes)
