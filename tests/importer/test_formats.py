"""The same documents as Word, PDF, Excel and CSV files give the same plan; broken files
give a clear Vietnamese message and change nothing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from builders import text_to_docx, text_to_pdf

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.store.store import Store


@pytest.fixture
def registry() -> Store:
    store = Store.memory()
    yield store
    store.close()


def _summary(result) -> tuple:  # noqa: ANN001
    p = result.plan
    meta = (p.number, p.issue_date, p.issuer, p.title, p.period_start, p.period_end, p.signer_authority,
            p.signer_position, p.signer_name, p.legal_bases, p.recipients, [a.title for a in p.appendices])
    tasks = [(t.group, t.content, t.lead_names, t.partner_names, t.time_frame) for t in result.tasks]
    return meta, tasks, [d.time_frame for d in result.duties]


@pytest.mark.parametrize("name", ["dak_nong_2016", "vinh_long_2024", "binh_dinh_2021"])
def test_sample_rebuilt_as_docx_gives_the_same_plan(sample, registry, tmp_path: Path, name: str) -> None:
    source = sample(name)
    from_text = recognize(read_document(source), registry)
    path = text_to_docx(source.read_text(encoding="utf-8"), tmp_path / f"{name}.docx", repeat_header=True)
    from_docx = recognize(read_document(path), registry)
    assert from_docx.kind == "docx"
    assert _summary(from_docx) == _summary(from_text)


@pytest.mark.parametrize(("name", "count"), [("binh_dinh_2021", 7), ("vinh_long_2024", 14)])
def test_pdf_with_text_layer_reads_like_the_text(sample, registry, tmp_path: Path, name: str, count: int) -> None:
    """Cells and paragraphs wrapped by the PDF's layout come back whole."""
    source = sample(name)
    from_text = recognize(read_document(source), registry)
    from_pdf = recognize(read_document(text_to_pdf(source.read_text(encoding="utf-8"), tmp_path / f"{name}.pdf")), registry)
    assert from_pdf.kind == "pdf"
    assert from_pdf.plan.title == from_text.plan.title
    assert from_pdf.plan.signer_name == from_text.plan.signer_name
    assert len(from_pdf.tasks) == len(from_text.tasks) == count
    for a, b in zip(from_pdf.tasks, from_text.tasks, strict=True):
        assert re.sub(r"\s+", " ", a.content) == re.sub(r"\s+", " ", b.content)
        assert (a.lead_names, a.partner_names, a.time_frame) == (b.lead_names, b.partner_names, b.time_frame)
    assert [d.time_frame for d in from_pdf.duties] == [d.time_frame for d in from_text.duties]


def test_xlsx_task_table_becomes_a_draft_plan_named_after_the_file(registry, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"])
    sheet.append(["I", "Sở Nội vụ", None, None, None, None])
    sheet.append([1, "Tập huấn nghiệp vụ CCHC", "Sở Nội vụ", "Sở Tư pháp; các cơ quan, đơn vị liên quan", "Quý II/2025", None])
    sheet.append([2, "Hội thi tìm hiểu CCHC", "SNV", "Đài PT-TH tỉnh", dt.datetime(2025, 10, 30), "ưu tiên"])
    sheet.append(["II", "Báo Tỉnh Mới", None, None, None, None])
    sheet.append([1, "Chuyên trang CCHC", "Báo Tỉnh Mới", None, "Thường xuyên", None])
    path = tmp_path / "Nhiệm vụ CCHC 2025.xlsx"
    book.save(path)
    result = recognize(read_document(path), registry)
    assert result.plan.title == "Nhiệm vụ CCHC 2025"
    assert (result.plan.period_start, result.plan.status.value) == (2025, "draft")
    assert [(t.group, t.content, t.lead_names, t.time_frame) for t in result.tasks] == [
        ("Sở Nội vụ", "Tập huấn nghiệp vụ CCHC", ["Sở Nội vụ"], "Quý II/2025"),
        ("Sở Nội vụ", "Hội thi tìm hiểu CCHC", ["SNV"], "30/10/2025"),
        ("Báo Tỉnh Mới", "Chuyên trang CCHC", ["Báo Tỉnh Mới"], "Thường xuyên"),
    ]
    assert result.tasks[1].lead_refs[0].agency_id == registry.agencies.match("Sở Nội vụ")
    assert result.tasks[1].notes == "ưu tiên"
    assert result.new_agencies == ["Báo Tỉnh Mới"]
    assert result.tasks[0].source == [3]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Excel writes it: base letters with combining tones."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += base.encode("cp1258") + "".join(c for c in decomposed if c in tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1258"])
