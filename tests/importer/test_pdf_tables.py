"""A PDF whose appendix is a real table (wrapped cells side by side, header repeated on
every page) imports row by row, as the printed table reads, not as pypdf's plain text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import _pdf_font, text_to_docx

from cchc_desktop.documents.render.appendix import render_appendix_pdf
from cchc_desktop.documents.render.plan_doc import render_plan_pdf
from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import read_document, recognize
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import AgencyRef, Task
from cchc_desktop.store.store import Store

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "vinh_long_2024.json"


def _expected() -> list[tuple[str, str, str, str]]:
    spec = json.loads(DEMO.read_text(encoding="utf-8"))
    return [(t["content"], t["lead"], t["partners"], t["when"]) for a in spec["appendices"] for t in a["tasks"]]


@pytest.fixture
def demo(tmp_path: Path):
    store = Store.open(tmp_path / "demo.sqlite3")
    plan = load_demo(store)
    yield store, plan
    store.close()


@pytest.fixture
def registry() -> Store:
    store = Store.memory()
    yield store
    store.close()


def _fields(result) -> list[tuple[str, str, str, str]]:  # noqa: ANN001
    return [(t.content, t.lead, t.partners, t.time_frame) for t in result.tasks]


@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
def test_own_appendix_pdf_gives_the_demo_tasks(demo, registry, tmp_path: Path, landscape: bool) -> None:
    store, plan = demo
    path = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(store, plan.id, path, landscape_page=landscape)
    doc = read_document(path)
    assert doc.kind == "pdf"
    header = next(line for line in doc.lines if line.cells)
    assert header.cells == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    result = recognize(doc, registry)
    assert _fields(result) == _expected()
    assert all(t.group == "" for t in result.tasks)
    assert result.tasks[2].time_frame == "Trước ngày 16/01/2024"
    assert result.tasks[3].partner_names == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Long", "Các tổ chức chính trị - xã hội"]
    assert result.plan.appendices[0].title == "Một số nhiệm vụ tuyên truyền CCHC năm 2024"
    # each task points at its own row, one line of the document each
    assert len({t.source[0] for t in result.tasks}) == 14
    assert not result.unrecognised


@pytest.mark.parametrize("angle", [90, 270])
def test_appendix_drawn_turned_on_an_upright_page(demo, registry, tmp_path: Path, angle: int) -> None:
    """A landscape table drawn turned a quarter on a portrait page (as some printers do)."""
    from pypdf import PdfWriter, Transformation

    store, plan = demo
    path = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(store, plan.id, path, landscape_page=True)
    writer = PdfWriter(clone_from=str(path))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(angle).translate(tx=height if angle == 90 else 0, ty=0 if angle == 90 else width))
        page.mediabox.upper_right = (height, width)
    turned = tmp_path / "xoay.pdf"
    writer.write(turned)
    assert _fields(recognize(read_document(turned), registry)) == _expected()


def test_whole_plan_pdf_gives_the_plan_and_the_demo_tasks(demo, registry, tmp_path: Path) -> None:
    store, plan = demo
    path = tmp_path / "ke_hoach.pdf"
    render_plan_pdf(store, plan.id, path)
    result = recognize(read_document(path), registry)
    assert _fields(result) == _expected()
    assert result.plan.number == plan.number
    assert result.plan.issue_date == plan.issue_date
    assert result.plan.title == plan.title
    # the page number under the signature does not run on into the signer's name
    assert (result.plan.signer_position, result.plan.signer_name) == (plan.signer_position, plan.signer_name)
    assert [s.heading for s in result.plan.sections][:2] == [s.heading for s in plan.sections][:2]


def test_group_rows_of_the_appendix_become_task_groups(demo, registry, tmp_path: Path) -> None:
    store, plan = demo
    tasks = store.tasks.tasks_of_plan(plan.id)
    appendix_id = tasks[0].appendix_id
    general = store.tasks.add_group(appendix_id, "Nhiệm vụ chung của các cơ quan, đơn vị")
    press = store.tasks.add_group(appendix_id, "Báo chí")
    store.tasks.move_to_group([t.id for t in tasks[:5]], general.id)
    store.tasks.move_to_group([t.id for t in tasks[11:13]], press.id)
    for landscape in (True, False):
        path = tmp_path / f"nhom_{landscape}.pdf"
        render_appendix_pdf(store, plan.id, path, landscape_page=landscape)
        result = recognize(read_document(path), registry)
        assert len(result.tasks) == 14
        groups = {t.content: t.group for t in result.tasks}
        expected = _expected()
        for n, (content, *_rest) in enumerate(expected):
            want = "Nhiệm vụ chung của các cơ quan, đơn vị" if n < 5 else "Báo chí" if 11 <= n < 13 else ""
            assert groups[content] == want
        assert sorted(_fields(result)) == sorted(expected)
        printed = [(r.group_title, r.task.content) for r in store.tasks.rows(plan.id)]
        assert [(t.group, t.content) for t in result.tasks] == printed


@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
def test_a_cell_longer_than_a_page_comes_back_whole(demo, registry, tmp_path: Path, landscape: bool) -> None:
    store, plan = demo
    task = store.tasks.tasks_of_plan(plan.id)[3]
    task.content = " ".join(f"Đoạn {n}: tuyên truyền cải cách hành chính tại cơ sở, lồng ghép trong các hội nghị." for n in range(1, 90))
    store.tasks.update(task)
    path = tmp_path / "o_dai.pdf"
    render_appendix_pdf(store, plan.id, path, landscape_page=landscape)
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) >= 6
    result = recognize(read_document(path), registry)
    expected = _expected()
    expected[3] = (task.content, *expected[3][1:])
    assert _fields(result) == expected
    assert not result.unrecognised


def _long_plan(store: Store, count: int) -> int:
    plan = load_demo(store)
    first = store.tasks.tasks_of_plan(plan.id)[0]
    leads = ["Sở Nội vụ", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh"]
    times = ["Thường xuyên", "Quý I/2024", "Trước ngày 16/01/2024", "Tháng 6 năm 2024", "Hằng tháng"]
    new = []
    for n in range(count - 14):
        words = " ".join(["tuyên truyền cải cách hành chính"] * (1 + n % 7))
        new.append(Task(
            plan_id=plan.id, appendix_id=first.appendix_id,
            content=f"Nhiệm vụ số {n + 15}: {words} tại cơ quan, đơn vị.",
            lead=[AgencyRef(text=leads[n % 4])],
            partners=[AgencyRef(text="Sở Tư pháp"), AgencyRef(text="các cơ quan, đơn vị liên quan", separator=", ")]
            if n % 3 else [],
            time_frame=times[n % 5],
        ))
    store.tasks.create_many(new)
    return plan.id


def test_three_hundred_rows_over_many_pages(registry, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "dai.sqlite3")
    try:
        plan_id = _long_plan(store, 300)
        stored = [(r.task.content, "; ".join(r.task.lead_names), r.task.time_frame) for r in store.tasks.rows(plan_id)]
        path = tmp_path / "dai.pdf"
        render_appendix_pdf(store, plan_id, path)
    finally:
        store.close()
    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    assert pages >= 20
    doc = read_document(path)
    headers = [line for line in doc.lines if line.cells and line.cells[:2] == ["STT", "Nội dung"]]
    assert len(headers) == 1  # the header repeated on every page is read once
    result = recognize(doc, registry)
    assert len(result.tasks) == 300
    assert [(t.content, "; ".join(t.lead_names), t.time_frame) for t in result.tasks] == stored
    assert not result.unrecognised


@pytest.mark.parametrize(("valign", "borders"), [("TOP", True), ("MIDDLE", True), ("BOTTOM", True), ("TOP", False)])
def test_table_between_prose_on_the_same_page(registry, tmp_path: Path, valign: str, borders: bool) -> None:
    """A table as another program prints it: centred header cells, cells aligned to the top,
    the middle or the bottom (with borders), prose before it, the recipients and the
    signature after it."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("VietSerif", _pdf_font()))
    body = ParagraphStyle("b", fontName="VietSerif", fontSize=12, leading=15)
    centre = ParagraphStyle("c", parent=body, alignment=1)
    rows = [
        ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
        ("I", "TUYÊN TRUYỀN TRÊN BÁO CHÍ", "", "", ""),
        ("1", "Xây dựng chuyên mục cải cách hành chính trên sóng phát thanh và truyền hình của tỉnh, "
              "phát sóng định kỳ hằng tháng", "Đài Phát thanh và Truyền hình tỉnh", "Sở Nội vụ; Sở Thông tin và Truyền thông",
         "Hằng tháng"),
        ("2", "Đăng tin, bài về cải cách hành chính trên báo in và báo điện tử", "Báo Vĩnh Long",
         "Các cơ quan, đơn vị, địa phương", "Quý II và III/2025"),
        ("II. TUYÊN TRUYỀN TẠI CƠ QUAN, ĐƠN VỊ", "", "", "", ""),  # one cell across the whole row
        ("3", "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa", "Ủy ban nhân dân cấp huyện", "",
         "Trước ngày 31/3/2025"),
    ]
    data = [[Paragraph(c, centre if r == 0 or (k in (0, 4) and r != 4) else body) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(data, colWidths=[40, 290, 150, 150, 110], repeatRows=1)
    grid = [("GRID", (0, 0), (-1, -1), 0.5, "black")] if borders else []
    table.setStyle(TableStyle([*grid, ("VALIGN", (0, 0), (-1, -1), valign), ("SPAN", (1, 1), (-1, 1)), ("SPAN", (0, 4), (-1, 4))]))
    story = [
        Paragraph("PHỤ LỤC", centre),
        Paragraph("NHIỆM VỤ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025", centre),
        table,
        Paragraph("Trên đây là nhiệm vụ tuyên truyền cải cách hành chính năm 2025; các cơ quan, đơn vị "
                  "triển khai thực hiện và báo cáo kết quả về Sở Nội vụ.", ParagraphStyle("p", parent=body, firstLineIndent=36)),
        Paragraph("Nơi nhận:", body),
        Paragraph("- Như trên;", body),
        Paragraph("KT. CHỦ TỊCH", centre),
    ]
    path = tmp_path / "bang.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    result = recognize(read_document(path), registry)
    got = [(t.group, t.content, t.lead_names, t.partner_names, t.time_frame) for t in result.tasks]
    assert got == [
        ("TUYÊN TRUYỀN TRÊN BÁO CHÍ",
         "Xây dựng chuyên mục cải cách hành chính trên sóng phát thanh và truyền hình của tỉnh, phát sóng định kỳ hằng tháng",
         ["Đài Phát thanh và Truyền hình tỉnh"], ["Sở Nội vụ", "Sở Thông tin và Truyền thông"], "Hằng tháng"),
        ("TUYÊN TRUYỀN TRÊN BÁO CHÍ", "Đăng tin, bài về cải cách hành chính trên báo in và báo điện tử",
         ["Báo Vĩnh Long"], ["Các cơ quan, đơn vị, địa phương"], "Quý II và III/2025"),
        ("TUYÊN TRUYỀN TẠI CƠ QUAN, ĐƠN VỊ", "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa",
         ["Ủy ban nhân dân cấp huyện"], [], "Trước ngày 31/3/2025"),
    ]
    texts = [line.text for line in read_document(path).lines if not line.cells]
    assert "Nơi nhận:" in texts and "KT. CHỦ TỊCH" in texts  # the text after the table stays text
    assert any(t.startswith("Trên đây là nhiệm vụ") for t in texts)


def _viet_styles():  # noqa: ANN202
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("VietSerif", _pdf_font()))
    body = ParagraphStyle("b", fontName="VietSerif", fontSize=13, leading=16)
    return body, ParagraphStyle("c", parent=body, alignment=1)


def test_table_without_repeated_header_and_with_a_two_row_header(registry, tmp_path: Path) -> None:
    """"Cơ quan thực hiện" over "Chủ trì | Phối hợp", a row of column numbers, and the
    table going on over the next pages without its header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body, centre = _viet_styles()
    rows = [["TT", "Nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian"], ["", "", "Chủ trì", "Phối hợp", ""],
            ["(1)", "(2)", "(3)", "(4)", "(5)"]]
    expected = []
    for n in range(1, 41):
        content = f"Tuyên truyền nội dung thứ {n} về cải cách hành chính" + ", chuyển đổi số và dịch vụ công trực tuyến" * (n % 3)
        lead, partners, when = ("Sở Nội vụ", "Các sở, ban, ngành tỉnh", f"Tháng {n % 12 + 1}/2025")
        rows.append([f"{n}.", content, lead, partners, when])
        expected.append((content, lead, partners, when))
    data = [[Paragraph(c, centre if r < 3 or k in (0, 4) else body) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(data, colWidths=[35, 200, 90, 90, 70])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("SPAN", (2, 0), (3, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (4, 0), (4, 1))]))
    path = tmp_path / "hai_tang.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("PHỤ LỤC", centre), table])
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) >= 3
    result = recognize(read_document(path), registry)
    assert _fields(result) == expected


def test_table_drawn_a_word_at_a_time(registry, tmp_path: Path) -> None:
    """Justified cells whose every word is placed on its own, as some printers write them:
    the drawn column borders keep the words of a line in their cell."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _viet_styles()  # registers the font
    edges = [50, 90, 420, 560, 700, 790]
    pad, size, leading = 4, 12, 15

    def wrap(text: str, width: float) -> list[list[str]]:
        lines: list[list[str]] = [[]]
        for word in text.split():
            if lines[-1] and stringWidth(" ".join([*lines[-1], word]), "VietSerif", size) > width:
                lines.append([])
            lines[-1].append(word)
        return lines

    def cell(c, text: str, k: int, top: float, justify: bool) -> int:  # noqa: ANN001
        width = edges[k + 1] - edges[k] - 2 * pad
        lines = wrap(text, width)
        for n, words in enumerate(lines):
            y = top - size - n * leading
            used = sum(stringWidth(w, "VietSerif", size) for w in words)
            gap = (width - used) / (len(words) - 1) if justify and len(words) > 1 and n < len(lines) - 1 else stringWidth(" ", "VietSerif", size)
            x = edges[k] + pad
            for w in words:
                c.drawString(x, y, w)
                x += stringWidth(w, "VietSerif", size) + gap
        return len(lines)

    expected = [
        ("Tổ chức tuyên truyền cải cách hành chính, chuyển đổi số trên Cổng thông tin điện tử của tỉnh và trang "
         "thông tin điện tử của các sở, ban, ngành, địa phương", "Sở Thông tin và Truyền thông",
         "Văn phòng UBND tỉnh; các cơ quan, đơn vị liên quan", "Thường xuyên"),
        ("Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị, địa phương và công khai kết quả kiểm tra "
         "trên phương tiện thông tin đại chúng", "Sở Nội vụ", "Sở Tư pháp", "Quý III/2025"),
    ] * 4
    path = tmp_path / "tung_chu.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setFont("VietSerif", size)
    top = 540
    titles = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    tops = [top]
    for k, title in enumerate(titles):
        x = (edges[k] + edges[k + 1] - stringWidth(title, "VietSerif", size)) / 2
        for w in title.split():  # the titles too, a word at a time
            c.drawString(x, top - size - 2, w)
            x += stringWidth(w + " ", "VietSerif", size)
    top -= 2 * leading
    tops.append(top)
    for n, row in enumerate(expected, start=1):
        c.drawCentredString((edges[0] + edges[1]) / 2, top - size, str(n))
        height = max(cell(c, text, k + 1, top, justify=k == 0) for k, text in enumerate(row))
        top -= height * leading + 2 * pad
        tops.append(top)
    for y in tops:
        c.line(edges[0], y, edges[-1], y)
    for x in edges:
        c.line(x, tops[0], x, tops[-1])
    c.showPage()
    c.save()
    result = recognize(read_document(path), registry)
    assert _fields(result) == expected


def _word_to_pdf(docx: Path, tmp_path: Path) -> Path:
    """The .docx printed to PDF by LibreOffice, as an office prints a Word file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   capture_output=True, timeout=180, check=False)
    pdf = tmp_path / (docx.stem + ".pdf")
    if not pdf.is_file():
        pytest.skip("LibreOffice could not convert the test document")
    return pdf


@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
def test_word_appendix_printed_to_pdf_gives_the_demo_tasks(demo, registry, tmp_path: Path, landscape: bool) -> None:
    from cchc_desktop.documents.render.office_docs import render_appendix_office

    store, plan = demo
    docx = tmp_path / "phu_luc_word.docx"
    render_appendix_office(store, plan.id, appendix=1, docx=str(docx), landscape=landscape)
    result = recognize(read_document(_word_to_pdf(docx, tmp_path)), registry)
    assert _fields(result) == _expected()


@pytest.mark.parametrize(("name", "count"), [("dak_nong_2016", 20), ("vinh_long_2024", 14), ("binh_dinh_2021", 7)])
def test_sample_rebuilt_in_word_and_printed_to_pdf(sample, registry, tmp_path: Path, name: str, count: int) -> None:
    """The samples with their appendix tables in Word (group rows, narrow columns, rows cut
    by page breaks), printed to PDF, read as the text does."""
    source = sample(name)
    from_text = recognize(read_document(source), registry)
    docx = text_to_docx(source.read_text(encoding="utf-8"), tmp_path / f"{name}.docx", repeat_header=True)
    from_pdf = recognize(read_document(_word_to_pdf(docx, tmp_path)), registry)
    assert len(from_pdf.tasks) == len(from_text.tasks) == count
    for a, b in zip(from_pdf.tasks, from_text.tasks, strict=True):
        assert re.sub(r"\s+", " ", a.content) == re.sub(r"\s+", " ", b.content)
        assert (a.group, a.lead_names, a.partner_names, a.time_frame) == (b.group, b.lead_names, b.partner_names, b.time_frame)
    assert from_pdf.plan.title == from_text.plan.title


def test_pdf_without_text_layer_still_explains(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    for x in range(60, 780, 150):  # the ruled grid of a scanned table, no letters
        c.line(x, 60, x, 520)
    c.showPage()
    c.save()
    with pytest.raises(ImportFailure) as info:
        read_document(path)
    assert "không có lớp chữ" in str(info.value)


_BROKEN_ROWS_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN CHÂU THÀNH
Số: 58/KH-UBND    Châu Thành, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Thông tin, tuyên truyền về cải cách hành chính và chuyển đổi số năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.
II. NHIỆM VỤ
Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị căn cứ Kế hoạch triển khai thực hiện; báo cáo kết quả về Phòng Nội vụ trước ngày 10/12/2026.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Hai

PHỤ LỤC
NHIỆM VỤ THÔNG TIN, TUYÊN TRUYỀN NĂM 2026
(Kèm theo Kế hoạch số 58/KH-UBND ngày 15/01/2026 của UBND huyện Châu Thành)
TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
"""


def _broken_rows_tasks() -> list[tuple[str, str, str, str]]:
    """Rows of many heights in narrow columns, so that page breaks cut some of them; the cells
    wrap into lines of words a header also has ("các cơ quan, đơn vị", "Sở Nội vụ", "hiện")."""
    topics = ["cải cách thủ tục hành chính", "dịch vụ công trực tuyến toàn trình", "chuyển đổi số trong cơ quan nhà nước",
              "Bộ phận Một cửa các cấp", "thanh toán không dùng tiền mặt", "chính quyền điện tử"]
    leads = ["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin", "Các cơ quan, đơn vị thuộc UBND huyện",
             "Trung tâm Văn hóa, Thông tin và Thể thao huyện", "Ủy ban nhân dân các xã, thị trấn"]
    partners = ["Các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan", "Sở Nội vụ; các cơ quan, đơn vị thực hiện",
                "Phòng Tư pháp, Phòng Nội vụ và các cơ quan, đơn vị có liên quan", "Công an huyện; Ủy ban nhân dân các xã, thị trấn"]
    when = ["Thường xuyên", "Quý I/2026", "Trước ngày 30/6/2026", "Hằng quý", "Tháng 9/2026", "Quý III và quý IV năm 2026"]
    rows = []
    for k in range(28):
        content = (f"Tuyên truyền về {topics[k % 6]} trên Trang thông tin điện tử huyện, hệ thống truyền thanh cơ sở"
                   + "; lồng ghép nội dung tuyên truyền trong các hội nghị, buổi sinh hoạt của cơ quan, đơn vị" * (k % 3)
                   + "; tổ chức tọa đàm, đối thoại với người dân và doanh nghiệp" * (k % 4 == 1))
        rows.append((content, leads[k % 6], partners[k % 4], when[k % 6]))
    return rows


def _pages_opening_inside_a_row(pdf: Path) -> int:
    """Pages after the first whose table opens, under the repeated header, with the rest of a
    row cut by the page break: text of the content column above the first row number."""
    import pdfplumber

    count = 0
    with pdfplumber.open(pdf) as document:
        for page in document.pages[1:]:
            words = page.extract_words()
            tt = next((w for w in words if w["text"] == "TT"), None)
            title = next((w for w in words if w["text"] == "Nội" and tt and abs(w["top"] - tt["top"]) < 2), None)
            if tt is None or title is None:
                continue
            lead_x = min(w["x0"] for w in words if w["text"] == "Cơ" and abs(w["top"] - tt["top"]) < 2)
            numbers = [w["top"] for w in words if w["x0"] < title["x0"] - 2 and w["top"] > tt["bottom"] and w["text"].isdigit()]
            first_row = min(numbers, default=float("inf"))
            if any(title["x0"] - 2 <= w["x0"] < lead_x - 2 and tt["bottom"] < w["top"] < first_row - 2 for w in words):
                count += 1
    return count


@pytest.mark.parametrize("grid", [True, False], ids=["borders", "no-borders"])
def test_rows_cut_by_a_page_break_under_a_repeated_header(registry, tmp_path: Path, grid: bool) -> None:
    """A plan's appendix table in Word with its heading row repeated on every page, printed to
    PDF: rows cut by a page break go on under the header on the next page, and the first line
    there ("các cơ quan, đơn vị", "quan", "hiện") belongs to the row, not to the header."""
    rows = _broken_rows_tasks()
    text = _BROKEN_ROWS_PLAN + "".join(f"{k}\t{c}\t{lead}\t{p}\t{w}\n" for k, (c, lead, p, w) in enumerate(rows, 1))
    docx = text_to_docx(text, tmp_path / "ke_hoach.docx", widths_cm=[1.0, 6.5, 3.2, 3.2, 2.6], header_on_every_page=True, grid=grid)
    pdf = _word_to_pdf(docx, tmp_path)
    assert _pages_opening_inside_a_row(pdf) >= 1  # the layout this test is about
    assert [(t.content, t.lead, t.partners, t.time_frame) for t in recognize(read_document(docx), registry).tasks] == rows
    doc = read_document(pdf)
    assert [line.cells for line in doc.lines if line.cells and line.cells[0] == "TT"] == [
        ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]]
    result = recognize(doc, registry)
    assert [(t.content, t.lead, t.partners, t.time_frame) for t in result.tasks] == rows
    assert not result.unrecognised


