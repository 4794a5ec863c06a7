"""Every text that reaches a drawing or a document passes the one sanitiser, whatever its
origin: stored names holding CR, NEL, U+2028/U+2029 or U+001C–U+001E (a database from
elsewhere, an older version, a restored backup) no longer kill the report's chart
("raqm_layout() failed") or any other document. `bench/bench_fuzz.py --names N` runs the
same property over N generated databases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from names_fuzz import DOCUMENTS, SEPARATORS, Counts, example, prepare, run_example

from cchc_desktop.documents.render.chart_image import drawing_png
from cchc_desktop.text.safetext import clean, one_line, xml_text

BREAKS = ["\r", "\r\n", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


@pytest.mark.parametrize("sep", BREAKS, ids=[f"U+{ord(s[0]):04X}" for s in BREAKS])
def test_every_line_or_paragraph_separator_is_one_line_break(sep) -> None:
    assert clean(f"Sở Nội{sep}vụ") == "Sở Nội\nvụ"
    assert one_line(f"Sở Nội{sep}vụ") == "Sở Nội vụ"
    assert xml_text(f"Sở Nội{sep}vụ") == "Sở Nội\nvụ"


def test_the_sanitiser_drops_what_no_document_prints_and_keeps_the_rest() -> None:
    assert clean("a\x00b\x1fc\x7fd\x9ce\ufffef\uffff") == "abcdef"
    assert clean("lỗi \udcff") == "lỗi \ufffd"
    assert clean("Nho\u0302\u0300\tA&B <x>") == "Nhồ\tA&B <x>"
    assert one_line("a\n\n\tb") == "a b"


@pytest.mark.parametrize("sep", BREAKS, ids=[f"U+{ord(s[0]):04X}" for s in BREAKS])
def test_a_chart_label_holding_a_separator_is_drawn(sep) -> None:
    from reportlab.graphics.shapes import Drawing, String

    from cchc_desktop.documents.render.fonts import document_font

    d = Drawing(200, 40)
    d.add(String(10, 20, f"Sở Nội{sep}vụ", fontName=document_font().name, fontSize=10))
    assert drawing_png(d).startswith(b"\x89PNG")


@pytest.mark.parametrize("sep", BREAKS, ids=[f"U+{ord(s[0]):04X}" for s in BREAKS])
def test_stored_names_with_a_separator_go_into_every_document(tmp_path, sep) -> None:
    db = tmp_path / "names.sqlite3"
    prepare(db)
    out = tmp_path / "out"
    out.mkdir()
    counts = Counts()
    name = f"Sở Nội{sep}vụ"
    run_example(db, (tuple(name for _ in range(12)), False), counts, out)
    assert counts.failures == []
    assert counts.documents == len(DOCUMENTS)


def test_generated_stored_names_never_break_a_document(tmp_path) -> None:
    db = tmp_path / "fuzz.sqlite3"
    prepare(db)
    out = tmp_path / "out"
    out.mkdir()
    counts = Counts()
    seen: set[str] = set()

    @settings(max_examples=5, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(example)
    def push(ex) -> None:  # noqa: ANN001
        seen.update(c for name in ex[0] for c in name if c in SEPARATORS)
        run_example(db, ex, counts, out)
        assert counts.failures == [], counts.failures[:3]

    push()
    assert counts.documents == 5 * len(DOCUMENTS)
    assert seen & {"\r", "\x85", "\u2029", "\x1c", "\x1d", "\x1e"}, "no separator was generated"
