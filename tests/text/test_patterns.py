"""Patterns compiled on first use answer as the compiled pattern does."""

from __future__ import annotations

import re

from cchc_desktop.text.patterns import lazy


def test_a_lazy_pattern_compiles_when_first_used_and_answers_as_compiled() -> None:
    text = "Báo cáo trước ngày 15/11 hằng năm; gửi 03 tin (bài)/tháng"
    source, flags = r"(?P<when>(?:hằng|hàng)\s+(?P<cycle>năm|tháng))|\d+\s+tin", re.I
    pattern, compiled = lazy(source, flags), re.compile(source, flags)
    assert "match" not in vars(pattern)  # nothing compiled at import
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert "match" in vars(pattern)  # compiled once, its methods kept
    assert pattern.search(text).group("cycle") == compiled.search(text).group("cycle") == "năm"
    assert pattern.match(text) is None and pattern.fullmatch("hằng năm") is not None
    assert pattern.sub("X", text) == compiled.sub("X", text)
    assert pattern.findall(text) == compiled.findall(text)
    assert pattern.groupindex == compiled.groupindex and pattern.pattern == source and pattern.flags == compiled.flags

