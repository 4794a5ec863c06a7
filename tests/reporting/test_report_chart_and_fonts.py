"""The Word report carries the charts of the PDF; no PDF names a font it does not embed."""

from __future__ import annotations

import datetime as dt
import io

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.documents.render.plan_doc import render_plan_pdf
from cchc_desktop.documents.render.reminder_list import render_reminder_list
from cchc_desktop.reporting import report as rp


def _q1(small_plan) -> rp.Report:
    return rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), [small_plan.plan_id],
                           today=dt.date(2025, 4, 15))


def test_the_word_report_carries_both_charts(small_plan, tmp_path):
    from docx import Document
    from PIL import Image

    report = _q1(small_plan)
    path = tmp_path / "bc.docx"
    report_docs.write_docx(report, path, rp.report_texts(small_plan.store, report), small_plan.store,
                           dt.date(2025, 4, 3))
    doc = Document(str(path))
    assert len(doc.inline_shapes) == 2
    images = [Image.open(io.BytesIO(part.blob)).convert("RGB")
              for part in doc.part.package.parts if part.partname.endswith(".png")]
    assert len(images) == 2
    state_chart = max(images, key=lambda im: im.width / im.height)  # the wider of the two
    colours = {c for _, c in state_chart.getcolors(1 << 20)}
    # a bar in the colour of every state that has tasks, and dark text
    for state, colour in report_docs.STATE_COLORS.items():
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert (rgb in colours) == (report.totals.count(state) > 0), state
    assert any(sum(c) < 60 for c in colours)
    # as wide as the text, with the proportions of the PDF chart
    width = doc.inline_shapes[0].width
    assert abs(width.cm - 16) < 0.01
    assert abs(doc.inline_shapes[0].height / width - report_docs.CHART_HEIGHT_PT / width.pt) < 0.01


def _font_names(path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font.get("/BaseFont")))
            assert "/FontDescriptor" in font or font.get("/Subtype") == "/Type0", font
    return names


def test_no_pdf_lists_a_font_it_does_not_use(small_plan, tmp_path):
    store = small_plan.store
    report = _q1(small_plan)
    texts = rp.report_texts(store, report)
    report_docs.write_pdf(store, report, tmp_path / "bc.pdf", texts, dt.date(2025, 4, 3))
    evidence_docs.write_pdf(store, report, tmp_path / "mc.pdf", dt.date(2025, 4, 3))
    render_plan_pdf(store, small_plan.plan_id, tmp_path / "kh.pdf")
    render_reminder_list(store, tmp_path / "nv.pdf", start=dt.date(2025, 1, 1), days=90, today=dt.date(2025, 2, 1))
    for name in ("bc.pdf", "mc.pdf", "kh.pdf", "nv.pdf"):
        fonts = _font_names(tmp_path / name)
        assert fonts and not any("Helvetica" in f or "Times-Roman" in f for f in fonts), (name, fonts)