def test_first_row_under_the_header_with_its_number_in_the_middle(registry, tmp_path: Path) -> None:
    """The number of the first row centred in its cell, so that the row's first lines stand
    above it, right under the header, and one of them holds only words a header has ("Các cơ
    quan,"): the border drawn under the header ends it, the line stays in the row."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body, centre = _viet_styles()
    rows = [("TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện")]
    expected = [
        ("Tuyên truyền về cải cách thủ tục hành chính, dịch vụ công trực tuyến toàn trình trên Trang thông tin "
         "điện tử huyện, hệ thống truyền thanh cơ sở và các buổi sinh hoạt của cơ quan, đơn vị, khu dân cư",
         "Các cơ quan, đơn vị thuộc Ủy ban nhân dân huyện", "Phòng Nội vụ", "Thường xuyên"),
        ("Tổ chức hội nghị đối thoại với người dân về cải cách hành chính", "Phòng Nội vụ",
         "Các cơ quan, đơn vị có liên quan", "Quý III/2025"),
    ]
    rows += [(str(n), *task) for n, task in enumerate(expected, 1)]
    data = [[Paragraph(c, centre if r == 0 or k in (0, 4) else body) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(data, colWidths=[30, 230, 80, 90, 80], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("VALIGN", (0, 1), (0, -1), "MIDDLE")]))
    path = tmp_path / "giua.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("PHỤ LỤC", centre), table])
    doc = read_document(path)
    assert next(line.cells for line in doc.lines if line.cells) == list(rows[0])
    assert _fields(recognize(doc, registry)) == expected
