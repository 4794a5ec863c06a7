"""The corpus documents read by hand (tests/importer/readings/corpus/) and the outside plans,
imported as an office receives them — rebuilt as .docx by md_to_docx.py and printed from it to
PDF by LibreOffice — and scored by `corpus_scoring` (each task of the reading answered by at
most one imported task; what the import would save answers first).

Every read document: at least 90 % of its tasks with the right lead and time frame, at most 5 %
of the tasks it would save not in the reading; a document that assigns no tasks proposes none
and says why. One reading's wording is excepted: the outside reading of Lai Châu's II.2
starts the task with its heading ("Rà soát văn bản quy phạm pháp luật") where the import takes
its "Nội dung:" line ("Rà soát các văn bản ..."): the same task, counted once missed and once
invented; tests/importer/test_outside_plans.py keeps that plan's floor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_scoring import Score, build_docx, documents, import_and_score
from outside_scoring import build_pdfs

from cchc_desktop.importer import read_document, recognize

READING_WORDED_OTHERWISE = {"03_laichau_7360kh_2025_luat_tieuchuan": "II.2 read from its heading, imported from «Nội dung:»"}


def _read() -> list:
    return [d for d in documents() if d.reading is not None and d.folder in ("corpus", "outside")]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    docs = _read()
    if not any(d.folder == "corpus" for d in docs):
        pytest.skip("corpus documents (../shared/samples/corpus/) or md_to_docx.py not present")
    out = tmp_path_factory.mktemp("corpus")
    docx = [build_docx(d, out) for d in docs]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdfs = build_pdfs(docx, out, soffice) if soffice else []
    return {d.name: {"docx": docx[k], **({"pdf": pdfs[k]} if pdfs else {})} for k, d in enumerate(docs)}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_every_read_document_is_read_to_the_floor(files, kind: str) -> None:
    scores: list[Score] = []
    for doc in _read():
        path = files[doc.name].get(kind)
        if path is None:
            pytest.skip("LibreOffice (soffice) is not installed: the PDFs cannot be printed")
        if doc.name in READING_WORDED_OTHERWISE:
            continue
        scores.append(import_and_score(doc, path))
    report = "\n".join(f"{s.name}: right {s.right}/{s.expected}, invented {s.invented}/{s.imported} {s.error}\n  "
                       + "\n  ".join(s.misses + s.inventions) for s in scores)
    for s in scores:
        assert not s.error, report
        if s.expected:
            assert s.right * 10 >= s.expected * 9, report
        assert s.invented * 20 <= s.imported, report
    assert len(scores) >= 16


def test_documents_that_assign_nothing_say_so(files) -> None:
    for doc in _read():
        if doc.reading["tasks"]:
            continue
        result = recognize(read_document(files[doc.name]["docx"]))
        assert not result.included and not result.tasks, doc.name
        assert result.not_plan and result.problems[0] == result.not_plan, doc.name


def test_the_library_page_says_where_its_metadata_came_from(files) -> None:
    result = recognize(read_document(files["1095764e502a89b8"]["docx"]))
    sources = result.to_json()["metadata_sources"]
    assert sources["number"] == "văn bản" and sources["signer"].startswith("bảng thông tin")
    assert result.plan.signer_name == "Phạm Minh Chính" and result.plan.issuer == "Thủ tướng Chính phủ"
