"""A PDF is read within caps on pages, inflated content, drawing commands and time for the whole
document, and a password-protected PDF is said to need its password instead of being called
damaged. `bench/bench_hostile_import.py` measures the 30 × 70 MB stream bomb."""

from __future__ import annotations

import tracemalloc

import pytest
from hostile_archives import encrypted_pdf, many_pages_pdf, stream_bomb_pdf, text_pdf

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import pdfguard, read_document
from cchc_desktop.importer.pdfguard import MAX_PDF_PAGE_COMMANDS, MAX_PDF_PAGES, PasswordRequired

MB = 1024 * 1024
PLAN = ["KE HOACH", "Tuyen truyen cai cach hanh chinh nam 2025", "1. Dang tin bai tren Cong thong tin dien tu tinh."]


def _refused(path, *words: str, password: str | None = None, peak_below: int = 24 * MB) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailure) as info:
            read_document(path, password=password)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for word in words:
        assert word in info.value.message, info.value.message
    assert "bị hỏng, không đọc được" not in info.value.message, info.value.message
    assert peak < peak_below, f"{peak / 1e6:.1f} MB allocated before refusing"
    return info.value.message


def test_a_page_whose_content_inflates_past_the_page_limit_is_refused_without_inflating_it(tmp_path) -> None:
    # 3 pages × 40 MB of content in a file of a few hundred KB: each page under pypdf's own cap
    path = stream_bomb_pdf(tmp_path / "bom.pdf", pages=3, inflated=40 * MB)
    assert path.stat().st_size < 200_000
    _refused(path, "«bom.pdf»", "trang 1", "giải nén ra quá lớn", "hơn 2 MB trên trang", "bản Word")


def test_the_content_of_the_whole_document_is_capped(tmp_path, monkeypatch) -> None:
    """Pages each under the page limit, together over the document's (lowered here to 3 MB, so
    that the pages are few and quick to parse; the time limit held still to test this one)."""
    monkeypatch.setattr(pdfguard, "MAX_PDF_CONTENT_BYTES", 3 * MB)
    monkeypatch.setattr(pdfguard.time, "thread_time", lambda: 0.0)
    path = stream_bomb_pdf(tmp_path / "dai.pdf", pages=6, inflated=MB)
    message = _refused(path, "«dai.pdf»", "trang 4", "3 MB cả tệp")
    assert "1 MB trên trang" in message


def test_a_page_of_too_many_drawing_commands_is_refused_before_it_is_parsed(tmp_path) -> None:
    # 200,000 "move to" commands on one page: under 2 MB inflated, minutes of pypdf's parsing
    path = stream_bomb_pdf(tmp_path / "ve.pdf", pages=1, inflated=1_200_000, unit=b"0 0 m\n")
    _refused(path, "«ve.pdf»", "quá nhiều lệnh vẽ", f"{MAX_PDF_PAGE_COMMANDS:,}".replace(",", "."))


def test_too_many_pages_are_refused(tmp_path) -> None:
    path = many_pages_pdf(tmp_path / "trang.pdf", pages=MAX_PDF_PAGES + 500)
    _refused(path, "«trang.pdf»", f"{MAX_PDF_PAGES + 500:,}".replace(",", "."), "trang")


def test_a_page_tree_that_understates_its_pages_is_stopped_while_it_is_listed(tmp_path) -> None:
    path = many_pages_pdf(tmp_path / "dem.pdf", pages=3 * MAX_PDF_PAGES, declared_pages=1)
    _refused(path, "«dem.pdf»", f"hơn {MAX_PDF_PAGES:,}".replace(",", "."), "trang")


def test_the_whole_document_has_a_time_limit(tmp_path, monkeypatch) -> None:
    """A clock that has already run past the limit stops the reading at the first check, with
    the time limit in the message (the real limit is measured by the benchmark)."""
    path = text_pdf(tmp_path / "cham.pdf", PLAN)
    assert read_document(path).lines  # the document itself reads
    ticks = iter(range(0, 10_000, 4))
    monkeypatch.setattr(pdfguard.time, "thread_time", lambda: float(next(ticks)))
    _refused(path, "«cham.pdf»", f"quá {pdfguard.MAX_PDF_SECONDS:.0f} giây", "đã dừng")


