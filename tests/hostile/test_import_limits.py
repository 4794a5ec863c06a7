"""Hostile files are refused before they are parsed, quickly and with little memory, in
Vietnamese; Notepad's "Unicode" text is read. `bench/bench_hostile_import.py` measures the
1 MB bombs (1 GB inflated) and the peak memory of each import."""

from __future__ import annotations

import tracemalloc

import pytest
from hostile_files import (
    docx_bomb,
    docx_rows,
    long_csv,
    many_entries_zip,
    utf16_text,
    xlsx_bomb,
    xlsx_long_sheet,
)

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import read_document
from cchc_desktop.importer.apply import save_new_plan
from cchc_desktop.importer.limits import MAX_TABLE_ROWS, MAX_TASKS, MAX_XML_PART_BYTES
from cchc_desktop.importer.model import DraftTask, ImportResult
from cchc_desktop.store.domain import Plan

PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Số: 95/KH-UBND
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
1. Đăng tin, bài về cải cách hành chính trên Cổng thông tin điện tử tỉnh.
2. Tổ chức hội nghị tập huấn nghiệp vụ – quý II/2025."""


def _refused_lightly(path, *words: str) -> str:
    """Import `path`, expecting a refusal naming `words`; the refusal must not inflate the file."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailure) as info:
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for word in words:
        assert word in info.value.message, info.value.message
    assert peak < MAX_XML_PART_BYTES // 2, f"{peak / 1e6:.1f} MB allocated before refusing"
    return info.value.message


def test_docx_zip_bomb_is_refused_without_inflating_it(tmp_path) -> None:
    path = docx_bomb(tmp_path / "bom.docx", inflated=MAX_XML_PART_BYTES + 1024 * 1024)
    assert path.stat().st_size < 100_000
    _refused_lightly(path, "Tệp Word .docx «bom.docx»", "word/document.xml", "khi giải nén lớn tới 17 MB")


def test_xlsx_zip_bomb_is_refused_without_inflating_it(tmp_path) -> None:
    path = xlsx_bomb(tmp_path / "bom.xlsx", inflated=MAX_XML_PART_BYTES + 1024 * 1024)
    _refused_lightly(path, "Tệp Excel .xlsx «bom.xlsx»", "sheet1.xml", "khi giải nén")


def test_a_zip_of_thousands_of_parts_is_refused(tmp_path) -> None:
    _refused_lightly(many_entries_zip(tmp_path / "parts.docx", entries=1_500), "thành phần (giới hạn 1.000)")


def test_word_table_of_too_many_rows_is_refused(tmp_path) -> None:
    message = _refused_lightly(docx_rows(tmp_path / "rows.docx", 3 * MAX_TABLE_ROWS), "15.000 dòng", "tối đa 5.000")
    assert message.startswith("Bảng trong «rows.docx»")
    with pytest.raises(ImportFailure, match="5.200 dòng"):  # counted after reading, below the quick count
        read_document(docx_rows(tmp_path / "rows2.docx", MAX_TABLE_ROWS + 200))


def test_sheet_of_too_many_rows_stops_early(tmp_path) -> None:
    with pytest.raises(ImportFailure, match=r"Bảng trong «sheet.xlsx» có 6\.000 dòng"):
        read_document(xlsx_long_sheet(tmp_path / "sheet.xlsx", inflated=2 * 1024 * 1024))


def test_csv_of_200000_lines_is_refused(tmp_path) -> None:
    with pytest.raises(ImportFailure, match=r"có 200\.001 dòng; chương trình nhận tối đa 5\.000 dòng"):
        read_document(long_csv(tmp_path / "long.csv"))


@pytest.mark.parametrize("big_endian", [False, True])
def test_notepad_unicode_text_is_read(tmp_path, big_endian: bool) -> None:
    utf8 = tmp_path / "kh.txt"
    utf8.write_text(PLAN_TEXT, encoding="utf-8")
    utf16 = utf16_text(tmp_path / "kh16.txt", PLAN_TEXT, big_endian=big_endian)
    assert utf16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert [line.text for line in read_document(utf16).lines] == [line.text for line in read_document(utf8).lines]


def test_damaged_utf16_text_gets_a_message(tmp_path) -> None:
    path = tmp_path / "hong.txt"
    path.write_bytes(b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate at the end
    with pytest.raises(ImportFailure, match="UTF-16"):
        read_document(path)


def test_more_tasks_than_the_limit_are_not_saved(store) -> None:
    result = ImportResult(source_name="nhap.csv", kind="csv", plan=Plan(title="Kế hoạch nhập", period_start=2025, period_end=2025),
                          tasks=[DraftTask(content=f"Nhiệm vụ {i}") for i in range(MAX_TASKS + 1)])
    with pytest.raises(ImportFailure, match=r"5\.001 nhiệm vụ; một lần nhập nhận tối đa 5\.000"):
        save_new_plan(store, result)
    assert store.plans.list() == []