def test_csv_with_semicolons_in_either_encoding(registry, tmp_path: Path, encoding: str) -> None:
    text = (
        "STT;Nội dung;Cơ quan chủ trì;Cơ quan phối hợp;Thời gian thực hiện\r\n"
        '1;"Tuyên truyền cải cách thủ tục hành chính; dịch vụ công trực tuyến";Văn phòng UBND tỉnh;Sở Văn hóa, Thể thao và Du lịch;Thường xuyên\r\n'
        "2;Tổ chức đối thoại với doanh nghiệp;Sở Kế hoạch và Đầu tư;;Quý III/2025\r\n"
    )
    data = text.encode("utf-8-sig") if encoding == "utf-8-sig" else _cp1258(text)
    path = tmp_path / "bang.csv"
    path.write_bytes(data)
    result = recognize(read_document(path), registry)
    assert [t.content for t in result.tasks] == [
        "Tuyên truyền cải cách thủ tục hành chính; dịch vụ công trực tuyến", "Tổ chức đối thoại với doanh nghiệp"
    ]
    assert result.tasks[0].partner_names == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert result.tasks[1].time_frame == "Quý III/2025"
    assert result.plan.title == "bang"


def test_a_long_sheet_numbers_its_tasks_past_999_without_warnings(registry, tmp_path: Path) -> None:
    rows = [f'{n},"Nhiệm vụ {n}: tuyên truyền cải cách hành chính",Sở Nội vụ,Quý I/2026' for n in range(1, 1_006)]
    path = tmp_path / "dai.csv"
    path.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = recognize(read_document(path), registry)
    assert len(result.tasks) == 1_005
    assert result.tasks[999].content == "Nhiệm vụ 1000: tuyên truyền cải cách hành chính"
    assert [p for t in result.tasks for p in t.problems] == []  # "1000" after "999" is the next task's number
    # a four-digit number that does not go on from the last one is still pointed out
    rows[1_001] = rows[1_001].replace("1002,", "2025,", 1)
    path.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = recognize(read_document(path), registry)
    assert [p for t in result.tasks for p in t.problems] == ["Số thứ tự «2025» không rõ; hãy kiểm tra dòng này."]
    assert len(result.tasks) == 1_005
    # nor does a superscript digit, which is a digit to Python but no number int() reads
    rows[1_001] = rows[1_001].replace("2025,", "²,", 1)
    path.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = recognize(read_document(path), registry)
    assert [p for t in result.tasks for p in t.problems] == ["Số thứ tự «²» không rõ; hãy kiểm tra dòng này."]


def test_a_row_of_superscript_numbers_is_read_not_refused(registry, tmp_path: Path) -> None:
    # "²" is a digit to Python but no number int() reads: the row is a task row like any other
    path = tmp_path / "so_mu.csv"
    path.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n1,2,²,Quý I/2026\n"
                    "2,Tuyên truyền cải cách hành chính,Sở Nội vụ,Quý II/2026\n", encoding="utf-8")
    result = recognize(read_document(path), registry)
    assert [t.content for t in result.tasks] == ["2", "Tuyên truyền cải cách hành chính"]


# --------------------------------------------------------------------------- broken files


def _broken_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    from reportlab.pdfgen import canvas

    files: dict[str, tuple[Path, str]] = {}
    p = tmp_path / "trong.txt"
    p.write_bytes(b"")
    files["empty"] = (p, "trống")
    p = tmp_path / "khongphaizip.docx"
    p.write_text("Đây không phải tệp Word", encoding="utf-8")
    files["docx not zip"] = (p, "không phải tệp Word")
    p = tmp_path / "hong.docx"
    import zipfile

    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w:document>cắt ngang")
    files["damaged docx"] = (p, "bị hỏng")
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(100, 100, 300, 400, fill=1)
    c.save()
    files["pdf without text"] = (p, "không có lớp chữ")
    p = tmp_path / "anh.txt"
    p.write_bytes(bytes(range(256)) * 64)
    files["binary named .txt"] = (p, "nhị phân")
    p = tmp_path / "khonglo.txt"
    p.write_bytes(("Kế hoạch tuyên truyền cải cách hành chính năm 2025.\n" * 400_000).encode("utf-8"))
    assert p.stat().st_size >= 20 * 1024 * 1024
    files["20 MB text"] = (p, "quá lớn")
    p = tmp_path / "cu.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    files["old .doc"] = (p, ".docx")
    return files


