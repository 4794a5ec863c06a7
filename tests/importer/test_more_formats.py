"""The formats offices receive besides .docx/.pdf/.txt: .odt, .html/.htm saved from a browser,
.doc and .rtf through LibreOffice or Word (with a clear message when neither is on the PC), and
scanned PDFs refused as scans."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import formats, read_document, recognize

HEADER = ["ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", "Số: 15/KH-UBND", "Hòa Bình, ngày 05 tháng 3 năm 2025", "KẾ HOẠCH",
          "Tuyên truyền cải cách hành chính năm 2025", "I. MỤC ĐÍCH, YÊU CẦU", "Nâng cao nhận thức về cải cách hành chính."]
TABLE = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
         ["1", "Xây dựng chuyên mục cải cách hành chính", "Sở Nội vụ", "Các sở, ngành", "Quý II/2025"],
         ["2", "Tổ chức hội thi tìm hiểu cải cách hành chính", "Sở Tư pháp", "Sở Nội vụ", "Tháng 10/2025"]]
SIGNATURE = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]


def _check(result) -> None:  # noqa: ANN001
    assert result.plan.number == "15/KH-UBND"
    assert [(t.content, t.lead, t.time_frame) for t in result.tasks] == [
        ("Xây dựng chuyên mục cải cách hành chính", "Sở Nội vụ", "Quý II/2025"),
        ("Tổ chức hội thi tìm hiểu cải cách hành chính", "Sở Tư pháp", "Tháng 10/2025")]
    assert result.plan.signer_name == "Nguyễn Văn An"


def _odt(path: Path) -> Path:
    text = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    table = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    paras = "".join(f"<text:p>{line}</text:p>" for line in HEADER)
    # the signature (a heading, and a soft line break, as Writer saves them), then the appendix
    paras += f"<text:h>{SIGNATURE[0]}</text:h><text:p>{SIGNATURE[1]}<text:line-break/>{SIGNATURE[2]}</text:p><text:p>PHỤ LỤC</text:p>"
    rows = "".join("<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in row)
                   + "</table:table-row>" for row in TABLE)
    body = (f"{paras}<table:table><table:table-header-rows>{rows.split('</table:table-row>', 1)[0]}</table:table-row>"
            f"</table:table-header-rows>{rows.split('</table:table-row>', 1)[1]}</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {office} {text} {table}>'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def test_odt_is_read_like_docx(tmp_path) -> None:
    _check(recognize(read_document(_odt(tmp_path / "kehoach.odt"))))


def _html(charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>{line}</p>" for line in HEADER)
    rows = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE)
    # the page's own line breaks inside a paragraph are spaces; <br> is a line
    return (f'<html><head><meta charset="{charset}"><title>Kế hoạch</title><style>p {{margin:0}}</style>'
            f"<script>var x = 'Sở Nội vụ chủ trì';</script></head><body>\n{paras}\n"
            f"<p>{SIGNATURE[0]}<br>{SIGNATURE[1]}<br>{SIGNATURE[2]}</p>\n<p>PHỤ\nLỤC</p>\n<table><tbody>{rows}</tbody></table></body></html>")


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_saved_from_a_browser(tmp_path, suffix: str) -> None:
    path = tmp_path / f"kehoach{suffix}"
    path.write_text(_html(), encoding="utf-8")
    _check(recognize(read_document(path)))


def _rtf() -> str:
    def esc(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in text)

    paras = "".join(f"\\pard {esc(line)}\\par\n" for line in [*HEADER, *SIGNATURE, "PHỤ LỤC"])
    rows = ""
    for row in TABLE:
        cells = "".join(f"\\cellx{1800 * (i + 1)}" for i in range(len(row)))
        rows += "\\trowd" + cells + "".join(f"\\pard\\intbl {esc(c)}\\cell " for c in row) + "\\row\n"
    return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + paras + rows + "\\pard\\par}"


def test_rtf_through_libreoffice(tmp_path) -> None:
    if not formats.find_libreoffice():
        pytest.skip("LibreOffice (soffice) is not installed here")
    path = tmp_path / "kehoach.rtf"
    path.write_text(_rtf(), encoding="ascii")
    result = recognize(read_document(path))
    _check(result)
    assert not list(tmp_path.glob("*.docx")), "converted in a temporary folder, nothing left beside the file"


def test_doc_through_libreoffice(tmp_path) -> None:
    soffice = formats.find_libreoffice()
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed here")
    import subprocess

    rtf = tmp_path / "nguon.rtf"
    rtf.write_text(_rtf(), encoding="ascii")
    out = tmp_path / "doc"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to", "doc",
                    "--outdir", str(out), str(rtf)], check=True, capture_output=True, timeout=180)
    _check(recognize(read_document(out / "nguon.doc")))


@pytest.mark.parametrize("suffix", [".doc", ".rtf"])
def test_doc_and_rtf_without_a_converter_say_what_to_save_as(tmp_path, monkeypatch, suffix: str) -> None:
    monkeypatch.setattr(formats, "find_libreoffice", lambda: None)
    monkeypatch.setattr(formats, "find_word", lambda: None)
    path = tmp_path / f"kehoach{suffix}"
    path.write_bytes(b"{\\rtf1 x}" if suffix == ".rtf" else b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    with pytest.raises(ImportFailure) as info:
        read_document(path)
    message = str(info.value)
    assert "LibreOffice" in message and "Microsoft Word" in message and ".docx" in message and "Lưu thành" in message


def _scan_pdf(path: Path, *, page_number: bool) -> Path:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (400, 560), 255)
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(2):
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 20, 20, width=A4[0] - 40, height=A4[1] - 40)
        if page_number:
            c.drawString(A4[0] / 2, 15, str(n + 1))
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("page_number", [False, True])
def test_a_scanned_pdf_is_refused_as_a_scan(tmp_path, page_number: bool) -> None:
    pytest.importorskip("PIL")
    with pytest.raises(ImportFailure) as info:
        read_document(_scan_pdf(tmp_path / "scan.pdf", page_number=page_number))
    assert "bản quét" in str(info.value)


def test_the_converter_is_found_on_path(monkeypatch, tmp_path) -> None:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert formats.find_libreoffice() == shutil.which("soffice")


def test_hostile_nesting_is_read_or_refused_never_a_crash(tmp_path) -> None:
    """A file nesting lists or tables thousands deep (no plan does) is read to a sane depth or
    refused with a message; never a RecursionError."""
    deep = 5000
    odt = tmp_path / "sau.odt"
    body = "<text:list><text:list-item>" * deep + "<text:p>Sở Nội vụ</text:p>" + "</text:list-item></text:list>" * deep
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               f"<office:body><office:text><text:p>KẾ HOẠCH</text:p>{body}</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("content.xml", content)
    html = tmp_path / "sau.html"
    html.write_text("<html><body><p>KẾ HOẠCH</p>" + "<div><table><tr><td>" * deep + "x" + "</td></tr></table></div>" * deep
                    + "</body></html>", encoding="utf-8")
    for path in (odt, html):
        try:
            doc = read_document(path)
        except ImportFailure as exc:
            assert str(exc)
        else:
            assert doc.lines[0].text == "KẾ HOẠCH"
