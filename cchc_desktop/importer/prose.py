"""Tasks written as prose: the anatomy of a Vietnamese plan's body, read the same way for
every province.

A plan numbers its body in levels — I. (sections), 1. / 1.1. (items), a) (sub-items), then
"-" and "+" bullets — and writes a task as its content followed by labelled lines (the lead,
the partners, the time frame), the labels inline ("Cơ quan chủ trì: Sở Nội vụ") or on their
own line with the value below ("b) Cơ quan thực hiện:" then "- Đơn vị chủ trì: ..."). The
section "Tổ chức thực hiện" assigns duties per agency instead: an agency heading
("1. Sở Nội vụ") over bullets, or a sentence whose subject is the agency ("Sở Tài chính chủ
trì, phối hợp với ... bố trí kinh phí"). Each rule below lives in one place with the cases
that justify it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from cchc_desktop.importer.orders import name_partition, order_sections, split_orders, topic_texts
from cchc_desktop.importer.written_time import time_in_text
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold


class ParaLike(Protocol):
    text: str
    lines: list[int]


# --------------------------------------------------------------------------- labels

# (pattern on the folded label without its parenthesised remarks, field). Cases:
#   content   "Nhiệm vụ", "Nội dung", "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Hoạt động", "Nội dung công việc"
#   lead      "Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì thực hiện", "Đơn vị chủ trì (tham mưu) thực hiện",
#             "Đơn vị chủ trì tham mưu thực hiện", "Cơ quan/Đơn vị thực hiện", "Cơ quan, đơn vị thực hiện",
#             "Đơn vị thực hiện", "Trách nhiệm thực hiện", "Đơn vị tham mưu"
#   partners  "Cơ quan phối hợp", "Đơn vị phối hợp (thực hiện)", "Cơ quan, đơn vị phối hợp", "Phối hợp"
#   time      "Thời gian thực hiện", "Thời gian", "Thời hạn (hoàn thành)", "Thời gian hoàn thành",
#             "Tiến độ (thực hiện)", "Thời gian dự kiến hoàn thành", "Thời điểm hoàn thành"
#   funding   "Kinh phí", "Nguồn kinh phí", "Kinh phí thực hiện"
#   method    "Cách thức (thực hiện)", "Hình thức (thực hiện)"
#   output    "Sản phẩm (dự kiến)", "Chỉ tiêu", "Kết quả (dự kiến, đầu ra)"
# "phối hợp" is tested before "chủ trì": "Đơn vị phối hợp" never leads.
LABEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy(r"^(?:ten |noi dung )?(?:nhiem vu|cong viec|hoat dong)(?: cu the| chinh)?$"), "content"),
    (lazy(r"^noi dung(?: nhiem vu| cong viec| hoat dong| thuc hien)?$"), "content"),
    (lazy(r"^(?:(?:co quan|don vi|cq|dv)\s*)*phoi hop(?: thuc hien)?$"), "partners"),
    (lazy(r"^(?:(?:co quan|don vi|cq|dv)\s*)*chu tri(?: tham muu)?(?: thuc hien)?$"), "lead"),
    (lazy(r"^(?:(?:co quan|don vi|cq|dv)\s*)+(?:thuc hien|tham muu(?: thuc hien)?)$"), "lead"),
    (lazy(r"^trach nhiem(?: thuc hien)?$"), "lead"),
    (lazy(r"^(?:thoi gian|thoi han|tien do|thoi diem)(?: (?:du kien )?(?:thuc hien|hoan thanh))?$"), "time_frame"),
    (lazy(r"^(?:nguon )?kinh phi(?: thuc hien)?$"), "funding"),
    (lazy(r"^(?:cach thuc|hinh thuc)(?: thuc hien)?$"), "method"),
    (lazy(r"^(?:san pham|chi tieu|ket qua)(?: du kien| dau ra)?$"), "output"),
)
TASK_FIELDS = ("lead", "partners", "time_frame")

_MARKER = lazy(r"^(?P<m>[IVXL]{1,6}\.|\d{1,2}(?:\.\d{1,2})*\.?(?=\s|$)|[a-zđ]\)|[-–+•*])\s*")
_LABEL = lazy(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$", re.S)


_BARE_TIME_LABEL = lazy(
    r"^(?:Thời gian thực hiện|Thời hạn hoàn thành|Thời gian hoàn thành)\s+(?=(?:sau khi|từ|trong|trước|đến|chậm nhất|năm|quý|tháng"
    r"|thường xuyên|hằng|hàng|định kỳ)\b)", re.I)


@lru_cache(maxsize=1 << 14)
def field_of_label(label: str) -> str | None:
    """The task field a label names, or None ("Mục đích", "Lưu ý" ... are not labels)."""
    key = re.sub(r"\([^)]*\)", " ", fold(label))
    key = re.sub(r"[/,]", " ", key)
    key = re.sub(r"\s+", " ", key).strip(" .-*")
    if not key or len(key.split()) > 8:
        return None
    return next((name for pattern, name in LABEL_RULES if pattern.match(key)), None)


@lru_cache(maxsize=1 << 14)
def marker(text: str) -> tuple[str, str]:
    """(kind, rest): kind "roman", "num1", "num2"... (by depth), "letter", "bullet" or ""."""
    m = _MARKER.match(text)
    if not m:
        return "", text
    mark, rest = m.group("m"), text[m.end():]
    if re.match(r"^[IVXL]+\.$", mark):
        return "roman", rest
    if mark[0].isdigit():
        return f"num{mark.rstrip('.').count('.') + 1}", rest
    if mark.endswith(")"):
        return "letter", rest
    return "bullet", rest


def label_of(text: str) -> tuple[str, str] | None:
    """(field, value) of a labelled line, its numbering or bullet left out:
    "- Cơ quan chủ trì: Sở Nội vụ", "b) Cơ quan thực hiện:", "Thời gian thực hiện: Thường xuyên"."""
    kind, rest = marker(text)
    if kind == "roman":
        return None
    m = _LABEL.match(rest)
    if not m:
        # "Thời gian thực hiện sau khi ... được ban hành": a time label that lost its colon
        bare = _BARE_TIME_LABEL.match(rest)
        return ("time_frame", rest[bare.end():].strip()) if bare else None
    name = field_of_label(m.group("label"))
    return (name, m.group("value").strip()) if name else None


# --------------------------------------------------------------------------- agencies in sentences

# Words that open the name of a body ("Sở ...", "UBND ...", "Các cơ quan ...").
_AGENCY_OPENERS = (
    "so ", "cac so", "uy ban", "ubnd", "ban ", "cac ban", "van phong", "dai ", "bao ", "truong ", "cong an", "thu truong",
    "hoi ", "cac hoi", "tinh doan", "thanh doan", "doan ", "trung tam", "bo ", "cac bo", "cuc ", "chi cuc", "phong ",
    "vien ", "kho bac", "ngan hang", "bao hiem", "lien doan", "mat tran", "cac co quan", "co quan", "cac don vi", "don vi", "cac dia phuong",
    "cac to chuc", "to chuc", "cac doan the", "cac nganh", "nguoi dung dau", "chu tich", "hdnd", "hoi dong", "quan ", "huyen ",
    "thi xa", "thanh pho", "xa ", "phuong ", "buu dien", "tap doan", "tong cong ty", "cong ty", "doanh nghiep", "vien kiem sat",
    "toa an", "bo chi huy", "bo chi huy quan su", "cac tham muu", "tham muu", "ttxvn", "cac ",
    # a person assigned a task by a telegram or a notice: "Giao Phó Thủ tướng Chính phủ Trần Hồng Hà
    # trực tiếp chỉ đạo ..." (1095764e502a89b8 item 7), "Bộ trưởng Bộ Nội vụ chỉ đạo ..." (item 6)
    "pho thu tuong", "thu tuong", "giam doc", "tong giam doc", "thanh tra",
    # "Đề nghị Chính phủ, ...", "Thường trực Hội đồng Dân tộc ...", "Giao Tổng Thư ký Quốc hội ..." (ae8d299abf846604)
    "chinh phu", "thuong truc", "tong thu ky",
    "cong chuc ",  # a commune's officer: "Công chức Văn hóa - Xã hội ..." (tests/importer/test_district_plan.py)
)
# Verbs that end the subject of a duty ("Sở Tư pháp | theo dõi, đôn đốc ..."). Cases:
#   "Sở Tài chính chủ trì, phối hợp với ..."; "UBND các xã, phường tăng cường ...";
#   "Các Sở, ngành, đơn vị liên quan kiện toàn ..."; "Sở Khoa học và Công nghệ có trách nhiệm giúp ...";
#   "Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch ..."; "... các sở, ngành ... được giao chủ động ...".
_VERBS = (
    "chu tri", "phoi hop", "thuc hien", "xay dung", "tang cuong", "kien toan", "theo doi", "co trach nhiem", "chiu trach nhiem",
    "trien khai", "to chuc", "bo tri", "ra soat", "chu dong", "tham muu", "dinh ky", "bao cao", "lap ", "phan bo", "huong dan",
    "don doc", "chi dao", "giup", "nghien cuu", "cap nhat", "day manh", "gui ", "tiep tuc", "uu tien", "quan tam", "duoc giao",
    "can cu", "dang tai", "tuyen truyen", "dinh huong", "bao dam", "dam bao", "kiem tra", "tham gia", "nang cao", "cung cap",
    "lam ", "co ke hoach", "duoc phan cong", "tien hanh", "tham dinh", "xem xet", "ban hanh", "de xuat", "tong hop", "duy tri", "van dong", "phat dong",
    # adverbs opening orders: "... trực tiếp chỉ đạo", "Các bộ ... khẩn trương rà soát" (1095764e502a89b8, 74e2ddc7b11340da)
    "truc tiep", "khan truong", "thuc day", "quyet liet", "tap trung", "phai",
)
_ANY_VERB = lazy(r"(?<![\w])(?=(?:" + "|".join(re.escape(v.strip()) for v in _VERBS) + r")(?![\w]))")
# "Giao ...", "Đề nghị ...", and the address "Các đồng chí Bộ trưởng ..." (74e2ddc7b11340da III.1) before the agency
_SENTENCE_AGENCY_PREFIX = lazy(r"^(?:(?:Đề nghị|Giao|Yêu cầu|Giao cho)\s+)?(?:(?:các|những)\s+đồng chí\s+)?", re.I)


def _is_agency_start(key: str) -> bool:
    # "phương án", "phương thức", "ban hành", "báo cáo": words that open like a body's name
    if key.startswith(("phuong an", "phuong thuc", "phuong huong", "phuong phap", "ban hanh", "bao cao", "bao dam", "so luong")):
        return False
    return key.startswith(_AGENCY_OPENERS)


def _verb_at(key: str, start: int, words: list[str] | None = None) -> int | None:
    """The position of the first duty verb in `key` at or after `start` (word boundaries)."""
    # every place where one of the verbs stands, in order (one pass for all of them)
    for m in _ANY_VERB.finditer(key[start:]):
        pos = start + m.start()
        before = key[:pos].rstrip()
        # a word after a comma or after "các"/"những" is a noun in a list: "các cơ quan, tổ chức
        # có liên quan", "các tổ chức thành viên"
        # ("Các bộ, ngành, khẩn trương rà soát": an adverb is never a noun, 74e2ddc7b11340da III.4)
        adverb = key.startswith("khan truong", pos)
        if (before.endswith((",", ";")) and not adverb) or before.endswith((" cac", " nhung")) or before in ("cac", "nhung"):
            continue
        # the field a body works in: "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao
        # thông ..." (689f49d25e51cbaa V.7)
        if before.endswith(" linh vuc"):
            continue
        # a verb right after "Sở"/"Ban" names the body: "các Ban Xây dựng Đảng" (0a97eb9c3c536047 III.6)
        if before.endswith((" so", " ban")) or before in ("so", "ban"):
            continue
        # a capitalised word after another names a place: "các xã: Xuân Hòa, Xuân Lập" (`orders.name_partition`)
        if words and 0 < (n := before.count(" ") + 1) < len(words) and words[n].istitle() and words[n - 1][:1].isupper():
            continue
        return pos
    return None


def subject_of(sentence: str) -> str:
    """The agency a duty sentence opens with ("" when it does not open with one).

    "Giao Sở Tư pháp theo dõi, đôn đốc ..." → "Sở Tư pháp"; "Căn cứ tình hình thực tế, các cơ quan,
    đơn vị, địa phương phối hợp thực hiện ..." → "các cơ quan, đơn vị, địa phương";
    "Tăng cường công tác ..." → "" (a duty without a subject)."""
    text = _SENTENCE_AGENCY_PREFIX.sub("", sentence.strip().lstrip("-–+• "))
    key = fold(text)
    if key.startswith("can cu") and "," in text:
        # "Căn cứ chức năng, nhiệm vụ được giao, các sở ... ": the subject follows the opening clause
        for m in re.finditer(r",\s*", text):
            rest = text[m.end():]
            if _is_agency_start(fold(rest)):
                subject = subject_of(rest)
                return subject[:1].upper() + subject[1:]  # it now opens the lead's cell
        return ""
    if not _is_agency_start(key) or key.startswith(("to chuc ", "xay dung", "thuc hien")):
        return ""
    # a body's name has at least two words, which may look like verbs: "Sở Xây dựng đăng tải ...",
    # "Ban Chỉ đạo ... chủ trì"
    second = re.match(r"\S+\s+\S+", key)
    verb = _verb_at(key, second.end() if second else 3, text.split())
    if verb is None:
        return ""
    subject = text[:verb].strip(" ,;:")
    # "Sở X (cơ quan thường trực)": the remark is not part of the name
    subject = re.sub(r"\s*\([^)]*\)\s*$", "", subject)
    # "X, trong phạm vi nhiệm vụ, quyền hạn được giao, chủ động ...": the scope is not part of the name (ae8d299abf846604)
    subject = re.sub(r",\s*trong phạm vi\b.*$", "", subject, flags=re.I)
    return subject if len(subject.split()) >= 2 else ""


def _subjects(lead: str) -> str:
    """A lead label written as sentences names its agencies by their subjects: "Sở Khoa học và Công
    nghệ tiến hành rà soát ...; các sở, ngành liên quan và Ủy ban nhân dân các xã, phường rà soát ..."
    → "Sở Khoa học và Công nghệ; các sở, ngành liên quan và Ủy ban nhân dân các xã, phường". A plain
    list ("Sở Tư pháp; các cơ quan, đơn vị liên quan") is kept as written."""
    parts = re.split(r"\s*;\s*|\.\s+(?:Đồng thời,\s*)?", lead)
    # a part is a sentence when it runs long; a short one is a name with its qualifier
    # ("Các sở, ngành có liên quan theo chức năng, nhiệm vụ quản lý được giao")
    # ("Các sở, ngành có liên quan theo chức năng, nhiệm vụ quản lý được giao", "... lĩnh vực mà
    # doanh nghiệp, người dân quan tâm"): a sentence goes on well after its verb
    subjects = []
    for part in parts:
        subject = subject_of(part) if len(part.split()) > 20 else ""
        subjects.append(subject if subject and len(part.split()) - len(subject.split()) >= 8 else "")
    if not any(subjects):
        return lead
    out: list[str] = []
    for part, subject in zip(parts, subjects, strict=True):
        name = subject or (part if len(part.split()) <= 20 else "")
        if name and fold(name) not in {fold(o) for o in out}:
            out.append(name)
    return "; ".join(out) if out else lead


def is_agency_heading(text: str) -> bool:
    """A heading that names who does what follows: "Sở Nội vụ", "Đề nghị Ủy ban Mặt trận Tổ quốc
    Việt Nam tỉnh, các tổ chức đoàn thể", "Các Sở, Ban, ngành; UBND các huyện, thị xã", "Sở Nội
    vụ (Cơ quan thường trực ...)"; not "Mục đích", "Thời gian thực hiện" nor a sentence."""
    text = _SENTENCE_AGENCY_PREFIX.sub("", text.strip())
    text = re.sub(r"\s*\([^)]*\)?", " ", text).strip(" :.")
    key = fold(text)
    if not key or not _is_agency_start(key) or len(key.split()) > 30 or text.endswith("."):
        return False
    if key.startswith(("to chuc ", "xay dung", "thuc hien", "cac hoat dong", "cac noi dung", "cac nhiem vu", "cac giai phap")):
        return False
    # a body's name has at least two words, which may look like verbs ("Sở Xây dựng", "Ban Chỉ đạo"),
    # as subject_of reads them: 689f49d25e51cbaa V.1 and 62f25a030c183151 IV.4 ("Sở Xây dựng:")
    second = re.match(r"\S+\s+\S+", key)
    return _verb_at(key, second.end() if second else 0) is None


