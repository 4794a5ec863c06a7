"""A time frame written inside a task's text ("... mỗi tháng một lần", "... trước ngày 20 hằng
tháng", "... báo cáo UBND tỉnh trước 19h00’ hằng ngày"), as written, for the task whose table or
labels give none. The phrases are found here; what they mean is `scheduling.timeframe`'s."""

from __future__ import annotations

import re
from collections.abc import Callable

from cchc_desktop.text.textnorm import fold

_HOUR = r"\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?\s*['’]?(?:\s*(?:sáng|chiều|tối))?"
_HOURS = rf"\((?:trước|vào|lúc|chậm nhất)\s+{_HOUR}(?:\s*(?:và|,|;)\s*{_HOUR})*\s*\)"

_TIME_IN_TEXT = (
    # A report every day, at set hours: "báo cáo UBND tỉnh trước 19h00’ hằng ngày", "báo cáo 02 lần/ngày
    # (trước 9h00’ và 16h00’)" (62f25a030c183151 IV.1, IV.10); "giám sát tuyến xã và báo cáo hằng ngày",
    # "chế độ báo cáo nhanh hàng ngày" (a49ef8a0da1f62dd V.7, IV.3) — not "báo cáo hằng ngày của ..." (a
    # report named, 74e2ddc7b11340da)
    re.compile(rf"\b(?:trước|chậm nhất|vào|lúc)\s+{_HOUR}(?:\s*(?:và|,)\s*{_HOUR})*\s+(?:hằng|hàng|mỗi)\s+ngày\b", re.I),
    re.compile(rf"\b(?:\d{{1,2}}|một|hai|ba)\s+lần\s*/\s*ngày\b(?:\s*{_HOURS})?", re.I),
    re.compile(rf"\b(?:báo cáo|cập nhật|gửi|tổng hợp)(?:\s+nhanh)?\s+(?P<when>(?:hằng|hàng|mỗi)\s+ngày\b"
               rf"(?:\s+(?:\d{{1,2}}|một|hai|ba)\s+lần\b)?(?:\s*{_HOURS})?)(?!\s+của\b)", re.I),
    re.compile(r"\b\d{1,3}\s+[^\d,.;:/]{1,25}?/\s*(?:tuần|tháng|quý|năm)\b", re.I),  # "03 tin (bài)/tháng"
    re.compile(r"\bmỗi\s+(?:tuần|tháng|quý|năm)(?:\s+(?:một|\d+|hai|ba)\s+lần)?", re.I),  # "mỗi tháng một lần"
    # "định kỳ hằng năm hoặc đột xuất theo yêu cầu" (448306af3d3a91f7 IV.1.b; its duty reads the same)
    re.compile(r"\b(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)(?:\s*\((?:trước|chậm nhất)[^)]{4,40}\))?"
               r"(?:\s+hoặc\s+đột xuất(?:\s+theo yêu cầu)?)?", re.I),
    re.compile(r"\bđịnh kỳ\s+(?:tuần|tháng|quý|năm|\d+\s+tháng(?:/lần)?)\b", re.I),
    # "trước ngày 15/11 hằng năm" (ad5aff6c13929815 VII): a yearly deadline, the date and its cycle
    re.compile(r"\b(?:(?:hoàn thành|xong)\s+)?(?:trước|chậm nhất|đến)\s+ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}(?:\s*/\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
               r"|(?=\s+(?:hằng|hàng)\s))(?:(?:\s+và)?\s+(?:hằng|hàng)\s+(?:tháng|quý|năm))?", re.I),
    re.compile(r"\btừ\s+ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?\s+đến\s+ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?", re.I),
    # "hoàn thành trong tháng 11 năm 2025", "báo cáo ... trong ngày 20 tháng 11 năm 2025" (74e2ddc7b11340da III.4, III.5)
    re.compile(r"\b(?:xong|hoàn thành)?\s*trong\s+(?:(?:ngày\s+\d{1,2}\s+)?tháng\s+\d{1,2}(?:/|\s+năm\s+)\d{4}|quý\s+[IV]{1,3}/\d{4}|năm\s+\d{4})", re.I),
    # a task said to be continuous: "..., nhiệm vụ thường xuyên" (74e2ddc7b11340da III.2, III.5.b; its Phụ lục II's cells)
    re.compile(r"\bnhiệm vụ thường xuyên\b", re.I),
    re.compile(r"\bquý\s+(?:[IV]{1,3}|[1-4])(?:\s+và\s+(?:[IV]{1,3}|[1-4]))?(?:/|\s+năm\s+)\d{4}", re.I),
)


