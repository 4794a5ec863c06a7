"""The further formats offices receive, read into the same line-numbered form as the others:

- `.odt` (LibreOffice/OpenOffice Writer): paragraphs, headings, lists and tables of content.xml;
- `.html`/`.htm` (a page saved from a browser, often from a legal-document library): block
  elements as lines, tables as rows of cells; scripts, styles and the page's head left out;
- `.doc` (Word 97-2003) and `.rtf`: converted to .docx in a temporary folder by LibreOffice or
  Microsoft Word when either is on the PC (on PATH or in the usual Windows install folders),
  then read as .docx; a clear message naming what to save the file as when neither is there;
- a PDF whose pages are only pictures (a scan) is recognised and refused, saying so.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import limits
from cchc_desktop.text.textnorm import nfc

# --------------------------------------------------------------------------- .odt

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}
_MAX_REPEAT = 64  # "number-columns-repeated" of empty trailing cells: a plan's table has < 20 columns


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def _odt_text(el: Any, depth: int = 0) -> str:
    """The text of a paragraph or heading: spaces (text:s), tabs and line breaks kept."""
    out: list[str] = [el.text or ""]
    if depth > _MAX_DEPTH:
        return "".join(out)
    for child in el:
        tag = child.tag
        if tag == _q("text", "s"):
            out.append(" " * min(int(child.get(_q("text", "c"), "1") or 1), 50))
        elif tag == _q("text", "tab"):
            out.append("\t")
        elif tag == _q("text", "line-break"):
            out.append("\n")
        elif tag in (_q("text", "note"), _q("office", "annotation")):
            pass  # footnotes and comments are not the document's text
        else:
            out.append(_odt_text(child, depth + 1))
        out.append(child.tail or "")
    return "".join(out)


_MAX_DEPTH = 100  # lists in lists, tables in cells: a plan nests a few levels; a hostile file thousands


def _odt_blocks(el: Any, depth: int = 0) -> Iterator[tuple[str, list[str] | None]]:
    """(text, cells) for each paragraph (cells None) and table row of `el`, in order."""
    if depth > _MAX_DEPTH:
        return
    for child in el:
        tag = child.tag
        if tag in (_q("text", "p"), _q("text", "h")):
            for part in nfc(_odt_text(child)).split("\n"):
                yield part, None
        elif tag in (_q("text", "list"), _q("text", "list-item"), _q("text", "list-header"), _q("text", "section"),
                     _q("text", "soft-page-break")):
            yield from _odt_blocks(child, depth + 1)
        elif tag == _q("table", "table"):
            yield from _odt_rows(child, depth + 1)


def _odt_rows(table: Any, depth: int) -> Iterator[tuple[str, list[str] | None]]:
    if depth > _MAX_DEPTH:
        return
    for child in table:
        if child.tag in (_q("table", "table-header-rows"), _q("table", "table-rows"), _q("table", "table-row-group")):
            yield from _odt_rows(child, depth + 1)
        elif child.tag == _q("table", "table-row"):
            cells: list[str] = []
            for cell in child:
                repeat = min(int(cell.get(_q("table", "number-columns-repeated"), "1") or 1), _MAX_REPEAT)
                if cell.tag == _q("table", "covered-table-cell"):
                    cells.extend([""] * repeat)  # merged across: keep the grid, text once
                elif cell.tag == _q("table", "table-cell"):
                    text = "\n".join(t for t, _ in _odt_blocks(cell, depth + 1)).strip()
                    cells.extend([text] * (1 if text else repeat) + ([""] * (repeat - 1) if text else []))
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                yield "\t".join(c.replace("\n", " ") for c in cells), cells


Block = tuple[str, list[str] | None]  # a line's text, and its cells when it is a table row


def read_odt(path: Path, data: bytes) -> list[Block]:
    """An OpenDocument text file (.odt) as lines and table rows."""
    data = limits.check_zip(data, path.name, "odt")  # rebuilt: its directory tells the truth
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > limits.MAX_XML_PART_BYTES:
                raise ImportFailure(f"Tệp «{path.name}» có nội dung quá lớn cho một kế hoạch.")
            xml = archive.read(info)
    except ImportFailure:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFailure(f"Tệp «{path.name}» không phải tệp .odt hợp lệ (tệp hỏng). Hãy mở bằng LibreOffice hoặc Word và lưu lại.") from exc
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(f"Tệp «{path.name}» bị hỏng, không đọc được nội dung .odt.") from exc
    body = root.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise ImportFailure(f"Tệp «{path.name}» không phải văn bản .odt (có thể là bảng tính hoặc trình chiếu).")
    return list(_odt_blocks(body))


# --------------------------------------------------------------------------- .html

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
          "blockquote", "pre", "center", "dd", "dt", "dl", "main", "aside", "nav", "form", "address", "caption", "hr"}
_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "select", "button", "input", "textarea"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


_BREAK = "\u2028"  # a <br>: the only line break inside a block (the source's own newlines are spaces)


def _flow(text: str | None) -> str:
    return (text or "").replace("\r", " ").replace("\n", " ")


class _Html:
    def __init__(self) -> None:
        self.out: list[tuple[str, list[str] | None]] = []
        self.buf: list[str] = []

    def flush(self, into: list[str] | None = None) -> None:
        text = "".join(self.buf)
        self.buf = []
        for part in text.split(_BREAK):
            line = _SPACES.sub(" ", part).strip()
            if line:
                if into is not None:
                    into.append(line)
                else:
                    self.out.append((nfc(line), None))

    def walk(self, el: Any, into: list[str] | None = None, depth: int = 0) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or depth > _MAX_DEPTH:
            return
        if tag == "table":
            self.flush(into)
            if into is not None:  # a table inside a cell: its rows as lines of the cell
                for cells in self.rows(el, depth):
                    into.append(" ".join(c for c in cells if c))
            else:
                for cells in self.rows(el, depth):
                    if any(cells):
                        self.out.append(("\t".join(c.replace("\n", " ") for c in cells), cells))
            return
        if tag == "br":
            self.buf.append(_BREAK)
            return
        block = tag in _BLOCK or tag in ("tr", "td", "th")
        if block:
            self.flush(into)
        if tag == "li":
            self.buf.append("- ")
        self.buf.append(_flow(el.text))
        for child in el:
            self.walk(child, into, depth + 1)
            self.buf.append(_flow(child.tail))
        if block:
            self.flush(into)

    def rows(self, table: Any, depth: int) -> Iterator[list[str]]:
        for section in [table, *[c for c in table if isinstance(c.tag, str) and c.tag.lower() in ("thead", "tbody", "tfoot")]]:
            for tr in section:
                if not isinstance(tr.tag, str) or tr.tag.lower() != "tr":
                    continue
                cells: list[str] = []
                for td in tr:
                    if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                        continue
                    inner = _Html()
                    lines: list[str] = []
                    inner.walk(td, lines, depth + 1)
                    inner.flush(lines)
                    cells.append(nfc("\n".join(lines)))
                    try:
                        span = min(int(td.get("colspan", "1")), _MAX_REPEAT)
                    except ValueError:
                        span = 1
                    cells.extend([""] * (span - 1))
                while cells and not cells[-1]:
                    cells.pop()
                yield cells


def read_html(path: Path, data: bytes, decode: Callable[[bytes, str], str]) -> list[Block]:
    """A web page saved from a browser (.html/.htm) as lines and table rows."""
    import lxml.html

    text = _decode_html(data, path.name, decode)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types on garbage
        raise ImportFailure(f"Tệp «{path.name}» không phải trang web .html đọc được.") from exc
    body = root.find("body")
    walker = _Html()
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.out


def _decode_html(data: bytes, name: str, decode: Callable[[bytes, str], str]) -> str:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace").lstrip("\ufeff")
        except LookupError:
            pass
    return decode(data, name)


# --------------------------------------------------------------------------- .doc / .rtf

_LEGACY_NAMES = {".doc": "Word 97–2003 (.doc)", ".rtf": "RTF (.rtf)"}
CONVERT_TIMEOUT = 180  # seconds; LibreOffice converts a plan in a few seconds, its first start takes longer


def _windows_folders() -> list[Path]:
    roots = [os.environ.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")]
    return [Path(r) for r in roots if r] + [Path("C:/Program Files"), Path("C:/Program Files (x86)")]


def find_libreoffice() -> str | None:
    """LibreOffice's soffice on PATH, or in its usual Windows install folders."""
    for name in ("soffice", "libreoffice", "soffice.com", "soffice.exe"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for root in _windows_folders():
            for sub in ("LibreOffice/program/soffice.com", "LibreOffice/program/soffice.exe", "Programs/LibreOffice/program/soffice.exe"):
                if (root / sub).is_file():
                    return str(root / sub)
    return None


def find_word() -> str | None:
    """Microsoft Word (WINWORD.EXE) in its usual Windows install folders or its App Paths key."""
    if sys.platform != "win32":
        return None
    try:
        import winreg

        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\Winword.exe")
        value, _ = winreg.QueryValueEx(key, "")
        if value and Path(value).is_file():
            return str(value)
    except OSError:
        pass
    for root in _windows_folders():
        for office in ("Microsoft Office/root/Office16", "Microsoft Office/Office16", "Microsoft Office/root/Office15",
                       "Microsoft Office/Office15", "Microsoft Office/Office14", "Microsoft Office/Office12"):
            exe = root / office / "WINWORD.EXE"
            if exe.is_file():
                return str(exe)
    return None


_WORD_SCRIPT = """On Error Resume Next
Set app = CreateObject("Word.Application")
If Err.Number <> 0 Then WScript.Quit 2
app.Visible = False
app.DisplayAlerts = 0
Set doc = app.Documents.Open(WScript.Arguments(0), False, True, False)
If Err.Number <> 0 Then
  app.Quit 0
  WScript.Quit 3
End If
doc.SaveAs2 WScript.Arguments(1), 16
rc = Err.Number
doc.Close 0
app.Quit 0
If rc <> 0 Then WScript.Quit 4
"""


def _convert_with_libreoffice(soffice: str, source: Path, folder: Path) -> Path | None:
    profile = (folder / "profile").resolve().as_uri()
    try:
        subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
                        "--convert-to", "docx", "--outdir", str(folder), str(source)],
                       capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = folder / (source.stem + ".docx")
    return out if out.is_file() and out.stat().st_size > 0 else None