def agency_heading_name(text: str) -> str:
    """The agencies a heading names, without "Đề nghị" and the remark in brackets."""
    text = _SENTENCE_AGENCY_PREFIX.sub("", text.strip())
    text = re.sub(r"\s*\([^)]*\)?", " ", text)
    return re.sub(r"\s+", " ", text).strip(" :.;,")


_LEAD_SENTENCE = lazy(r"^(?P<lead>.+?)\s+(?:là cơ quan\s+)?chủ trì\b[,;]?\s*(?P<rest>.*)$", re.I | re.S)
_PARTNERS = lazy(r"^(?:và\s+)?phối hợp(?:\s+với)?\s+(?P<partners>.+)$", re.I | re.S)


def split_lead_sentence(text: str) -> tuple[str, str]:
    """(lead, partners) of a lead written as a sentence; (text, "") when it is a plain list.

    "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành và các đơn vị có liên quan."
        → ("Sở Nội vụ", "các sở, ban, ngành và các đơn vị có liên quan")
    "Sở Giáo dục và Đào tạo và Sở Y tế chủ trì, phối hợp với ... tham mưu hoạt động ..."
        → ("Sở Giáo dục và Đào tạo và Sở Y tế", "... ") (the partners end before the duty's verb)
    "Sở Tư pháp; các cơ quan, đơn vị liên quan" → unchanged, no partners."""
    m = _LEAD_SENTENCE.match(text.strip())
    if not m or not _is_agency_start(fold(m.group("lead"))):
        return text, ""
    lead = m.group("lead").strip(" ,;")
    partners = ""
    pm = _PARTNERS.match(m.group("rest").strip())
    if pm:
        partners = pm.group("partners")
        key = fold(partners)
        cut = _verb_at(key, 1)
        # "... các đơn vị có liên quan tham mưu ...": the list ends where the duty's verb starts
        if cut is not None and cut > 0 and not key[:cut].rstrip().endswith((" co", " duoc")):
            partners = partners[:cut]
        partners = partners.strip(" .;,")
    return lead, partners


