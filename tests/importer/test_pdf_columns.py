"""A document saved from a legal-document library's web page is one page-wide layout table; printed
to PDF, every column is a few centimetres wide or less, and the document comes out a word or a few
letters a line, words cut without a hyphen, the lines of neighbouring cells side by side. The
PDF is read as its Word file is: the same tasks, leads and time frames, number, date and signer.

Cases: a plan of our own in that layout, printed by LibreOffice with columns of about 4 cm (four
to the row), 2 cm (eight) and 1 cm (fifteen); the Prime Minister's telegram 224/CĐ-TTg and decision
2530/QĐ-TTg saved from thuvienphapluat.vn (../shared/samples/corpus/)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.importer import pdfguard, read_document, recognize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_scoring import build_docx, documents  # noqa: E402

NOTICE = ("Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại mà không có "
          "sự đồng ý của THƯ VIỆN PHÁP LUẬT là vi phạm pháp luật về Sở hữu trí tuệ.")
META = [["Đang tải văn bản...\nSố hiệu:", "27/KH-UBND"], ["Loại văn bản:", "Kế hoạch", "Nơi ban hành:", "Tỉnh Quảng Ngãi"],
        ["Người ký:", "Trương Thị Hồng Nhung", "Ngày ban hành:", "14/02/2026"], ["Tình trạng:", "Đã biết"]]
HEADER = ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"]
BODY = """KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức và người dân về cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
- Chủ trì tổ chức hội nghị tập huấn nghiệp vụ cải cách hành chính cho công chức đầu mối, hoàn thành trong quý II năm 2026.
- Tổng hợp, báo cáo kết quả thực hiện Kế hoạch trước ngày 15 tháng 12 năm 2026.
2. Sở Văn hóa, Thể thao và Du lịch
- Xây dựng chuyên mục tuyên truyền về chuyển đổi số trên Cổng thông tin điện tử tỉnh, thực hiện hằng tháng.
3. Báo và Phát thanh, Truyền hình Quảng Ngãi
- Thực hiện phóng sự chuyên đề về thủ tục hành chính trực tuyến toàn trình trong quý III năm 2026.
4. Sở Tư pháp
- Tổ chức cuộc thi tìm hiểu pháp luật về cải cách hành chính trong trường học.
5. Ủy ban nhân dân các xã, phường
- Niêm yết công khai thủ tục hành chính tại bộ phận một cửa, thực hiện thường xuyên."""
SIGNATURE = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrương Thị Hồng Nhung"
RECIPIENTS = "Nơi nhận:\n- Như trên;\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NC."
LEADS = ["Sở Nội vụ", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Quảng Ngãi", "Sở Tư pháp",
         "Ủy ban nhân dân các xã, phường"]


def _layout_docx(path: Path, columns: int, body: str = BODY, number: str = "Số: 27/KH-UBND") -> Path:
    """The page as the library's «Lưu thành Word» gives it: one table of `columns` equal columns over
    the page's width; the notice across the first row, the metadata rows, the header, then the row
    holding the number, the place and date, the document, its recipients and its signature. A
    paragraph written "**...**" is in bold."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    first = table.add_row().cells
    first[0].merge(first[-1]).text = NOTICE
    rows = [*META, HEADER, [number, "Quảng Ngãi, ngày 14 tháng 02 năm 2026", body, RECIPIENTS, SIGNATURE]]
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            for n, part in enumerate(value.split("\n")):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                bold = part.startswith("**") and part.endswith("**")
                paragraph.add_run(part.strip("*") if bold else part).bold = bold or None
    document.save(str(path))
    return path


def _print(docx_files: list[Path], out: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: the PDFs cannot be printed")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(out / 'lo').as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docx_files)], check=True, capture_output=True, timeout=300)
    return [out / (d.stem + ".pdf") for d in docx_files]


def _tasks(result) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(t.content[:40], t.lead, t.time_frame) for t in result.tasks if t.include]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("columns")
    docx_files = [_layout_docx(out / f"ke-hoach-{n}-cot.docx", n) for n in (4, 8, 15)]
    return {n: (d, p) for n, d, p in zip((4, 8, 15), docx_files, _print(docx_files, out), strict=True)}


