"""The recogniser does work in proportion to the lines it reads, also when every line begins
with a word of a table header ("Nhiệm vụ ...", "Nội dung", "Cơ quan chủ trì"): such a run of
lines used to be scanned again from each of its lines, so 2,000 of them took half a minute.
The work is counted (header lookups per line), not timed; `bench/bench_import_lines.py`
times 2,000 to 50,000 lines."""

from __future__ import annotations

import pytest

from cchc_desktop.importer import read_text, recognize, tables

HEADER_WORDS = ["Nhiệm vụ", "Nội dung", "Cơ quan chủ trì", "Thời gian"]


def _lookups(text: str, monkeypatch) -> int:
    calls = 0
    real = tables._header_field

    def counted(cell: str) -> str | None:
        nonlocal calls
        calls += 1
        return real(cell)

    monkeypatch.setattr(tables, "_header_field", counted)
    recognize(read_text(text))
    return calls


@pytest.mark.parametrize("line", [lambda i: f"Nhiệm vụ {i}", lambda i: HEADER_WORDS[i % 4]],
                         ids=["Nhiệm vụ N", "header words in turn"])
def test_header_lookups_grow_with_the_lines_not_their_square(monkeypatch, line) -> None:
    counts = {}
    for n in (500, 2_000):
        text = "\n".join(["KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025", *(line(i) for i in range(n))])
        counts[n] = _lookups(text, monkeypatch)
    assert counts[2_000] <= 6 * 2_000, counts  # a few lookups per line
    assert counts[2_000] < 5 * counts[500], counts  # four times the lines, about four times the work


def test_a_table_right_after_a_run_of_header_words_is_still_found() -> None:
    """Going on after a run that is no table must not pass over the table that ends it."""
    lines = ["KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025", "Nội dung", "Thời gian",
             "STT\tNội dung\tCơ quan chủ trì\tThời gian",
             "1\tĐăng tin bài về cải cách hành chính\tSở Nội vụ\tQuý I/2025",
             "2\tTổ chức hội nghị tập huấn\tSở Tư pháp\tQuý II/2025"]
    result = recognize(read_text("\n".join(lines)))
    assert [(t.content, t.lead, t.time_frame) for t in result.tasks] == [
        ("Đăng tin bài về cải cách hành chính", "Sở Nội vụ", "Quý I/2025"),
        ("Tổ chức hội nghị tập huấn", "Sở Tư pháp", "Quý II/2025"),
    ]
