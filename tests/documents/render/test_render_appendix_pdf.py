"""The appendix PDF read back: text, fonts, header rows, page numbers, page geometry."""

from __future__ import annotations

import dataclasses

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.appendix import STT_WIDTH, column_widths, render_appendix_pdf
from cchc_desktop.store.domain import Appendix, Task

A4_LANDSCAPE = (841.89, 595.28)


def _content_column(settings, landscape=True):
    width = (A4_LANDSCAPE[0] if landscape else A4_LANDSCAPE[1]) - (settings.margin_left_mm + settings.margin_right_mm) * mm
    widths = column_widths(settings.appendix_columns, width)
    x0 = settings.margin_left_mm * mm + STT_WIDTH
    return x0 + 1, x0 + widths[1] - 1


def test_table_text_equals_the_stored_text(grouped_store, plan_id, tmp_path, column_text, squash_text, tricky):
    squash = squash_text
    pdf = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(grouped_store, plan_id, pdf)
    settings = doc_settings.load(grouped_store)
    pages = column_text(pdf, *_content_column(settings))
    # the header row opens the table on every page
    assert all(page.startswith("Nội dung") for page in pages), [p[:30] for p in pages]
    body = squash(" ".join(page.removeprefix("Nội dung") for page in pages))
    rows = grouped_store.tasks.rows(plan_id=plan_id)
    ungrouped = [r.task.content for r in rows if r.group_position < 0]
    expected = squash(" ".join([*ungrouped, tricky.groups[0], tricky.special, tricky.groups[1], "Tập huấn nghiệp vụ",
                                "Tổng kết năm"]))
    assert body == expected
    # the line break inside a cell is kept as a line break
    lines = "\n".join(pages).splitlines()
    assert "Nhiệm vụ thử: A&B <Phòng CCHC>" in lines
    assert lines[lines.index("Nhiệm vụ thử: A&B <Phòng CCHC>") + 1] == "dòng hai"


def test_heading_title_reference_line_and_groups(grouped_store, plan_id, tmp_path, squash_text):
    squash = squash_text
    pdf = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(grouped_store, plan_id, pdf)
    with pdfplumber.open(pdf) as doc:
        first = squash(doc.pages[0].extract_text())
        everything = squash(" ".join(p.extract_text() for p in doc.pages))
        italic = {c["fontname"] for c in doc.pages[0].chars if c["text"] == "K" and c["top"] < 120}
        group_fonts = {c["fontname"] for p in doc.pages for c in p.chars if c["text"] == "ò" and
                       "Văn phòng UBND tỉnh" in (p.extract_text() or "")}
    assert first.startswith("Phụ lục MỘT SỐ NHIỆM VỤ TUYÊN TRUYỀN CCHC NĂM 2024 "
                            "(Kèm theo Quyết định số 3060/QĐ-UBND ngày 29 tháng 12 năm 2023 "
                            "của Chủ tịch UBND tỉnh Vĩnh Long)")
    assert "CỘNG HÒA" not in first  # no national header on an appendix
    assert any("Italic" in name for name in italic)
    # group rows carry Roman numbers, STT restarts at 1 in each group
    assert "I Văn phòng UBND tỉnh 1 Nhiệm vụ thử: A&B <Phòng CCHC>" in everything
    assert "II Sở Nội vụ 1 Tập huấn nghiệp vụ Sở Nội vụ Quý II/2024 2 Tổng kết năm" in everything
    assert any("Bold" in name for name in group_fonts)


def test_several_appendices_are_numbered_in_roman(demo_store, plan_id, tmp_path, squash_text):
    plan = demo_store.plans.get(plan_id)
    plan.appendices = [*plan.appendices, Appendix(title="Danh mục tin bài")]
    plan = demo_store.plans.update(plan)
    demo_store.tasks.create(Task(plan_id=plan_id, appendix_id=plan.appendices[1].id, content="Viết 10 tin bài"))
    pdf = tmp_path / "pl2.pdf"
    render_appendix_pdf(demo_store, plan_id, pdf, appendix=2)
    text = squash_text(PdfReader(pdf).pages[0].extract_text())
    assert text.startswith("Phụ lục II DANH MỤC TIN BÀI")
    assert "Viết 10 tin bài" in text