@pytest.mark.parametrize("columns", [4, 8, 15])
def test_a_plan_in_narrow_layout_columns_reads_from_its_pdf_as_from_its_docx(printed, columns: int) -> None:
    docx_path, pdf_path = printed[columns]
    from_docx = recognize(read_document(docx_path))
    from_pdf = recognize(read_document(pdf_path))
    assert [lead for _, lead, _ in _tasks(from_docx)] == LEADS  # the Word file itself is read
    assert _tasks(from_pdf) == _tasks(from_docx)
    assert [t.time_frame for t in from_pdf.tasks if t.include][:3] == ["quý II năm 2026", "trước ngày 15 tháng 12 năm 2026", "hằng tháng"]
    plan = from_pdf.plan
    assert (plan.number, plan.issue_date.isoformat(), plan.signer_name) == ("27/KH-UBND", "2026-02-14", "Trương Thị Hồng Nhung")


def test_the_pdf_gives_back_the_words_of_the_narrow_cell(printed) -> None:
    """The document's cell, read down its column, holds the document's words: a word cut over
    several lines is one word again, a paragraph that ended short of the column's edge ends."""
    doc = read_document(printed[15][1])
    body = next(line for line in doc.lines if line.cells and any(c.startswith("KẾ HOẠCH") for c in line.cells))
    cell = next(c for c in body.cells if c.startswith("KẾ HOẠCH"))
    words, expected = cell.split(), BODY.split()
    assert sum(1 for a, b in zip(words, expected, strict=False) if a == b) >= 0.9 * len(expected)
    assert "\n1. Sở Nội vụ\n- Chủ trì tổ chức hội nghị" in cell and "\n2. Sở Văn hóa, Thể thao và Du lịch\n" in cell


def test_a_word_cut_without_a_hyphen_is_joined_back_and_words_are_not() -> None:
    """Lines of a 17 pt wide cell at 13 pt: "Ng" › "hiê" › "n" › "cứ" › "u," is "Nghiên cứu,";
    "và" › "Môi" stays two words; "THỦ" › "T" › "ƯỚNG" is "THỦ TƯỚNG"; "10894/" › "VPCP-" › "CN" is a code."""
    from cchc_desktop.importer.pdf_columns import read_cell
    from cchc_desktop.importer.pdf_layout import Chunk

    def column(*texts: str, bold: bool = False) -> list[list[Chunk]]:
        return [[Chunk(x=100, y=700 - 15 * n, size=13, text=t, bold=bold)] for n, t in enumerate(texts)]

    assert read_cell(column("2.", "Ng", "hiê", "n", "cứ", "u,", "ứn", "g", "dụ", "ng"), 117.6) == "2. Nghiên cứu, ứng dụng"
    assert read_cell(column("Bộ", "Nô", "ng", "ng", "hiệ", "p", "và", "Môi"), 117.6) == "Bộ Nông nghiệp và Môi"
    assert read_cell(column("THỦ", "T", "ƯỚN", "G"), 117.6, ) == "THỦ TƯỚNG"
    assert read_cell(column("bản số:", "10894/", "VPCP-", "CN"), 143.8) == "bản số: 10894/VPCP-CN"


def test_where_a_cut_reads_two_ways_the_documents_own_words_decide() -> None:
    """"và" › "ng" › "uồn" is "và nguồn" or "vàng uồn", "đồ" › "ng" › "hiệu" is "đồng hiệu" or "đồ
    nghiệu": the reading whose words the document writes elsewhere; "Tổ" › "ng" › "hợp", with no
    word beginning "nghợ" written, is "Tổng hợp"."""
    from cchc_desktop.importer.pdf_columns import _Words, read_cell
    from cchc_desktop.importer.pdf_layout import Chunk

    def column(*texts: str) -> list[list[Chunk]]:
        return [[Chunk(x=100, y=700 - 15 * n, size=13, text=t)] for n, t in enumerate(texts)]

    words = _Words()
    words.learn(["Huy động các nguồn lực và nguồn vốn", "cộng đồng dân cư, hiệu quả", "Tổ chức thực hiện"])
    assert read_cell(column("và", "ng", "uồn"), 117.6, words=words) == "và nguồn"
    assert read_cell(column("đồ", "ng", "hiệu"), 117.6, words=words) == "đồng hiệu"
    assert read_cell(column("Tổ", "ng", "hợp"), 117.6, words=words) == "Tổng hợp"