_WITH = lazy(r"\bphối hợp\s+(?:chặt chẽ\s+)?với\s+(?P<who>[^.;:]+)", re.I)


def partners_in_text(text: str) -> str:
    """The partners a duty names in its first sentence: "Chủ trì, phối hợp với các sở, ban, ngành
    và đơn vị có liên quan rà soát ..." → "các sở, ban, ngành và đơn vị có liên quan"; "" when the
    words after "phối hợp với" do not name a body."""
    m = _WITH.search(text.split(". ")[0])
    if not m:
        return ""
    who = m.group("who")
    if not _is_agency_start(fold(who)):
        return ""
    key = fold(who)
    cut = _verb_at(key, 1)
    if cut is not None and not key[:cut].rstrip().endswith((" co", " duoc")):
        who = who[:cut]
    # "... Bộ Công an trong việc bảo đảm ...": the list ends before a preposition
    who = re.split(r"\s(?:trong|để|nhằm|theo|tại|về|đối với)\s", who, maxsplit=1)[0]
    return who.strip(" ,")


# --------------------------------------------------------------------------- reading the body


@dataclass
class Found:
    """A task read from prose, before agencies are matched."""

    content: str
    lead: str = ""
    partners: str = ""
    time_frame: str = ""
    output: str = ""
    funding: str = ""
    notes: str = ""
    source: list[int] = field(default_factory=list)
    derived: dict[str, str] = field(default_factory=dict)  # field -> why it was inherited or guessed
    problems: list[str] = field(default_factory=list)
    labelled: bool = True
    owner: int = -1  # index of the heading it sits under
    group: str = ""  # the agency heading of a duty per agency
    order: bool = False  # an order of a notice or telegram: a task, even beside a task table