def test_broken_files_give_a_vietnamese_message(tmp_path: Path) -> None:
    for what, (path, words) in _broken_files(tmp_path).items():
        with pytest.raises(ImportFailure) as info:
            read_document(path)
        assert words in info.value.message, what
        assert path.name in info.value.message or what == "old .doc", what


def test_broken_files_through_the_command_line_change_nothing(demo_store, db_path: Path, tmp_path: Path, capsys) -> None:
    from cchc_desktop.cli import main

    demo_store.close()
    before = db_path.read_bytes()
    for what, (path, words) in _broken_files(tmp_path).items():
        code = main(["--db", str(db_path), "import", str(path)])
        err = capsys.readouterr().err
        assert code == 2, what
        assert words in err and "Traceback" not in err, what
    assert db_path.read_bytes() == before


def test_pasted_text_needs_some_text() -> None:
    with pytest.raises(ImportFailure, match="không có nội dung"):
        read_text("  \n\t\n")


def test_spreadsheet_columns_can_be_mapped_by_the_officer(registry, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tuyên truyền trên Cổng thông tin điện tử", "Hằng tháng", "Văn phòng UBND tỉnh"])
    sheet.append(["Hội nghị tập huấn CCHC", "Quý II/2025", "Sở Nội vụ"])
    path = tmp_path / "khong_tieu_de.xlsx"
    book.save(path)
    document = read_document(path)
    guessed = recognize(document, registry)
    assert guessed.columns == ["content", "lead", "partners"]  # the usual order, guessed without a header
    assert guessed.column_titles == ["Cột 1", "Cột 2", "Cột 3"]
    mapped = recognize(document, registry, columns=["content", "time_frame", "lead"])
    assert [(t.content, t.lead_names, t.time_frame) for t in mapped.tasks] == [
        ("Tuyên truyền trên Cổng thông tin điện tử", ["Văn phòng UBND tỉnh"], "Hằng tháng"),
        ("Hội nghị tập huấn CCHC", ["Sở Nội vụ"], "Quý II/2025"),
    ]
    assert mapped.to_json()["columns"] == {"Cột 1": "content", "Cột 2": "time_frame", "Cột 3": "lead"}


def test_word_table_with_merged_cells_and_a_two_row_header(registry, tmp_path: Path) -> None:
    """Group rows merged across the table, "Cơ quan thực hiện" over "Chủ trì | Phối hợp",
    and a column the recogniser does not know (kept in the notes, not dropped)."""
    import docx

    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("NHIỆM VỤ TUYÊN TRUYỀN NĂM 2025")
    table = document.add_table(rows=0, cols=6)
    head = table.add_row().cells
    for k, text in enumerate(["STT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian thực hiện", "Đơn vị tính"]):
        head[k].text = text
    head[2].merge(head[3])
    sub = table.add_row().cells
    sub[2].text, sub[3].text = "Chủ trì", "Phối hợp"
    group = table.add_row().cells
    group[0].text = "I"
    merged = group[1].merge(group[5])
    merged.text = "Sở Văn hóa, Thể thao và Du lịch"
    for values in (["1", "Treo băng rôn tuyên truyền", "Sở Văn hóa, Thể thao và Du lịch", "UBND cấp huyện", "Quý II/2025", "bộ"],
                   ["2", "Pano tại trụ sở", "Sở Văn hóa, Thể thao và Du lịch", "", "Quý III/2025", "cái"]):
        row = table.add_row().cells
        for k, text in enumerate(values):
            row[k].text = text
    path = tmp_path / "gop_o.docx"
    document.save(path)
    result = recognize(read_document(path), registry)
    assert [(t.group, t.content, t.lead_names, t.partner_names, t.time_frame, t.notes) for t in result.tasks] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "Treo băng rôn tuyên truyền", ["Sở Văn hóa, Thể thao và Du lịch"], ["UBND cấp huyện"],
         "Quý II/2025", "Đơn vị tính: bộ"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Pano tại trụ sở", ["Sở Văn hóa, Thể thao và Du lịch"], [], "Quý III/2025", "Đơn vị tính: cái"),
    ]
    assert result.plan.appendices[0].title == "Nhiệm vụ tuyên truyền năm 2025"
    assert not result.unrecognised
