"""Hostile archives and PDFs, built on the fly: a .docx/.xlsx whose zip directory lies about a
part's size, PDFs of inflating content streams, password-protected PDFs, and backups that
are decompression bombs. Shared by the tests (small sizes) and the benchmarks
(`bench/bench_hostile_import.py`, `bench/bench_fuzz.py`: the gigabyte versions)."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

import hostile_files as hf

CHUNK = 1024 * 1024


# --------------------------------------------------------------------------- lying zip directories


def lie_about_size(data: bytes, part: str, declared: int = 1_000) -> bytes:
    """`data` (a zip) with the inflated size of `part` written as `declared` bytes in both its
    central directory entry and its local header; the compressed data stays as it was."""
    out = bytearray(data)
    name = part.encode()
    found = False
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) >= 0:
        length = struct.unpack_from("<H", out, i + 28)[0]
        if bytes(out[i + 46:i + 46 + length]) == name:
            struct.pack_into("<I", out, i + 24, declared)
            local = struct.unpack_from("<I", out, i + 42)[0]
            struct.pack_into("<I", out, local + 22, declared)
            found = True
        i += 4
    if not found:
        raise ValueError(f"{part} not in the archive")
    return bytes(out)


def lying_docx(path: Path, inflated: int = 1024 * CHUNK, declared: int = 1_000) -> Path:
    """A .docx whose body inflates to `inflated` bytes while its directory says `declared`."""
    hf.docx_bomb(path, inflated)
    path.write_bytes(lie_about_size(path.read_bytes(), "word/document.xml", declared))
    return path


def lying_xlsx(path: Path, inflated: int = 300 * CHUNK, declared: int = 1_000) -> Path:
    """An .xlsx whose first sheet inflates to `inflated` bytes while its directory says `declared`."""
    hf.xlsx_bomb(path, inflated)
    path.write_bytes(lie_about_size(path.read_bytes(), "xl/worksheets/sheet1.xml", declared))
    return path


def lying_odt(path: Path, inflated: int = 1024 * CHUNK, declared: int = 1_000) -> Path:
    """An OpenDocument text whose content.xml inflates to `inflated` bytes (one paragraph of
    letters) while its directory says `declared`."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        out.writestr("META-INF/manifest.xml", "<manifest/>")
        with out.open("content.xml", "w", force_zip64=inflated > 2**31 - CHUNK) as f:
            f.write(head)
            block = b"a" * CHUNK
            for _ in range(inflated // CHUNK):
                f.write(block)
            f.write(b"</text:p></office:text></office:body></office:document-content>")
    path.write_bytes(lie_about_size(path.read_bytes(), "content.xml", declared))
    return path


def lzma_docx(path: Path) -> Path:
    """A real .docx whose parts are compressed with LZMA (far more inflation per input byte
    than deflate; Word never writes it)."""
    with zipfile.ZipFile(io.BytesIO(hf._skeleton("docx"))) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
    return path


# --------------------------------------------------------------------------- PDFs


def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of `objects` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, compressed: bool = True) -> bytes:
    if compressed:
        body = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (Ke hoach tuyen truyen cai cach hanh chinh) Tj ET\n"
PDF_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream_bomb_pdf(path: Path, pages: int = 30, inflated: int = 70 * CHUNK, unit: bytes = b" " * 64 + b"\n",
                    streams_per_page: int = 1, declared_pages: int | None = None) -> Path:
    """A PDF of `pages` pages whose content streams (`streams_per_page` each) inflate to
    `inflated` bytes apiece: a line of text, then `unit` repeated. Every page shares one
    compressed stream object, so the file stays small."""
    content = PDF_TEXT + unit * max(1, (inflated - len(PDF_TEXT)) // len(unit))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", PDF_FONT, _stream(content)]
    kids = []
    for _ in range(pages):
        refs = b" ".join(b"4 0 R" for _ in range(streams_per_page))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents [" + refs + b"] >>")
        kids.append(b"%d 0 R" % len(objects))
    count = pages if declared_pages is None else declared_pages
    objects[1] = b"<< /Type /Pages /Count %d /Kids [" % count + b" ".join(kids) + b"] >>"
    path.write_bytes(_pdf(objects))
    return path


def many_pages_pdf(path: Path, pages: int = 100_000, declared_pages: int | None = None) -> Path:
    """A PDF of `pages` tiny pages sharing one content stream (its page tree may say
    `declared_pages` instead)."""
    return stream_bomb_pdf(path, pages=pages, inflated=len(PDF_TEXT), declared_pages=declared_pages)


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with `lines` (ASCII) as text."""
    body = b"BT /F1 12 Tf 72 760 Td 14 TL " + b" ".join(b"(%s) '" % line.encode("ascii") for line in lines) + b" ET\n"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [5 0 R] >>", PDF_FONT,
               _stream(body),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 4 0 R >>"]
    path.write_bytes(_pdf(objects))
    return path


def encrypted_pdf(path: Path, password: str = "mat-khau", *, algorithm: str = "AES-128",
                  lines: tuple[str, ...] = ("KE HOACH", "Tuyen truyen cai cach hanh chinh nam 2025")) -> Path:
    """A text PDF that opens only with `password` (pypdf's writer)."""
    from pypdf import PdfReader, PdfWriter

    plain = text_pdf(path, list(lines))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain.read_bytes())))
    writer.encrypt(user_password=password, owner_password=password + "-chu", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path


# --------------------------------------------------------------------------- backups


def _member(out: zipfile.ZipFile, name: str, head: bytes, size: int) -> None:
    """`name`: `head`, then zeros up to `size` bytes, deflated."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    block = b"\x00" * CHUNK
    with out.open(info, "w", force_zip64=size > 2**31 - CHUNK) as f:
        f.write(head)
        left = size - len(head)
        while left > 0:
            f.write(block[:min(left, CHUNK)])
            left -= CHUNK


def backup_bomb(path: Path, database: Path, *, attachments: dict[str, int] | None = None,
                database_size: int | None = None, lie: dict[str, int] | None = None) -> Path:
    """A backup .zip in the program's own form (cchc.sqlite3, attachments/, manifest.json)
    holding the database file `database`, plus `attachments` (name -> size in bytes of zeros,
    deflated: a few kilobytes per hundred megabytes). `database_size` pads the database entry
    with zeros to that size; `lie` writes a smaller inflated size into the directory for the
    named entries."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        data = database.read_bytes()
        _member(out, "cchc.sqlite3", data, max(database_size or 0, len(data)))
        for name, size in (attachments or {}).items():
            _member(out, "attachments/" + name, b"", size)
        out.writestr("manifest.json", json.dumps({"app": "CCHC Desktop", "kind": "thu-cong"}))
    for name, declared in (lie or {}).items():
        path.write_bytes(lie_about_size(path.read_bytes(), name, declared))
    return path


def sqlite_file_ok(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