def _strip_end(text: str) -> str:
    return text.strip().rstrip(" .;,").strip()


def _unbullet(text: str) -> str:
    kind, rest = marker(text)
    return rest if kind == "bullet" else text


def _is_time_heading(title: str) -> bool:
    return re.sub(r"\s+", " ", fold(title)).strip(" .:") in ("thoi gian thuc hien", "thoi gian", "thoi han thuc hien", "tien do thuc hien")


def plan_wide_time(paras: Sequence[ParaLike]) -> tuple[str, list[int]]:
    """The time frame a plan states once for all its tasks, with its lines: a section or item
    "Thời gian thực hiện" directly under a Roman section ("II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN
    THỰC HIỆN" › "3. Thời gian thực hiện:" › "Từ nay đến hết năm 2025."; "IV. THỜI GIAN THỰC
    HIỆN" › "Năm 2025"; "3. Thời gian thực hiện: Năm 2025"), not one inside a task or an
    activity ("b) Thời gian: ..." under "2. Tháng hành động" is that activity's)."""
    for i, p in enumerate(paras):
        kind, rest = marker(p.text)
        if kind not in ("roman", "num1"):
            continue
        title, _, value = rest.partition(":")
        if not _is_time_heading(title):
            continue
        if value.strip():
            return _strip_end(value), list(p.lines)
        if i + 1 < len(paras) and marker(paras[i + 1].text)[0] not in ("roman", "num1", "num2"):
            return _strip_end(_unbullet(paras[i + 1].text)), [*p.lines, *paras[i + 1].lines]
    return "", []


_ORGANISATION = ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong", "che do bao cao", "trach nhiem cua cac")
_INTRO = lazy(r"(?:thực hiện|triển khai|tổ chức)\s+(?:các|những|một số)\s+(?:hoạt động|nhiệm vụ|nội dung|công việc)(?:\s+chính)?\s+(?:sau|như sau)\s*:$", re.I)