@pytest.mark.parametrize("algorithm", ["AES-128", "RC4-128", "AES-256"])
def test_a_pdf_with_a_password_says_it_needs_it_and_reads_with_it(tmp_path, algorithm) -> None:
    if algorithm.startswith("AES"):
        pytest.importorskip("cryptography", reason="pypdf reads AES only with the cryptography package")
    path = encrypted_pdf(tmp_path / "mat.pdf", "bi-mat", algorithm=algorithm, lines=tuple(PLAN))
    with pytest.raises(PasswordRequired) as info:
        read_document(path)
    assert "mật khẩu" in info.value.message and "bị hỏng" not in info.value.message
    with pytest.raises(PasswordRequired) as wrong:
        read_document(path, password="sai")
    assert "không đúng" in wrong.value.message
    doc = read_document(path, password="bi-mat")
    assert any("Tuyen truyen" in line.text for line in doc.lines)


def test_a_pdf_locked_only_for_editing_opens_without_asking(tmp_path) -> None:
    path = encrypted_pdf(tmp_path / "khoa.pdf", "", algorithm="RC4-128", lines=tuple(PLAN))
    assert any("KE HOACH" in line.text for line in read_document(path).lines)


def test_the_command_line_takes_the_password(tmp_path, capsys) -> None:
    from cchc_desktop.cli import main

    path = encrypted_pdf(tmp_path / "mat.pdf", "bi-mat", algorithm="RC4-128", lines=tuple(PLAN))
    db = tmp_path / "cchc.sqlite3"
    assert main(["--db", str(db), "import", str(path), "--dry-run"]) == 2
    assert "mật khẩu" in capsys.readouterr().err
    assert main(["--db", str(db), "import", str(path), "--dry-run", "--password", "bi-mat"]) == 0
    assert "Tuyen truyen" in capsys.readouterr().out


@pytest.mark.parametrize("password", ["", "bi-mat"], ids=["locked for editing", "with a password"])
def test_aes_without_the_cryptography_package_says_so(tmp_path, password) -> None:
    """The bundle leaves `cryptography` out, and pypdf decrypts AES only with it: the PDF is
    said to be encrypted in a way the program cannot read, not damaged."""
    import subprocess
    import sys
    from pathlib import Path

    path = encrypted_pdf(tmp_path / "aes.pdf", password, algorithm="AES-128", lines=tuple(PLAN))
    code = (
        "import sys\n"
        "sys.modules['cryptography'] = None\n"  # as if not installed (pycryptodome neither)
        "sys.modules['Crypto'] = None\n"
        "from cchc_desktop.importer import read_document\n"
        "try:\n"
        f"    read_document({str(path)!r}, password={password!r} or None)\n"
        "    print('read')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc.message)\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120)
    assert out.stdout.startswith("ImportFailure "), out.stdout + out.stderr
    assert "mã hóa theo cách chương trình chưa đọc được" in out.stdout and "bị hỏng" not in out.stdout


def test_a_long_genuine_pdf_under_the_page_limit_is_counted_not_refused(tmp_path) -> None:
    """The page-tree cap counts the keys of the page dictionaries met, not pages: at two per page it
    refused a 617-page decision printed by LibreOffice. Pages as a word processor writes them
    (MediaBox, Contents, Resources, Parent, Type, Rotate, Group ...) are all counted."""
    from reportlab.pdfgen import canvas

    from cchc_desktop.importer.pdfguard import PdfBudget, open_reader, pypdf_limits

    path = tmp_path / "dai.pdf"
    c = canvas.Canvas(str(path))
    for n in range(MAX_PDF_PAGES - 50):
        c.setPageRotation(0)
        c.drawString(72, 720, f"Trang {n + 1}")
        c.showPage()
    c.save()
    with pypdf_limits():
        reader = open_reader(path.read_bytes(), path.name)
        assert len(PdfBudget(path.name).count_pages(reader)) == MAX_PDF_PAGES - 50