@pytest.mark.parametrize("name", ["1095764e502a89b8", "646f0a00d4174382"])
def test_library_pages_printed_in_narrow_columns_give_their_tasks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The telegram (9 orders) and the decision whose 94-task appendix sits in the page's layout
    table: their PDFs give the tasks their Word files give, with the same leads and time frames.
    The decision prints on 617 pages, 3.5 s of the 6 s of processor time a PDF may take on this
    machine: the reading is what is tested here, with time to spare on a slower one
    (bench/bench_corpus.py measures it)."""
    monkeypatch.setattr(pdfguard, "MAX_PDF_SECONDS", 60.0)
    doc = next((d for d in documents() if d.name == name), None)
    if doc is None:
        pytest.skip(f"corpus document {name} (../shared/samples/corpus/) or md_to_docx.py not present")
    docx_path = build_docx(doc, tmp_path)
    (pdf_path,) = _print([docx_path], tmp_path)
    from_docx, from_pdf = _tasks(recognize(read_document(docx_path))), _tasks(recognize(read_document(pdf_path)))
    assert len(from_docx) >= 9

    def key(task: tuple[str, str, str]) -> tuple[str, ...]:  # a space put or left out between two words aside
        return tuple(re.sub(r"\s", "", part) for part in task)

    same = sum(1 for t in map(key, from_pdf) if t in set(map(key, from_docx)))
    assert same >= 0.9 * len(from_docx), (from_pdf, from_docx)
    assert len(from_pdf) <= len(from_docx) * 1.05


# A notice of conclusions of our own in the same layout (as the Government Office's 624/TB-VPCP,
# 74e2ddc7b11340da, saved from the library): its orders written in paragraphs, "a) Sở X: (1) ...;
# (2) ...", under numbered headings in bold that end without a colon, and a word of another
# language in mixed case ("VNeID") that the narrow column cuts where no Vietnamese syllable ends.
CONCLUSIONS = """THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về chuyển đổi số
Ngày 05 tháng 02 năm 2026, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp về chuyển đổi số. Sau khi nghe báo cáo của các sở, ngành, Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
I. ĐÁNH GIÁ CHUNG
Các sở, ngành đã triển khai nhiều nhiệm vụ chuyển đổi số; một số nhiệm vụ còn chậm.
II. NHIỆM VỤ TRỌNG TÂM
**1. Nhiệm vụ về dữ liệu số**
a) Công an tỉnh: (1) hướng dẫn người dân kích hoạt tài khoản VNeID mức độ 2, hoàn thành trong tháng 4 năm 2026; (2) Phối hợp với Sở Khoa học và Công nghệ làm sạch dữ liệu dân cư, nhiệm vụ thường xuyên.
b) Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung của tỉnh trong năm 2026.
**2. Bảo đảm kinh phí thực hiện**
a) Sở Tài chính: (1) Tham mưu bố trí kinh phí cho các nhiệm vụ chuyển đổi số, hoàn thành trong tháng 3 năm 2026; (2) Hướng dẫn các xã, phường lập dự toán, hoàn thành trong tháng 6 năm 2026.
Văn phòng Ủy ban nhân dân tỉnh trân trọng thông báo để các cơ quan, đơn vị biết, thực hiện./."""
ORDERS = [
    ("hướng dẫn người dân kích hoạt tài khoản VNeID", "Công an tỉnh", "hoàn thành trong tháng 4 năm 2026"),
    ("Phối hợp với Sở Khoa học và Công nghệ làm", "Công an tỉnh", "nhiệm vụ thường xuyên"),
    ("Sở Khoa học và Công nghệ chủ trì xây dựng", "Sở Khoa học và Công nghệ", "trong năm 2026"),
    ("Tham mưu bố trí kinh phí cho các nhiệm vụ", "Sở Tài chính", "hoàn thành trong tháng 3 năm 2026"),
    ("Hướng dẫn các xã, phường lập dự toán", "Sở Tài chính", "hoàn thành trong tháng 6 năm 2026"),
]


def test_a_notices_orders_under_bold_headings_read_from_narrow_columns(tmp_path: Path) -> None:
    """Printed in 15 columns of about 1 cm, the notice's orders come from its PDF as from its Word
    file: each heading "1. Nhiệm vụ về dữ liệu số" ends where its lettered items begin (the column
    had no room for "a)" beside its last word, yet the heading is a paragraph of its own), and
    "VNe" › "ID" is one word again."""
    docx_path = _layout_docx(tmp_path / "thong-bao-15-cot.docx", 15, CONCLUSIONS, "Số: 12/TB-UBND")
    (pdf_path,) = _print([docx_path], tmp_path)
    from_docx, from_pdf = recognize(read_document(docx_path)), recognize(read_document(pdf_path))

    def orders(result) -> list[tuple[str, str, str]]:  # noqa: ANN001
        # a space put or left out between two words aside ("phí" › "ch" › "o" reads two ways at 1 cm)
        got = [(re.sub(r"\s", "", t.content), t.lead, t.time_frame) for t in result.tasks if t.include]
        return [(c[: len(re.sub(r"\s", "", e[0]))], lead, when) for (c, lead, when), e in zip(got, ORDERS, strict=False)]

    expected = [(re.sub(r"\s", "", c), lead, when) for c, lead, when in ORDERS]
    assert orders(from_docx) == expected  # the Word file itself is read
    assert orders(from_pdf) == expected
    assert len([t for t in from_pdf.tasks if t.include]) == len(ORDERS)
    body = next(c for line in read_document(pdf_path).lines if line.cells for c in line.cells if c.startswith("THÔNG BÁO"))
    assert "\n1. Nhiệm vụ về dữ liệu số\na) Công an tỉnh: (1)" in body and "\n2. Bảo đảm kinh phí thực hiện\na) Sở Tài chính:" in body
    assert " tài khoản VNeID mức độ 2," in body


def test_a_heading_ends_before_its_lettered_items_and_a_mixed_case_word_goes_on() -> None:
    """Lines of a 17 pt wide cell at 13 pt: "3. Nhiệm vụ cụ thể" › "a) Sở Nội vụ:" are two paragraphs
    though "a)" could not have fitted beside "thể"; "VNe" › "ID" is "VNeID" (no Vietnamese word
    begins "VNe"), "và" › "Môi" stays two words; "a)" inside a sentence that is no heading goes on."""
    from cchc_desktop.importer.pdf_columns import read_cell
    from cchc_desktop.importer.pdf_layout import Chunk

    def column(*texts: str) -> list[list[Chunk]]:
        return [[Chunk(x=100, y=700 - 15 * n, size=13, text=t)] for n, t in enumerate(texts)]

    assert read_cell(column("3.", "Nhiệm", "vụ", "cụ", "thể", "a)", "Sở", "Nội", "vụ:"), 117.6) == "3. Nhiệm vụ cụ thể\na) Sở Nội vụ:"
    assert read_cell(column("tài", "khoản", "VNe", "ID", "và", "Môi"), 117.6) == "tài khoản VNeID và Môi"
    # a sentence that is no numbered heading goes on over a line opening "a)"
    assert read_cell(column("Giao", "Sở", "Nội", "vụ", "thực", "hiện", "điểm", "a)", "khoản", "1"), 117.6).count("\n") == 0


def test_a_percent_sign_a_stop_after_a_bracket_and_thousands_go_back_to_their_number() -> None:
    """Lines of a 17 pt wide cell at 13 pt: "100" › "%" is "100%", "bao)" › ";" is "bao);", "500." ›
    "000" is "500.000" (as the notice 624/TB-VPCP and decision 2530/QĐ-TTg write them); "năm" › "2026"
    stays two words."""
    from cchc_desktop.importer.pdf_columns import read_cell
    from cchc_desktop.importer.pdf_layout import Chunk

    def column(*texts: str) -> list[list[Chunk]]:
        return [[Chunk(x=100, y=700 - 15 * n, size=13, text=t)] for n, t in enumerate(texts)]

    assert read_cell(column("đạt", "100", "%", "thuê", "bao)", ";", "đạt", "500.", "000", "năm", "2026"), 117.6) == (
        "đạt 100% thuê bao); đạt 500.000 năm 2026")