# The sentence that opens a document's orders: "..., Thủ tướng Chính phủ yêu cầu:", "Chủ tịch UBND
# tỉnh chỉ đạo như sau:", "... giao nhiệm vụ cụ thể như sau:", "... đề nghị các cơ quan thực hiện:".
_DIRECTIVE = lazy(r"\b(?:yêu cầu|chỉ đạo|giao nhiệm vụ(?: cụ thể)?|đề nghị|kết luận|quyết nghị)(?:\s+[^:]{0,80})?(?:\s+như sau)?\s*:$", re.I)


# The formulas that close a plan's last section, never a duty.
_CLOSING = ("tren day la", "trong qua trinh to chuc thuc hien", "trong qua trinh thuc hien", "qua trinh to chuc thuc hien")


def is_organisation_section(title: str) -> bool:
    """"V. TỔ CHỨC THỰC HIỆN", "VII. CHẾ ĐỘ BÁO CÁO", "IV. PHÂN CÔNG NHIỆM VỤ": duties per agency."""
    key = fold(title)
    # the section's own title, not a section of tasks that mentions it ("NHIỆM VỤ VÀ TRÁCH NHIỆM THỰC HIỆN")
    return key.startswith(_ORGANISATION)


class BodyReader:
    """Reads the labelled tasks and the per-agency duties of a plan's body (`paras`, the
    logical lines between the title and the signature)."""

    def __init__(self, paras: Sequence[ParaLike], understood: Callable[[str], bool]) -> None:
        self.paras = list(paras)
        self.understood = understood
        self.plan_time, self.plan_time_lines = plan_wide_time(self.paras)

    # -- labelled tasks ------------------------------------------------------

    def labelled_tasks(self) -> list[Found]:
        """Tasks written as their content then labelled lines. Cases:
        - "1. Rà soát ..." › "- Thường xuyên rà soát ..." › "Đơn vị chủ trì thực hiện: ..." ›
          "Đơn vị phối hợp: ..." › "Thời gian thực hiện: ...": the bullets before the labels are the
          task, the item is its heading; one set of labels after two bullets makes one task.
        - "1. Đối với ..." › "- Nhiệm vụ: ..." › "- Cơ quan thực hiện: ...": the "Nhiệm vụ" label
          gives the content, the lines after it continue it until the next label.
        - "a) Nghị định ..." › "- Cơ quan chủ trì: ...": labels right after a heading: the heading
          is the task.
        - "a) Nhiệm vụ:" › bullets › "b) Cơ quan thực hiện:" › "- Đơn vị chủ trì: ..." ›
          "- Đơn vị phối hợp: ..." › "c) Thời gian thực hiện: ...": labels on their own lines.
        - "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với ...": lead and partners in one sentence.
        - "- Cơ quan thực hiện:" › "+ Sở A chủ trì, phối hợp ..." › "+ Sở B đăng tải ...": the first
          line leads the task, each further line naming its own agency is a task of that agency.
        - "Căn cứ ..., các cơ quan, đơn vị phối hợp thực hiện các hoạt động sau:" › bullets: each
          bullet is a task of those agencies, with the time stated for the item ("b) Thời gian: ...").
        """
        out: list[Found] = []
        heads: list[tuple[int, str, int]] = []  # (depth, kind, para index)
        scoped_time: dict[int, tuple[str, list[int]]] = {}  # heading index -> its time
        pending: list[int] = []
        cur: dict | None = None
        intro: tuple[str, int] | None = None
        in_organisation = False

        def depth(kind: str) -> int:
            return 0 if kind == "roman" else int(kind[3:]) if kind.startswith("num") else 9 if kind == "letter" else 10

        def top() -> int:
            return heads[-1][2] if heads else -1

        def close() -> None:
            nonlocal cur
            if cur is None:
                return
            c, cur = cur, None
            values = c["values"]
            if "lead" not in values and not ("content" in values and ({"partners", "time_frame"} & set(values))):
                if set(values) == {"time_frame"}:
                    scoped_time[c["owner"]] = (_strip_end(" ".join(values["time_frame"])), c["lines"])
                return
            out.extend(self._emit(c, scoped_time, heads_of[c["owner"]] if c["owner"] in heads_of else []))

        heads_of: dict[int, list[int]] = {}
        for i, p in enumerate(self.paras):
            text = p.text
            kind, rest = marker(text)
            if kind == "roman":
                close()
                heads = [(0, kind, i)]
                heads_of[i] = [i]
                pending, intro = [], None
                in_organisation = is_organisation_section(rest)
                continue
            if in_organisation:
                continue
            label = label_of(text)
            if label is not None:
                name, value = label
                if kind in ("num1", "num2", "num3", "letter"):
                    # "b) Thời gian: ...": a numbered label is a sibling of the items before it
                    heads = [h for h in heads if h[0] < depth(kind)]
                if name == "content":
                    close()
                    cur = {"values": {"content": [value] if value else []}, "lines": list(p.lines), "owner": top(),
                           "content_paras": [], "last": "content", "open": not value, "extra": []}
                    pending, intro = [], None
                    continue
                if cur is None or cur["last"] is None:
                    close()
                    cur = {"values": {}, "lines": [], "owner": top(), "content_paras": list(pending), "last": None,
                           "open": False, "extra": []}
                    pending, intro = [], None
                cur["values"].setdefault(name, [])
                if value:
                    cur["values"][name].append(value)
                cur["lines"] += p.lines
                cur["last"], cur["open"] = name, not value
                continue
            if cur is not None:
                if cur["last"] == "content" and kind not in ("num1", "num2", "num3", "letter"):
                    cur["values"]["content"].append(text)
                    cur["lines"] += p.lines
                    continue
                if cur["open"] and kind == "bullet" and cur["last"] in ("lead", "partners", "time_frame"):
                    values = cur["values"][cur["last"]]
                    if values and cur["last"] == "lead" and subject_of(rest) and "chủ trì" not in rest.lower():
                        cur["extra"].append((rest, list(p.lines)))  # another agency's own duty
                    else:
                        values.append(rest)
                    cur["lines"] += p.lines
                    continue
                close()
            if kind in ("num1", "num2", "num3", "letter"):
                d = depth(kind)
                heads = [h for h in heads if h[0] < d] + [(d, kind, i)]
                heads_of[i] = [h[2] for h in heads]
                pending, intro = [], None
                continue
            if intro is not None and kind == "bullet":
                subject, owner = intro
                time, lines, why = self._inherited_time(scoped_time, heads_of.get(owner, []))
                found = Found(content=_strip_end(rest) if rest.endswith(";") else rest.strip(), lead=subject,
                              time_frame=time, source=[*p.lines], owner=owner)
                found.derived["lead"] = "kế thừa từ câu dẫn của danh sách"
                if time:
                    found.derived["time_frame"] = why
                out.append(found)
                continue
            pending.append(i)
            if text.rstrip().endswith(":") and _INTRO.search(text):
                subject = subject_of(text)
                if subject:
                    intro = (subject, top())
        close()
        out += self._unlabelled_siblings(out, heads_of, scoped_time)
        out.sort(key=lambda f: f.source[0] if f.source else 0)
        return out

    def _inherited_time(self, scoped: dict[int, tuple[str, list[int]]], chain: Sequence[int]) -> tuple[str, list[int], str]:
        for owner in reversed(chain):
            if owner in scoped:
                text, lines = scoped[owner]
                return text, lines, f"kế thừa thời gian của mục «{self.paras[owner].text[:50]}»"
        if self.plan_time:
            return self.plan_time, self.plan_time_lines, "kế thừa thời gian thực hiện chung của kế hoạch"
        return "", [], ""

    def _emit(self, c: dict, scoped: dict[int, tuple[str, list[int]]], chain: Sequence[int]) -> list[Found]:
        values: dict[str, list[str]] = c["values"]
        lines: list[int] = list(c["lines"])
        owner = c["owner"]
        heading = self.paras[owner] if owner >= 0 and marker(self.paras[owner].text)[0] != "roman" else None
        heading_title = _strip_end(marker(heading.text)[1]) if heading is not None else ""
        content_paras = [self.paras[k] for k in c["content_paras"]]
        if values.get("content"):
            first, *more = values["content"]
            content = "\n".join([_unbullet(first), *more])
            if heading is not None:
                lines = [*heading.lines, *lines]
        elif content_paras:
            texts = [q.text for q in content_paras]
            if texts[0].rstrip().endswith(":") and heading is not None and heading_title:
                content = "\n".join([heading_title, *texts])
                lines = [*heading.lines, *lines]
            else:
                content = "\n".join([_unbullet(texts[0]), *texts[1:]])
            lines = [*(n for q in content_paras for n in q.lines), *lines]
        else:
            content = heading_title
            if heading is not None:
                lines = [*heading.lines, *lines]
        lead_text = _strip_end("\n".join(values.get("lead", [])))
        partners = _strip_end("\n".join(values.get("partners", [])))
        lead, sentence_partners = split_lead_sentence(lead_text)
        lead = _subjects(lead)
        if sentence_partners and not partners:
            partners = sentence_partners
        found = Found(
            content=content.strip(), lead=_strip_end(lead), partners=partners,
            time_frame=_strip_end(" ".join(values.get("time_frame", []))),
            output="\n".join(values.get("output", [])), funding=_strip_end(" ".join(values.get("funding", []))),
            notes="Cách thức: " + "\n".join(values["method"]) if values.get("method") else "",
            source=sorted(set(lines)), owner=owner,
        )
        self._fill_time(found, chain, scoped)
        out = [found]
        for text, extra_lines in c["extra"]:
            subject = subject_of(text)
            extra = Found(content=text.strip(), lead=subject, source=extra_lines, owner=owner)
            extra.derived["content"] = "dòng riêng của một cơ quan dưới «Cơ quan thực hiện»"
            self._fill_time(extra, chain, scoped)
            out.append(extra)
        return out

    def _fill_time(self, found: Found, chain: Sequence[int], scoped: dict[int, tuple[str, list[int]]]) -> None:
        if found.time_frame:
            return
        written = time_in_text(found.content, self.understood)
        if written:
            found.time_frame = written
            found.derived["time_frame"] = "lấy từ nội dung nhiệm vụ"
            found.problems.append(f"Thời gian thực hiện «{written}» lấy từ nội dung nhiệm vụ (văn bản không có dòng «Thời gian»); hãy kiểm tra.")
            return
        time, _, why = self._inherited_time(scoped, chain)
        if time:
            found.time_frame = time
            found.derived["time_frame"] = why

    def _unlabelled_siblings(self, found: Sequence[Found], heads_of: dict[int, list[int]],
                             scoped: dict[int, tuple[str, list[int]]]) -> list[Found]:
        """Items without labels among labelled siblings ("7. Tổ chức các cuộc thi ..." after six
        labelled items) are offered as tasks, said to lack their lead; alone, they are prose."""
        owners = {f.owner for f in found}
        groups: dict[tuple[int, str], list[int]] = {}
        for i, chain in heads_of.items():
            kind = marker(self.paras[i].text)[0]
            if kind == "roman":
                continue
            parent = chain[-2] if len(chain) >= 2 else -1
            groups.setdefault((parent, kind), []).append(i)
        out: list[Found] = []
        has_children = {chain[-2] for chain in heads_of.values() if len(chain) >= 2}
        for members in groups.values():
            labelled = [i for i in members if i in owners]
            if not labelled or len(labelled) * 2 < len(members):
                continue
            for i in members:
                if i in owners or i in has_children:
                    continue
                head = self.paras[i]
                body: list[ParaLike] = []
                for q in self.paras[i + 1:]:
                    if marker(q.text)[0] in ("roman", "num1", "num2", "num3", "letter"):
                        break
                    body.append(q)
                f = Found(content=_strip_end(marker(head.text)[1]), notes="\n".join(q.text for q in body),
                          source=sorted({*head.lines, *(n for q in body for n in q.lines)}), labelled=False, owner=i)
                f.problems.append("Mục này không có dòng «Cơ quan chủ trì/thực hiện»; hãy kiểm tra có phải nhiệm vụ không.")
                if i in scoped:  # its own "Thời gian thực hiện" line, without a lead
                    f.time_frame = scoped[i][0]
                out.append(f)
        return out

    # -- duties per agency ---------------------------------------------------

    def assignments(self) -> list[Found]:
        """Duties the sections "Tổ chức thực hiện" / "Chế độ báo cáo" give each agency. Cases:
        - "1. Sở Nông nghiệp và Môi trường" › "- Chủ trì tham mưu ..." › "- Bảo đảm ...": each bullet
          (or paragraph) is a duty of the heading's agency, lead inherited.
        - "2. Sở Tài chính" › "Căn cứ chức năng, nhiệm vụ, phối hợp ...": one paragraph, one duty.
        - "3. Sở Tư pháp: Tham mưu ...": the heading and its duty on one line.
        - "3. Đề nghị Ủy ban Mặt trận ..., Hội Liên hiệp" › "Phụ nữ ... của Mặt trận": a heading
          wrapped onto a second short line is one heading.
        - "2. Sở Tài chính chủ trì, phối hợp với ... bố trí kinh phí ...", "6. Giao Sở Tư pháp theo
          dõi ...": an item that is a sentence is one duty of its subject.
        A duty takes the time written in it, else the plan-wide time frame (inherited)."""
        out: list[Found] = []
        sections: list[list[int]] = []
        for i, p in enumerate(self.paras):
            kind, rest = marker(p.text)
            if kind == "roman":
                sections.append([i] if is_organisation_section(rest) else [])
            elif sections and sections[-1]:
                sections[-1].append(i)
        # the articles of a resolution before the plan it issues ("QUYẾT NGHỊ:" › "Điều 2." › "1. Đề nghị Chính
        # phủ ..." › ... › "KẾ HOẠCH": ae8d299abf846604, tests/importer/test_orders_anatomy.py)
        title = next((i for i, p in enumerate(self.paras) if i and fold(p.text).strip("# ") == "ke hoach"), 0)
        for section in self._directive_sections(title) if title else []:
            out += [replace(f, order=True) for f in self._section_assignments(section[1:])]
        if not sections:
            sections = [] if out else self._directive_sections()
        elif not any(sections):  # no section of duties: a notice's orders, in its sections named for tasks
            for section in order_sections([marker(p.text) for p in self.paras], lambda t: bool(_DIRECTIVE.search(t.strip()))):
                out += self._section_assignments(section, orders=True)
            return out
        for section in sections:
            if section:
                out += self._section_assignments(section[1:])
        return out

    def _directive_sections(self, end: int = 0) -> list[list[int]]:
        """A document without sections that gives its orders after one sentence ("..., Thủ tướng
        Chính phủ yêu cầu:" › "1. Bộ trưởng ... khẩn trương ..." › "2. Bộ Xây dựng:" › "a) ..."):
        the numbered items after that sentence are its duties per agency. Cases: the Prime
        Minister's telegram 224/CĐ-TTg (1095764e502a89b8); a province's official letter
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:" (tests/importer/test_duties_anatomy.py)."""
        for i, p in enumerate(self.paras[: end or len(self.paras)]):
            if marker(p.text)[0] in ("", "bullet") and _DIRECTIVE.search(p.text.strip()):
                following = list(range(i + 1, end or len(self.paras)))
                if any(marker(self.paras[j].text)[0] == "num1" for j in following):
                    return [[i, *following]]
        return []

    def _section_assignments(self, idx: list[int], orders: bool = False) -> list[Found]:
        out: list[Found] = []
        k = 0
        while k < len(idx):
            p = self.paras[idx[k]]
            kind, rest = marker(p.text)
            if kind != "num1":
                # a paragraph outside any numbered item ("VII. CHẾ ĐỘ BÁO CÁO" › "Các sở, ban, ngành ...
                # báo cáo ... trước ngày ..."): a duty when it opens with its agency
                subject = subject_of(rest) if kind in ("", "bullet") else ""
                if subject and not any(o.source and set(p.lines) <= set(o.source) for o in out):
                    f = Found(content=p.text.strip(), lead=subject, source=list(p.lines), owner=idx[k])
                    f.derived["lead"] = "chủ ngữ của câu"
                    self._fill_time(f, [], {})
                    out.append(f)
                k += 1
                continue
            body_start = k + 1
            end = body_start
            # an article ("Điều 3.") ends the numbered items of the one before (ae8d299abf846604)
            while end < len(idx) and marker(self.paras[idx[end]].text)[0] not in ("num1", "roman") and not re.match(r"Điều\s+\d+\b", self.paras[idx[end]].text):
                end += 1
            head_lines = list(p.lines)
            name, sep, after = name_partition(rest)
            heading = ""
            if is_agency_heading(rest):
                heading = rest
                # a heading wrapped onto a second short line
                if body_start < end:
                    nxt = self.paras[idx[body_start]]
                    nkind, _ = marker(nxt.text)
                    if (not nkind and len(nxt.text.split()) <= 15 and not nxt.text.rstrip().endswith((".", ";"))
                            and is_agency_heading(rest + " " + nxt.text)):
                        heading = rest + " " + nxt.text
                        head_lines += nxt.lines
                        body_start += 1
                items = [(self.paras[idx[j]].text, list(self.paras[idx[j]].lines)) for j in range(body_start, end)]
                self._agency_duties(out, agency_heading_name(heading), items, head_lines)
            elif sep and after.strip() and is_agency_heading(name):
                items = [(after.strip(), head_lines)] + [(self.paras[idx[j]].text, list(self.paras[idx[j]].lines)) for j in range(body_start, end)]
                self._agency_duties(out, agency_heading_name(name), items, [])
            elif subject_of(rest):
                subject = subject_of(rest)
                body = [self.paras[idx[j]] for j in range(body_start, end)]
                content = "\n".join([rest, *(q.text for q in body)])
                # "Giao Công an tỉnh chủ trì, phối hợp với ...": the sentence without its "Giao"
                # (0a97eb9c3c536047 IV.2 read "Công an tỉnh tỉnh" when the cut ignored it)
                said = _SENTENCE_AGENCY_PREFIX.sub("", rest.strip())
                lead, partners = split_lead_sentence(subject + " " + said[len(subject):].lstrip() if subject and said.startswith(subject) else said)
                # the subject ends at its first verb: "Bộ trưởng Bộ Nội vụ | chỉ đạo chủ trì, phối hợp với ..."
                # (1095764e502a89b8 item 6), where the words before "chủ trì" hold a verb too
                if subject and fold(lead).startswith(fold(subject)):
                    lead = subject
                f = Found(content=rest.strip() if not body else content, lead=subject if not partners else lead,
                          partners=partners, source=sorted({*p.lines, *(n for q in body for n in q.lines)}), owner=idx[k])
                if subject:
                    f.derived["lead"] = "chủ ngữ của câu"
                self._fill_time(f, [], {})
                out.append(f)
            elif orders:  # a topic ("1. Quyết liệt ...:", "5. Nhiệm vụ về ...") over its orders (`orders`)
                below = [(marker(self.paras[idx[j]].text)[0], self.paras[idx[j]].text, list(self.paras[idx[j]].lines)) for j in range(body_start, end)]
                for text, lines in topic_texts((after.strip(), head_lines) if sep else None, below):
                    kind, rest = marker(text)
                    agency, given = split_orders(rest if kind in ("letter", "bullet") else text,
                                                 lambda n: agency_heading_name(n) if is_agency_heading(n) else "", subject_of)
                    first = len(out)
                    if agency:
                        self._agency_duties(out, agency, [("- " + i, lines) for i in given], [])
                    for clause in given if not agency else []:
                        lead, partners = split_lead_sentence(_SENTENCE_AGENCY_PREFIX.sub("", clause))
                        subject = subject_of(clause)
                        if subject:
                            out.append(Found(content=clause, lead=lead if partners and not fold(lead).startswith(fold(subject)) else subject,
                                             partners=partners, source=list(lines), owner=idx[k], derived={"lead": "chủ ngữ của câu"}))
                            self._fill_time(out[-1], [], {})
                    for f in out[first:]:
                        f.order = True
            k = end
        return out

    def _agency_duties(self, out: list[Found], agency: str, items: list[tuple[str, list[int]]], head_lines: list[int]) -> None:
        """Each bullet (or, without bullets, each paragraph) under an agency heading is one duty;
        a line starting in lower case continues the one before; a paragraph that only introduces
        the list ("có nhiệm vụ sau:") is none; a plain paragraph after the bullets, or a closing
        formula ("Trên đây là Kế hoạch ...", "Trong quá trình thực hiện, nếu có khó khăn ..."),
        ends the item."""
        merged: list[tuple[str, list[int], bool]] = []  # (text, lines, is a bullet)
        for text, lines in items:
            kind, rest = marker(text)
            if merged and kind not in ("bullet", "letter") and not text[:1].isupper():
                last = merged[-1]
                merged[-1] = (last[0] + " " + text, last[1] + lines, last[2])
                continue
            bullet = kind in ("bullet", "letter")
            merged.append((rest if bullet else text, lines, bullet))
        bulleted = any(bullet for _, _, bullet in merged)
        # a plain paragraph between two bullets is the end of the first, cut where a PDF's line ended
        # a sentence ("c) ... được phê duyệt." › "Đồng thời, các địa phương ..." › "d) ...":
        # 448306af3d3a91f7 IV.3 printed to PDF)
        k = 1
        while k < len(merged) - 1:
            text, lines, bullet = merged[k]
            if not bullet and merged[k - 1][2] and any(b for _, _, b in merged[k + 1:]) and not fold(text).startswith(_CLOSING):
                prev = merged[k - 1]
                merged[k - 1] = (prev[0] + " " + text, prev[1] + lines, True)
                del merged[k]
                continue
            k += 1
        seen_bullet = False
        for text, lines, bullet in merged:
            if (bulleted and seen_bullet and not bullet) or fold(text).startswith(_CLOSING):
                break
            seen_bullet = seen_bullet or bullet
            if text.rstrip().endswith(":") and len(merged) > 1:
                continue
            f = Found(content=text.strip(), lead=agency, source=sorted({*head_lines, *lines}), group=agency)
            f.derived["lead"] = f"kế thừa từ tiêu đề «{agency}»"
            f.partners = partners_in_text(text)
            if f.partners:
                f.derived["partners"] = "lấy từ câu «phối hợp với ...» của nhiệm vụ"
            self._fill_time(f, [], {})
            out.append(f)
