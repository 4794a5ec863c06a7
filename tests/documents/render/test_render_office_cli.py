"""Word and Excel copies of an appendix, and the printing commands of the CLI."""

from __future__ import annotations

import dataclasses

import docx
import openpyxl
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from cchc_desktop import cli
from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.office_docs import render_appendix_office
from cchc_desktop.store.domain import Task


def _cell_text_with_breaks(cell) -> str:
    out = []
    for p in cell._tc.iter(qn("w:p")):
        parts = []
        for node in p.iter():
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            elif node.tag == qn("w:br"):
                parts.append("\n")
        out.append("".join(parts))
    return "\n".join(out)


def test_word_copy_is_a_real_table(grouped_store, plan_id, tmp_path, tricky):
    path = tmp_path / "phu_luc.docx"
    render_appendix_office(grouped_store, plan_id, docx=path)
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.page_width > section.page_height and section.orientation == 1
    assert abs(section.left_margin - Mm(30)) < Mm(0.1) and abs(section.top_margin - Mm(20)) < Mm(0.1)
    # page numbers in the header from page 2: a PAGE field, and a first page with its own empty header
    assert section.different_first_page_header_footer
    fields = section.header._element.findall(".//" + qn("w:fldSimple"))
    assert [f.get(qn("w:instr")) for f in fields] == ["PAGE"]
    assert not section.first_page_header._element.findall(".//" + qn("w:fldSimple"))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == ["Phụ lục", "MỘT SỐ NHIỆM VỤ TUYÊN TRUYỀN CCHC NĂM 2024"]
    table = document.tables[0]
    header = table.rows[0]._tr
    assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                     "Thời gian thực hiện"]
    rows = table.rows
    is_group = [len(r._tr.findall(qn("w:tc"))) == 2 for r in rows]
    group_rows = [r for r, g in zip(rows, is_group, strict=True) if g]
    assert [r.cells[0].text for r in group_rows] == ["I", "II"]
    assert [r.cells[1].text for r in group_rows] == list(tricky.groups)
    span = group_rows[0]._tr.findall(qn("w:tc"))[1].find(qn("w:tcPr")).find(qn("w:gridSpan"))
    assert span.get(qn("w:val")) == "4"
    contents = [_cell_text_with_breaks(r.cells[1]) for r, g in zip(rows, is_group, strict=True) if not g][1:]
    stored = [r.task.content for r in grouped_store.tasks.rows(plan_id=plan_id)]
    assert contents == stored  # "A&B", "<Phòng CCHC>" and the line break included
    assert tricky.special in contents
    fonts = {r.font.name for p in document.paragraphs for r in p.runs} | {
        r.font.name for row in rows for c in row.cells for p in c.paragraphs for r in p.runs}
    assert fonts == {"Times New Roman"}


def test_excel_copy_prints_like_the_pdf(grouped_store, plan_id, tmp_path, tricky):
    grouped_store.tasks.create(Task(plan_id=plan_id, appendix_id=grouped_store.plans.get(plan_id).appendices[0].id,
                                    content="=1+1 không phải công thức"))
    path = tmp_path / "phu_luc.xlsx"
    render_appendix_office(grouped_store, plan_id, xlsx=path)
    ws = openpyxl.load_workbook(path).active
    assert ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert [ws.cell(5, c).value for c in range(1, 6)] == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                          "Thời gian thực hiện"]
    contents = [ws.cell(r, 2).value for r in range(6, ws.max_row + 1)]
    assert tricky.special in contents and "=1+1 không phải công thức" in contents
    assert all(ws.cell(r, 2).data_type == "s" for r in range(6, ws.max_row + 1))
    assert ws.cell(6, 2).alignment.wrap_text
    assert ws.column_dimensions["B"].width > 2 * ws.column_dimensions["A"].width
    assert any(str(rng).startswith("B") for rng in ws.merged_cells.ranges)  # group titles merged across


def test_portrait_option(grouped_store, plan_id, tmp_path):
    doc_settings.save(grouped_store, dataclasses.replace(doc_settings.load(grouped_store), appendix_orientation="portrait"))
    render_appendix_office(grouped_store, plan_id, docx=tmp_path / "d.docx", xlsx=tmp_path / "d.xlsx")
    section = docx.Document(str(tmp_path / "d.docx")).sections[0]
    assert section.page_width < section.page_height
    assert openpyxl.load_workbook(tmp_path / "d.xlsx").active.page_setup.orientation == "portrait"


def test_cli_appendix_and_plan_doc(demo_store, plan_id, db_path, tmp_path, capsys):
    demo_store.close()
    pdf, word, excel = tmp_path / "pl.pdf", tmp_path / "pl.docx", tmp_path / "pl.xlsx"
    code = cli.main(["--db", str(db_path), "appendix", str(plan_id), "--pdf", str(pdf), "--docx", str(word),
                     "--xlsx", str(excel)])
    assert code == 0
    assert PdfReader(pdf).pages[0].extract_text().startswith("Phụ lục")
    assert docx.Document(str(word)).tables[0].rows[1].cells[1].text.startswith("Cập nhật công khai TTHC")
    assert openpyxl.load_workbook(excel).active.cell(6, 2).value.startswith("Cập nhật công khai TTHC")
    code = cli.main(["--db", str(db_path), "plan-doc", str(plan_id), "--pdf", str(tmp_path / "kh.pdf")])
    assert code == 0 and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in PdfReader(tmp_path / "kh.pdf").pages[0].extract_text()
    capsys.readouterr()


def test_cli_refuses_without_output_or_with_a_missing_appendix(demo_store, plan_id, db_path, tmp_path, capsys):
    demo_store.close()
    assert cli.main(["--db", str(db_path), "appendix", str(plan_id)]) == 2
    assert "ít nhất một tệp" in capsys.readouterr().err
    target = tmp_path / "x.pdf"
    assert cli.main(["--db", str(db_path), "appendix", str(plan_id), "--appendix", "2", "--pdf", str(target)]) == 2
    assert "không có phụ lục thứ 2" in capsys.readouterr().err
    assert not target.exists() and list(tmp_path.glob(".cchc-*")) == []
