"""Whatever the officer typed prints as typed: markup characters, entities, line breaks, spaces."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from cchc_desktop.documents.render import layout
from cchc_desktop.documents.render.settings import DocumentSettings

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệòóỏõọờớởỡợừứửữựĐƯƠ0123456789"
TRICKY = ["&", "<", ">", "&amp;", "<b>", "</i>", "<br/>", '"', "'", "&#160;", "<Phòng CCHC>", "A&B", "\n", ";", "/"]


def _printed(text: str) -> str:
    styles = layout.make_styles(DocumentSettings())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=styles.font.name).build([layout.para(text, styles.table)])
    return PdfReader(out).pages[0].extract_text()


pieces = st.lists(st.one_of(st.text(alphabet=LETTERS, min_size=1, max_size=8), st.sampled_from(TRICKY)),
                  min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(pieces)
def test_printed_text_equals_typed_text(parts):
    text = " ".join(parts)
    printed = _printed(text)
    # the paragraph wraps where it likes, so compare with white space folded
    assert re.sub(r"\s+", " ", printed).strip() == re.sub(r"\s+", " ", text).strip()


def test_typed_line_breaks_and_markup_survive():
    assert _printed("A&B <Phòng CCHC>\ndòng hai &amp; <b>không đậm</b>").strip().split("\n") == [
        "A&B <Phòng CCHC>", "dòng hai &amp; <b>không đậm</b>"]
