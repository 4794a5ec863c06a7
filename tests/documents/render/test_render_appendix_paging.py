"""The appendix table laid out a page at a time (`PagedTable`) prints exactly what reportlab
prints when it splits the whole table at every page: same pages, same text, same lines, drawn
in the same order (the PDF files are byte for byte the same, time stamps and ids fixed)."""

from __future__ import annotations

import dataclasses
import io
import random

import pytest
from reportlab import rl_config

from cchc_desktop.documents.render import layout
from cchc_desktop.documents.render.appendix import (
    AppendixTable,
    PagedTable,
    TableRow,
    appendix_flowables,
)
from cchc_desktop.documents.render.settings import APPENDIX_COLUMNS, DocumentSettings
from cchc_desktop.store.domain import Appendix, Plan

WORDS = ("tuyên truyền cải cách hành chính chuyển đổi số dịch vụ công trực tuyến cán bộ công chức "
         "Sở Nội vụ UBND huyện A&B <Phòng>").split()


def _table(seed: int, columns: list[str]) -> AppendixTable:
    """Groups (some with no task, some in a row), short and long cells, repeated agency names,
    a cell of many lines and one of many words taller than a page."""
    rnd = random.Random(seed)
    plan = Plan(id=1, period_start=2025, period_end=2025, appendices=[Appendix(id=1, title="Phụ lục")])
    rows: list[TableRow] = []
    stt = 0
    for i in range(260):
        if rnd.random() < 0.12:
            rows.append(TableRow(group=f"G{i}", group_title=" ".join(rnd.choices(WORDS, k=rnd.choice([2, 40])))))
            stt = 0
            continue
        stt += 1
        cells = {c: " ".join(rnd.choices(WORDS, k=rnd.choice([1, 4, 12, 40]))) for c in columns}
        cells["lead"] = rnd.choice(["Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh"])
        cells["stt"] = str(stt)
        if i == 70:
            cells["content"] = "\n".join(["dòng"] * 70)  # taller than a page
        if i == 150:
            cells["content"] = " ".join(["chữ"] * 1500)
        rows.append(TableRow(cells=cells, task_id=i))
    return AppendixTable(plan=plan, appendix=plan.appendices[0], index=1, count=1, columns=columns, rows=rows)


def _pdf(table: AppendixTable, settings: DocumentSettings, landscape: bool, *, whole: bool) -> bytes:
    out = io.BytesIO()
    doc = layout.OfficialDocument(out, settings, landscape_first=landscape)
    setup = doc.setup_of("landscape" if landscape else "portrait")
    story = appendix_flowables(table, layout.make_styles(settings), setup)
    paged = story[-1]
    assert isinstance(paged, PagedTable)
    if whole:  # the same table, split by reportlab from the whole rest at every page
        story[-1] = paged.table(len(paged.data))
    doc.build(story)
    return out.getvalue()


@pytest.mark.parametrize(("seed", "landscape", "columns"), [
    (1, True, list(APPENDIX_COLUMNS)),
    (2, False, ["stt", "content", "lead", "time_frame"]),
    (3, True, ["content", "lead", "partners"]),
])
def test_a_table_laid_out_page_by_page_prints_as_the_whole_table_split_by_reportlab(
        monkeypatch: pytest.MonkeyPatch, seed: int, landscape: bool, columns: list[str]) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    settings = dataclasses.replace(DocumentSettings(), appendix_columns=columns)
    table = _table(seed, columns)
    paged = _pdf(table, settings, landscape, whole=False)
    whole = _pdf(table, settings, landscape, whole=True)
    assert paged.count(b"/Type /Page\n") > 10
    assert paged == whole
