"""A sheet's cells are read as prose too; the reading is skipped only where no cell can give
anything (`importer/sheet_prose.py`), and the import is then the one the full reading gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from cchc_desktop.importer import read_document, recognize
from cchc_desktop.importer.readers import SourceDocument, _rows_document
from cchc_desktop.importer.sheet_prose import prose_gives_nothing

HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"]


def _row(i: int, content: str, notes: str = "") -> list[str]:
    return [str(i), content, "Sở Nội vụ", "Sở Tư pháp", "Quý II/2025", notes or f"{i % 5 + 1} tin, bài"]


def _full_reading(doc: SourceDocument, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The import as it is read with every cell read as prose."""
    recognizer = sys.modules["cchc_desktop.importer.recognize"]
    with monkeypatch.context() as m:
        m.setattr(recognizer, "prose_gives_nothing", lambda lines: False)
        return recognize(doc).to_json()


def _sheet(rows: list[list[str]]) -> SourceDocument:
    return _rows_document("bang.csv", "csv", [HEADER, *rows])


def test_a_sheet_of_plain_rows_is_not_read_as_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ke_hoach.csv"
    lines = [",".join(HEADER)]
    for i in range(1, 1201):  # numbers of four digits too ("1000": no task marker, no header)
        lines.append(f'{i},"Nhiệm vụ {i}: tuyên truyền cải cách hành chính","Sở Nội vụ","Báo Vĩnh Long",'
                     f'"{("Thường xuyên", "Quý I/2025", "Trước ngày 16/01/2025")[i % 3]}","{i % 5 + 1} tin, bài"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path)
    assert prose_gives_nothing(doc.lines)
    result = recognize(doc)
    assert len(result.tasks) == 1200 and not result.duties and not result.assignments
    assert result.to_json() == _full_reading(doc, monkeypatch)


# Cells that make a paragraph a label, a heading, an appendix or an introduction, and rows whose
# prose reading adds tasks, duties or an appendix.
MATTERING = {
    "label in a notes cell": [_row(1, "Tuyên truyền", "Cơ quan chủ trì: Sở Tư pháp")],
    "label with a remark": [_row(1, "Nội dung (chính): Tuyên truyền pháp luật")],
    "label cut over two cells": [["", "Cơ quan", "chủ trì: Sở Nội vụ"]],
    "time label without colon": [["", "Hội nghị", "Thời gian thực hiện trong quý III/2025"]],
    "time title and words below": [["", "Thời gian thực hiện", "trong năm 2025"]],
    "roman heading": [["II. TỔ CHỨC THỰC HIỆN"], ["1. Sở Tài chính chủ trì, phối hợp với các sở bố trí kinh phí."]],
    "appendix": [["PHỤ LỤC"], ["Danh mục nhiệm vụ"]],
    "appendix cut": [["Phụ"], ["lục II"]],
    "introduction": [["Các cơ quan, đơn vị triển khai các hoạt động sau:"], ["- Tổ chức hội nghị"]],
}


@pytest.mark.parametrize("case", sorted(MATTERING))
def test_cells_that_may_matter_are_read(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _sheet([_row(1, "Tuyên truyền"), *MATTERING[case], _row(9, "Hội nghị")])
    assert not prose_gives_nothing(doc.lines)
    assert recognize(doc).to_json() == _full_reading(doc, monkeypatch)


def test_prose_of_cells_adds_what_the_table_does_not_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason cells are read as prose at all: a labelled task, an organisation section."""
    doc = _sheet([_row(1, "Tuyên truyền"), *MATTERING["roman heading"], *MATTERING["label in a notes cell"]])
    result = recognize(doc)
    assert result.assignments or result.duties or len(result.tasks) > 2


# Pieces of cells, many of them near what the prose reading looks for.
PIECES = [
    "Tuyên truyền cải cách hành chính", "Nhiệm vụ 3: hội nghị", "Nhiệm vụ (3): hội nghị", "Sở Nội vụ", "chủ trì",
    "Cơ quan chủ trì", "Cơ quan", "chủ trì: Sở Tư pháp", "thực hiện", "Thời gian thực hiện", "thời gian", "Thời gian",
    "thực hiện trong năm 2025", "trong quý II", "Thời hạn hoàn thành trước ngày 30/6", "Phụ", "lục", "PHỤ LỤC I",
    "Phụ lục kèm theo", "II. NHIỆM VỤ", "II", ". Tổ chức", "I) Mục tiêu", "1. Sở Tài chính", "a) Nội dung:", "- Hội nghị",
    "+ tập huấn", "2025", "15/2025", "Ghi chú: 2", "Ghi chú 2: x", "Kinh phí", "kinh phí: 20 triệu", "Sản phẩm (dự kiến):",
    "Các sở thực hiện các nhiệm vụ sau:", "Chủ tịch UBND tỉnh yêu cầu:", "V. TỔ CHỨC THỰC HIỆN", "KẾ HOẠCH", "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN", "", "3", "1000", "Định kỳ hằng quý", "phối hợp với Sở Tư pháp", "Đơn vị phối hợp: Sở Y tế",
]


def test_the_skip_never_changes_an_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sheets of random pieces: whenever the reading is skipped, the full reading gives the same."""
    rng = random.Random(20)
    skipped = read = 0
    for _ in range(400):
        rows = [[rng.choice(PIECES) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(1, 6))]
        rows = [_row(1, "Tuyên truyền"), *rows] if rng.random() < 0.5 else rows
        doc = _sheet(rows)
        if not any(line.text.strip() for line in doc.lines):
            continue
        if prose_gives_nothing(doc.lines):
            skipped += 1
            assert recognize(doc).to_json() == _full_reading(doc, monkeypatch), rows
        else:
            read += 1
    assert skipped >= 20 and read >= 20


def test_the_sheets_year_is_the_year_most_written_in_its_cells() -> None:
    """Years standing alone in the cells (not inside longer numbers), the most written one taken."""
    import re

    rng = random.Random(7)
    pieces = ["2019", "2025", "12025", "20251", "2021a", "x2020", "2020/2021", "19", "21٢٥", "٢٠٢٥", "2025\n2024",
              "năm 2024", "Quý I/2025", "1/2019-2020", "3000", "2099 ", ""]
    for _ in range(200):
        rows = [[rng.choice(pieces) for _ in range(rng.randint(1, 5))] for _ in range(rng.randint(1, 8))]
        doc = _sheet([_row(1, "Tuyên truyền"), *rows])
        table_rows = [line.cells for line in doc.lines[1:] if line.text.strip()]
        years = [int(y) for cells in table_rows
                 for y in re.findall(r"(?<!\d)((?:19|20|21)\d{2})(?!\d)", " ".join(cells or []))]
        expected = max(set(years), key=years.count)
        assert recognize(doc).plan.period_start == expected, rows
