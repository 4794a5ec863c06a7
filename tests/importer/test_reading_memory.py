"""Reading a document keeps nothing of it once the plan is read: the recogniser's caches (lines,
numbering, labels, header guesses) are emptied, and only short texts stay in `fold`'s cache, so
a window open for days does not hold the last imported document (a 2 MB plan held 16 MB)."""

from __future__ import annotations

import gc
import tracemalloc

from cchc_desktop.importer import read_text, recognize
from cchc_desktop.text.textnorm import fold


def _plan(tasks: int) -> str:
    head = "ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 15/KH-UBND\n\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n\nII. NHIỆM VỤ\n"
    items = (
        f"{i}. Tuyên truyền {i}: đăng tin, bài về cải cách hành chính, dịch vụ công trực tuyến số {i} trên địa bàn tỉnh "
        f"cho cán bộ, công chức, viên chức và người dân, doanh nghiệp trên địa bàn tỉnh.\n"
        f"- Cơ quan chủ trì: Sở Nội vụ.\n- Cơ quan phối hợp: Sở Tư pháp.\n- Thời gian thực hiện: Quý {1 + i % 4}/2025.\n"
        for i in range(1, tasks + 1)
    )
    return head + "".join(items)


def test_a_read_document_is_not_kept() -> None:
    text = _plan(3_000)  # about 1 MB
    recognize(read_text(_plan(10)))  # modules and their patterns loaded before measuring
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = recognize(read_text(text))
        assert len(result.tasks) == 3_000
        del result
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 3_000_000, f"{held:,} bytes held after reading"


def test_long_texts_are_folded_without_being_kept() -> None:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20_000):
            fold(f"Nhiệm vụ {i}: tuyên truyền cải cách hành chính trên địa bàn tỉnh " * 5)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 3_000_000, f"{held:,} bytes held after folding"