def test_draft_keeps_blank_number_and_date(demo_store, plan_id, tmp_path, squash_text):
    plan = demo_store.plans.get(plan_id)
    demo_store.plans.update(dataclasses.replace(plan, number="/KH-UBND", issue_date=None,
                                                act_authority="Ủy ban nhân dân tỉnh Vĩnh Long"))
    pdf = tmp_path / "draft.pdf"
    render_appendix_pdf(demo_store, plan_id, pdf)
    text = squash_text(PdfReader(pdf).pages[0].extract_text())
    assert "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm của Ủy ban nhân dân tỉnh Vĩnh Long)" in text


def test_fonts_are_embedded_and_no_builtin_font_is_used(grouped_store, plan_id, tmp_path):
    pdf = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(grouped_store, plan_id, pdf)
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            names.add(str(font["/BaseFont"]))
    assert names and not any(n.lstrip("/") in ("Helvetica", "Times-Roman", "Courier") for n in names)
    assert any("Bold" in n for n in names)


def test_page_numbers_from_page_two_centred_in_the_top_margin(grouped_store, plan_id, tmp_path):
    settings = doc_settings.load(grouped_store)
    pdf = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(grouped_store, plan_id, pdf)
    top = settings.margin_top_mm * mm
    centre = settings.margin_left_mm * mm + (A4_LANDSCAPE[0] - (settings.margin_left_mm + settings.margin_right_mm) * mm) / 2
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 2
        for number, page in enumerate(doc.pages, start=1):
            in_margin = [w for w in page.extract_words() if w["bottom"] <= top]
            if number == 1:
                assert in_margin == []
            else:
                assert [w["text"] for w in in_margin] == [str(number)]
                assert abs((in_margin[0]["x0"] + in_margin[0]["x1"]) / 2 - centre) < 1


@pytest.mark.parametrize("landscape", [True, False])
def test_page_size_and_margins_are_those_set(grouped_store, plan_id, tmp_path, landscape):
    settings = doc_settings.load(grouped_store)
    settings = dataclasses.replace(settings, margin_top_mm=25, margin_bottom_mm=22, margin_left_mm=35,
                                   margin_right_mm=20, appendix_orientation="landscape" if landscape else "portrait")
    doc_settings.save(grouped_store, settings)
    pdf = tmp_path / "phu_luc.pdf"
    render_appendix_pdf(grouped_store, plan_id, pdf)
    size = A4_LANDSCAPE if landscape else (A4_LANDSCAPE[1], A4_LANDSCAPE[0])
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            assert (round(float(page.width), 1), round(float(page.height), 1)) == (round(size[0], 1), round(size[1], 1))
            body = [c for c in page.chars if c["top"] >= 25 * mm]
            assert min(c["x0"] for c in body) >= 35 * mm - 0.5
            assert max(c["x1"] for c in body) <= size[0] - 20 * mm + 0.5
            assert max(c["bottom"] for c in page.chars) <= size[1] - 22 * mm + 0.5
            edges = [e for e in page.edges]
            assert min(e["x0"] for e in edges) >= 35 * mm - 1 and max(e["x1"] for e in edges) <= size[0] - 20 * mm + 1
            if number > 1:  # the table (its repeated header row) starts right at the top margin
                assert abs(min(e["top"] for e in edges) - 25 * mm) < 0.5


@pytest.mark.slow
def test_a_cell_longer_than_a_page_continues_on_the_next_pages(demo_store, plan_id, tmp_path, column_text, squash_text):
    words = " ".join(f"đoạn{i} tuyên truyền cải cách hành chính" for i in range(200))
    long_text = f"Nội dung rất dài: A&B <Phòng CCHC>\n{words}"[:6000]
    assert len(long_text) == 6000
    plan = demo_store.plans.get(plan_id)
    demo_store.tasks.create(Task(plan_id=plan_id, appendix_id=plan.appendices[0].id, content=long_text,
                                 lead=[], time_frame="Quý I/2024"))
    pdf = tmp_path / "dai.pdf"
    render_appendix_pdf(demo_store, plan_id, pdf)
    settings = doc_settings.load(demo_store)
    pages = column_text(pdf, *_content_column(settings))
    assert len(pages) >= 5
    assert all(page.startswith("Nội dung") for page in pages)
    body = squash_text(" ".join(page.removeprefix("Nội dung") for page in pages))
    assert squash_text(long_text) in body


