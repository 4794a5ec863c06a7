"""A time frame written inside a task's text ("... mỗi tháng một lần", "... trước ngày 20 hằng
tháng", "... báo cáo UBND tỉnh trước 19h00’ hằng ngày"), as written, for the task whose table or
labels give none. The phrases are found here; what they mean is `scheduling.timeframe`'s."""

from __future__ import annotations

import re
from collections.abc import Callable

from cchc_desktop.text.textnorm import fold

_TIME_IN_TEXT = (
    re.compile(r"\b\d{1,3}\s+[^\d,.;:/]{1,25}?/\s*(?:tuần|tháng|quý|năm)\b", re.I),  # "03 tin (bài)/tháng"
    re.compile(r"\bmỗi\s+(?:tuần|tháng|quý|năm)(?:\s+(?:một|\d+|hai|ba)\s+lần)?", re.I),  # "mỗi tháng một lần"
    # "định kỳ hằng năm hoặc đột xuất theo yêu cầu" (448306af3d3a91f7 IV.1.b; its duty reads the same)
    re.compile(r"\b(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)(?:\s*\((?:trước|chậm nhất)[^)]{4,40}\))?"
               r"(?:\s+hoặc\s+đột xuất(?:\s+theo yêu cầu)?)?", re.I),
    re.compile(r"\bđịnh kỳ\s+(?:tuần|tháng|quý|năm|\d+\s+tháng(?:/lần)?)\b", re.I),
    # "trước ngày 15/11 hằng năm" (ad5aff6c13929815 VII): a yearly deadline, the date and its cycle
    re.compile(r"\b(?:(?:hoàn thành|xong)\s+)?(?:trước|chậm nhất|đến)\s+ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}(?:\s*/\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
               r"|(?=\s+(?:hằng|hàng)\s))(?:\s+(?:hằng|hàng)\s+(?:tháng|quý|năm))?", re.I),
    re.compile(r"\btừ\s+ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?\s+đến\s+ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?", re.I),
    re.compile(r"\b(?:xong|hoàn thành)?\s*trong\s+(?:tháng\s+\d{1,2}/\d{4}|quý\s+[IV]{1,3}/\d{4}|năm\s+\d{4})", re.I),
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
            phrase = m.group(0).strip()
            if _BUDGET_CYCLE.search(text[max(0, m.start() - 40): m.start()]):
                continue  # "dự toán ngân sách nhà nước hàng năm": the budget's year, not the task's
            if understood(phrase):
                found.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), phrase))
                break
    if not found:
        # no schedule, but the condition it waits for is its time frame as written (not understood:
        # the officer sets the date when it comes)
        condition = _CONDITION.search(text)
        return condition.group(0).strip() if condition else ""
    first = min(found)[1]
    # a bare cycle written earlier gives way to the same cycle with its day ("... đánh giá kết quả hằng
    # năm ... Định kỳ gửi báo cáo trước ngày 15/11 hằng năm": ad5aff6c13929815 VII)
    if re.fullmatch(r"(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)", first, re.I):
        dated = [f for f in found if re.search(r"\bngày\s+\d", f[1]) and fold(first).split()[-1] in fold(f[1]).split()]
        return min(dated)[1] if dated else first
    return first