def _convert_with_word(source: Path, folder: Path) -> Path | None:
    script = folder / "convert.vbs"
    script.write_text(_WORD_SCRIPT, encoding="ascii")
    out = folder / (source.stem + ".docx")
    try:
        subprocess.run(["cscript", "//nologo", "//B", str(script), str(source), str(out)],
                       capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out if out.is_file() and out.stat().st_size > 0 else None


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The .docx bytes of a .doc or .rtf file, converted in a temporary folder by LibreOffice or,
    failing it, Microsoft Word; ImportFailure (Vietnamese) naming what to save the file as when
    neither is on the PC or the conversion fails."""
    suffix = path.suffix.lower()
    label = _LEGACY_NAMES.get(suffix, suffix)
    save_as = ("Hãy mở tệp bằng Word (hoặc LibreOffice Writer), chọn «Lưu thành» (Save As) kiểu «Word Document (*.docx)» "
               "rồi nhập tệp .docx đó.")
    soffice, word = find_libreoffice(), find_word()
    if not soffice and not word:
        raise ImportFailure(f"Tệp «{path.name}» ở định dạng {label}; máy này không có LibreOffice hay Microsoft Word để chuyển "
                            f"nó sang .docx. {save_as}")
    with tempfile.TemporaryDirectory(prefix="cchc-chuyen-doi-") as tmp:
        folder = Path(tmp)
        source = folder / ("van_ban" + suffix)  # a plain name: converters stumble on some paths
        source.write_bytes(data)
        out = _convert_with_libreoffice(soffice, source, folder) if soffice else None
        if out is None and word:
            out = _convert_with_word(source, folder)
        if out is None:
            used = "LibreOffice" if soffice else "Microsoft Word"
            raise ImportFailure(f"Không chuyển được tệp «{path.name}» ({label}) sang .docx bằng {used} (tệp hỏng, có mật khẩu, "
                                f"hoặc chương trình không phản hồi). {save_as}")
        return out.read_bytes()


# --------------------------------------------------------------------------- scanned PDF

SCAN_CHARS_PER_PAGE = 40  # a page of a plan holds 1,500-3,000 characters; a scan's stamp or page number a few


def _has_image(page: Any) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        if not xobjects:
            return False
        xobjects = xobjects.get_object()
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    except Exception:  # noqa: BLE001 - a damaged resource dictionary is not a picture
        return False


def scan_refusal(name: str, pages: list[Any], texts: list[str]) -> str | None:
    """The message refusing a PDF whose pages are pictures with (almost) no text layer — a scan —
    or None. Cases: a scan without OCR (no text at all); a scan whose only text is a page number
    or a stamp ("Trang 1", a date)."""
    if not pages:
        return None
    chars = sum(len(re.sub(r"\s+", "", t)) for t in texts)
    if chars >= SCAN_CHARS_PER_PAGE * len(pages):
        return None
    pictures = sum(1 for p in pages if _has_image(p))
    if chars and pictures * 2 < len(pages):
        return None  # little text and no pictures: a short document, read as it is
    return (f"Tệp PDF «{name}» là bản quét (ảnh chụp các trang), không có lớp chữ để đọc. Hãy dùng bản Word (.docx) "
            "của văn bản, hoặc nhận dạng chữ (OCR) tệp PDF này trước khi nhập.")