@pytest.mark.slow
def test_a_thousand_rows_render_with_the_header_on_every_page(demo_store, plan_id, tmp_path, squash_text):
    plan = demo_store.plans.get(plan_id)
    app = plan.appendices[0].id
    groups = [demo_store.tasks.add_group(app, f"Nhóm {i}") for i in range(10)]
    demo_store.tasks.create_many([
        Task(plan_id=plan_id, appendix_id=app, group_id=groups[i % 10].id,
             content=f"Nhiệm vụ số {i}: tuyên truyền về cải cách hành chính trên địa bàn",
             time_frame="Thường xuyên") for i in range(1000)
    ])
    pdf = tmp_path / "1000.pdf"
    render_appendix_pdf(demo_store, plan_id, pdf)
    reader = PdfReader(pdf)
    assert len(reader.pages) > 30
    texts = [p.extract_text() for p in reader.pages]
    assert all("Cơ quan chủ trì" in t for t in texts)
    everything = squash_text(" ".join(texts))
    assert all(f"Nhiệm vụ số {i}:" in everything for i in range(1000))


def test_narrow_columns_never_cut_a_word(demo_store, plan_id, tmp_path):
    row = demo_store.tasks.rows(plan_id=plan_id)[2].task
    row.output, row.funding, row.notes = "01 bản tin/tuần", "Ngân sách tỉnh", "Ghi chú"
    demo_store.tasks.update(row)
    pdf = tmp_path / "doc.pdf"
    render_appendix_pdf(demo_store, plan_id, pdf, landscape_page=False,
                        columns=["stt", "content", "lead", "partners", "time_frame", "output", "funding", "status",
                                 "notes"])
    with pdfplumber.open(pdf) as doc:
        words = {w["text"] for page in doc.pages for w in page.extract_words()}
    for word in ("16/01/2024", "Thường", "xuyên", "tin/tuần", "Truyền", "II/2024", "Trạng", "phẩm/chỉ"):
        assert word in words, word


def test_a_very_long_word_never_squeezes_a_neighbouring_column_to_nothing() -> None:
    """All nine columns on a portrait page, one cell holding a 205-point "word": the columns whose
    words fit keep their share; the table renders (a 2-point column made reportlab refuse it)."""
    import io
    from dataclasses import replace as _replace

    from reportlab.lib.units import mm

    from cchc_desktop.documents.render.appendix import AppendixTable, TableRow, column_widths, write_appendix_pdf
    from cchc_desktop.documents.render.settings import DocumentSettings
    from cchc_desktop.store.domain import Appendix, Plan

    cols = ["stt", "content", "lead", "partners", "time_frame", "output", "funding", "status", "notes"]
    widths = column_widths(cols, 467.7, [29.7, 33.0, 33.0, 205.0, 31.7, 55.0, 33.0, 39.0, 26.3])
    assert abs(sum(widths) - 467.7) < 0.01
    assert min(widths) >= 12 * mm - 0.01
    lines = "\n".join(["dòng"] * 45)
    plan = Plan(id=1, period_start=2024, period_end=2024, appendices=[Appendix(id=1, title="Phụ lục")])
    row = TableRow(cells={"stt": "1", "content": "", "lead": lines, "partners": "<b><b><b><b><b><super>é0000@@",
                          "time_frame": lines, "output": "", "funding": lines, "status": lines,
                          "notes": " ".join(["chữ"] * 250)}, task_id=1)
    table = AppendixTable(plan=plan, appendix=plan.appendices[0], index=1, count=1, columns=cols, rows=[row])
    out = io.BytesIO()
    write_appendix_pdf(table, out, _replace(DocumentSettings(), appendix_columns=cols), landscape_page=False)
    assert out.getvalue().startswith(b"%PDF")
