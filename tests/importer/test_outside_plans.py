"""The outside plans (six real plans of other provinces, ../shared/samples/outside/) read as an
office receives them: rebuilt as .docx (../shared/tools/md_to_docx.py) and printed from that
.docx to PDF by LibreOffice. Each import is scored against the document's hand-written
reading (`outside_scoring`); the floors below are raised as the reading improves.

Where the reading and the document differ, the document wins (none found so far)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from outside_scoring import DocScore, build_docx, build_pdfs, expected_of, import_and_score

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = ROOT.parent / "shared" / "samples" / "outside"
TOOLS = ROOT.parent / "shared" / "tools"

# Floors: tasks found with the right lead and time frame, out of 110; metadata right (number,
# date, signer, issuer), out of 24.
TASK_FLOOR = {"docx": 107, "pdf": 107}
METADATA_FLOOR = {"docx": 24, "pdf": 24}


def _documents() -> list[Path]:
    return sorted(OUTSIDE.glob("[0-9]*.md")) if OUTSIDE.is_dir() else []


@pytest.fixture(scope="session")
def outside_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The outside plans as .docx and as PDF, converted once per test session."""
    documents = _documents()
    if not documents or not (TOOLS / "md_to_docx.py").is_file():
        pytest.skip(f"outside plans or md_to_docx.py not present in {OUTSIDE.parent.parent}")
    out = tmp_path_factory.mktemp("outside")
    docx = [build_docx(md, out, TOOLS) for md in documents]
    files = {"docx": docx, "md": documents}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    files["pdf"] = build_pdfs(docx, out, soffice) if soffice else []
    return files


def _scores(files: dict[str, list[Path]], kind: str) -> list[DocScore]:
    if not files[kind]:
        pytest.skip("LibreOffice (soffice) is not installed: the PDFs cannot be printed")
    return [import_and_score(path, expected_of(md), md.stem) for md, path in zip(files["md"], files[kind], strict=True)]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_outside_plans_are_read_to_the_floor(outside_files, kind: str) -> None:
    scores = _scores(outside_files, kind)
    right = sum(s.right for s in scores)
    metadata = sum(s.metadata_right for s in scores)
    report = "\n".join(f"{s.name}: {s.right}/{s.expected} {s.metadata}\n  " + "\n  ".join(s.misses) for s in scores)
    assert right >= TASK_FLOOR[kind], report
    assert metadata >= METADATA_FLOOR[kind], report
    # every document gives most of its tasks, not a few documents all of theirs
    assert all(s.found * 2 >= s.expected for s in scores), report


def test_outside_assignments_are_offered_and_inherit_what_they_do_not_say(outside_files) -> None:
    from cchc_desktop.importer import read_document, recognize

    cantho = next(p for p in outside_files["docx"] if p.name.startswith("06"))
    result = recognize(read_document(cantho))
    # the plan's only tasks are its duties per agency: they are its tasks, grouped by agency,
    # and say what they inherit
    assert not result.assignments and len(result.tasks) >= 17
    first = result.tasks[0]
    assert first.include and first.lead == first.group == "Sở Nông nghiệp và Môi trường"
    assert "lead" in first.derived and first.time_frame == "Từ nay đến hết năm 2025" and "time_frame" in first.derived
    assert first.source and all(isinstance(n, int) for n in first.source)
    hanoi = next(p for p in outside_files["docx"] if p.name.startswith("04"))
    result = recognize(read_document(hanoi))
    # a plan with labelled tasks keeps its "Tổ chức thực hiện" duties offered, not ticked
    assert result.tasks and result.assignments and not any(a.include for a in result.assignments)
    labelled = result.tasks[0]
    assert labelled.lead == "Sở Khoa học và Công nghệ" and labelled.time_frame == "Hoàn thành trong năm 2025"
    assert not labelled.derived  # written on its own lines: nothing inherited or guessed