_BUDGET_CYCLE = re.compile(r"(?:ngân sách|dự toán|kinh phí)(?:\s+\S+){0,3}\s*$", re.I)
# A condition a task waits for: "sau khi Chiến lược tiêu chuẩn quốc gia được ban hành".
_CONDITION = re.compile(r"\bsau khi\s+[^.;:()]{5,160}?\s(?:được\s+)?(?:ban hành|phê duyệt|có hiệu lực|hoàn thành)\b", re.I)


def time_in_text(text: str, understood: Callable[[str], bool]) -> str:
    """The first time frame written inside a task's text, as written, that `understood` accepts:
    "... mỗi tháng một lần", "... xong trong tháng 12/2025", "(từ ngày 15/11 đến ngày 15/12)",
    "... trước ngày 20 hằng tháng", "... hằng năm (trước ngày 15 tháng 11)"; "" when none."""
    found: list[tuple[int, str]] = []
    for pattern in _TIME_IN_TEXT:
        for m in pattern.finditer(text):
            whole = m.group("when") if "when" in pattern.groupindex else m.group(0)
            phrase = whole.strip()
            if _BUDGET_CYCLE.search(text[max(0, m.start() - 40): m.start()]):
                continue  # "dự toán ngân sách nhà nước hàng năm": the budget's year, not the task's
            if understood(phrase):
                start = m.start("when") if "when" in pattern.groupindex else m.start()
                found.append((start + len(whole) - len(whole.lstrip()), phrase))
                break
    if not found:
        # no schedule, but the condition it waits for is its time frame as written (not understood:
        # the officer sets the date when it comes)
        condition = _CONDITION.search(text)
        return condition.group(0).strip() if condition else ""
    first = min(found)[1]
    year_span = re.fullmatch(r"trong\s+năm\s+(\d{4})", first, re.I)
    if year_span:
        # an aim within the year gives way to the order's own deadline written after it ("... hoàn thành
        # toàn bộ các nhiệm vụ được giao trong năm 2025 ...; hoàn thành trước ngày 25 tháng 11 năm 2025":
        # 74e2ddc7b11340da III.1; a plan of our own in tests/importer/test_orders_anatomy.py)
        every = [(m.start(), m.group(0).strip()) for pattern in _TIME_IN_TEXT for m in pattern.finditer(text)]
        done = [f for f in every if re.match(r"(?:hoàn thành|xong)\s", f[1], re.I) and re.search(r"\b(?:ngày|tháng)\s+\d", f[1], re.I)
                and all(y == year_span.group(1) for y in re.findall(r"\b(?:19|20|21)\d\d\b", f[1])) and understood(f[1])]
        if done:
            return min(done)[1]
    # a bare cycle written earlier gives way to the same cycle with its day ("... đánh giá kết quả hằng
    # năm ... Định kỳ gửi báo cáo trước ngày 15/11 hằng năm": ad5aff6c13929815 VII)
    if re.fullmatch(r"(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)", first, re.I):
        dated = [f for f in found if re.search(r"\bngày\s+\d", f[1]) and fold(first).split()[-1] in fold(f[1]).split()]
        return min(dated)[1] if dated else first
    if re.fullmatch(r"(?:hằng|hàng|mỗi)\s+ngày", first, re.I):
        # a bare "hằng ngày" gives way to a deadline written with it ("Cập nhật hằng ngày ...; báo cáo
        # trước ngày 15 hằng tháng"): the date is what the officer is reminded of
        dated = [f for f in found if re.search(r"\bngày\s+\d", f[1])]
        return min(dated)[1] if dated else first
    return first
