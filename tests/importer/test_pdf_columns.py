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


def _layout_docx(path: Path, columns: int) -> Path:
    """The page as the library's «Lưu thành Word» gives it: one table of `columns` equal columns over
    the page's width; the notice across the first row, the metadata rows, the header, then the row
    holding the number, the place and date, the document, its recipients and its signature."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    first = table.add_row().cells
    first[0].merge(first[-1]).text = NOTICE
    rows = [*META, HEADER, ["Số: 27/KH-UBND", "Quảng Ngãi, ngày 14 tháng 02 năm 2026", BODY, RECIPIENTS, SIGNATURE]]
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            parts = value.split("\n")
            cell.text = parts[0]
            for part in parts[1:]:
                cell.add_paragraph(part)
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
