"""A .docx/.xlsx whose zip directory lies about the size of a part is read through a stream
that stops at the limit: the part is never inflated in full, the import is refused in
Vietnamese, and the reader libraries are only ever handed an archive whose directory is true.
`bench/bench_hostile_import.py` measures the 1 GB versions."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib

import pytest
from hostile_archives import lie_about_size, lying_docx, lying_odt, lying_xlsx, lzma_docx
from hostile_files import _skeleton

from cchc_desktop.errors import ImportFailure
from cchc_desktop.importer import read_document
from cchc_desktop.system import archives

INFLATED = 48 * 1024 * 1024  # what the lying part really inflates to
LIGHT = 12 * 1024 * 1024  # the most a refusal may allocate (the file itself is a few hundred KB)


def _refused(path, *words: str) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailure) as info:
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for word in words:
        assert word in info.value.message, info.value.message
    assert peak < LIGHT, f"{peak / 1e6:.1f} MB allocated before refusing"
    return info.value.message


def test_docx_whose_directory_understates_the_body_is_refused_without_inflating_it(tmp_path) -> None:
    path = lying_docx(tmp_path / "noi-dung.docx", inflated=INFLATED, declared=1_000)
    with zipfile.ZipFile(path) as z:  # the directory really says 1,000 bytes
        assert z.getinfo("word/document.xml").file_size == 1_000
    message = _refused(path, "«noi-dung.docx»", "word/document.xml")
    assert "bị hỏng" in message or "kích thước" in message


def test_xlsx_whose_directory_understates_the_sheet_is_refused_without_inflating_it(tmp_path) -> None:
    path = lying_xlsx(tmp_path / "bang.xlsx", inflated=INFLATED, declared=1_000)
    _refused(path, "«bang.xlsx»", "sheet1.xml")


def test_odt_whose_directory_understates_its_content_is_refused_without_inflating_it(tmp_path) -> None:
    path = lying_odt(tmp_path / "van-ban.odt", inflated=INFLATED, declared=1_000)
    _refused(path, "«van-ban.odt»", "content.xml")


def test_a_part_that_lies_with_a_matching_checksum_is_cut_at_its_declared_size(tmp_path) -> None:
    """The directory's size and checksum both describe only the first 1,000 bytes: nothing past
    them is inflated, and what is handed on is those 1,000 bytes in an archive that says so."""
    import binascii

    path = lying_docx(tmp_path / "x.docx", inflated=INFLATED, declared=1_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    at = info.header_offset
    start = at + 30 + int.from_bytes(data[at + 26:at + 28], "little") + int.from_bytes(data[at + 28:at + 30], "little")
    head = zlib.decompressobj(-zlib.MAX_WBITS).decompress(bytes(data[start:start + info.compress_size]), 1_000)
    assert len(head) == 1_000
    crc = binascii.crc32(head)
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:  # write the checksum of the head into both headers
        n = int.from_bytes(data[i + 28:i + 30], "little")
        if bytes(data[i + 46:i + 46 + n]) == b"word/document.xml":
            data[i + 16:i + 20] = crc.to_bytes(4, "little")
            local = int.from_bytes(data[i + 42:i + 46], "little")
            data[local + 14:local + 18] = crc.to_bytes(4, "little")
        i += 4
    tracemalloc.start()
    try:
        out = archives.rebuilt(bytes(data), part_limit=lambda info: 16 * 1024 * 1024, total_limit=120 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < LIGHT
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.getinfo("word/document.xml").file_size == 1_000
        assert z.read("word/document.xml") == head


def test_rebuilt_archive_keeps_every_part_and_tells_the_truth() -> None:
    data = _skeleton("docx")
    out = archives.rebuilt(data, part_limit=lambda info: 16 * 1024 * 1024, total_limit=120 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        for info in b.infolist():
            assert info.compress_type == zipfile.ZIP_STORED
            assert info.file_size == len(b.read(info.filename)) == len(a.read(info.filename))


def test_the_running_total_stops_a_lie_spread_over_many_parts() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(6):
            z.writestr(f"word/media/p{k}.bin", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(archives.ArchiveRefused) as info:
        archives.rebuilt(buf.getvalue(), part_limit=lambda i: 16 * 1024 * 1024, total_limit=10 * 1024 * 1024)
    assert "10 MB" in info.value.reason


def test_parts_compressed_with_lzma_are_refused(tmp_path) -> None:
    path = lzma_docx(tmp_path / "lzma.docx")
    _refused(path, "«lzma.docx»", "không hỗ trợ")


def test_a_second_part_of_the_same_name_is_refused(tmp_path) -> None:
    data = _skeleton("docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        with pytest.warns(UserWarning):
            out.writestr("word/document.xml", src.read("word/document.xml"))
    (tmp_path / "hai.docx").write_bytes(buf.getvalue())
    _refused(tmp_path / "hai.docx", "«hai.docx»", "word/document.xml")


def test_a_directory_that_overstates_a_part_is_damage(tmp_path) -> None:
    path = tmp_path / "dai.docx"
    path.write_bytes(lie_about_size(_skeleton("docx"), "word/document.xml", 5_000_000))
    _refused(path, "«dai.docx»", "word/document.xml")
