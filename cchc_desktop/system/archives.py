"""Reading zip archives whose directory may lie: .docx/.xlsx received from outside, backups.

A zip's central directory says how large each member is once inflated, but nothing makes the
data agree: a member declared as 1,000 bytes may inflate to a gigabyte. Python's zipfile stops
handing out data at the declared size, yet `ZipFile.read()` asks zlib for everything at once,
so the whole member is inflated in memory before it is cut. Here every member is read as a
stream, 64 KB at a time, and reading stops at a limit of our own whatever the directory says:

- `copy_member` streams one member into a file object and refuses it (`ArchiveRefused`,
  a Vietnamese reason) as soon as it passes its limit or disagrees with its declared size;
- `rebuilt` reads every member of an archive that way and returns a new archive (members
  stored uncompressed) whose directory tells the truth: the only form in which a received
  .docx/.xlsx is handed to python-docx or openpyxl, which open and read it themselves.

Only the two methods Office and this program write are accepted (stored, deflate); bzip2
and LZMA members, which inflate far more per input chunk, and encrypted members are refused.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

CHUNK = 64 * 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ArchiveRefused(Exception):
    """A member that cannot be read safely; `reason` is a Vietnamese clause naming it."""

    def __init__(self, reason: str, member: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.member = member


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")


@contextlib.contextmanager
def _reading(name: str) -> Iterator[None]:
    """Damage of the compressed data (a bad checksum, a truncated stream, zlib's errors) as
    `ArchiveRefused`; errors of the file written to pass through."""
    try:
        yield
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        what = "sai mã kiểm tra CRC" if "CRC" in str(exc) else "dữ liệu nén không đọc được"
        raise ArchiveRefused(f"phần «{name}» bị hỏng ({what})", name) from exc


def check_member(info: zipfile.ZipInfo, limit: int) -> None:
    """What the directory says of one member, before any of it is inflated."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise ArchiveRefused(f"phần «{name}» được mã hóa", name)
    if info.compress_type not in _METHODS:
        raise ArchiveRefused(f"phần «{name}» được nén theo kiểu không hỗ trợ (mã {info.compress_type})", name)
    if info.file_size > limit:
        raise ArchiveRefused(f"phần «{name}» khi giải nén lớn tới {_mb(info.file_size)} (giới hạn {_mb(limit)})", name)


def copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: BinaryIO, limit: int,
                on_chunk: Callable[[int], None] | None = None) -> int:
    """Inflate the member `info` into `out`, at most `limit` bytes whatever the directory says;
    returns the size written. Raises `ArchiveRefused` when the member is refused by its
    directory entry (`check_member`), passes `limit` while it is inflated, ends short of its
    declared size or fails its checksum (data going on past the declared size is never
    inflated: zipfile ends the stream there, and the checksum of what came out fails). `on_chunk(size)` is told each
    chunk written (a caller's running total over several members)."""
    check_member(info, limit)
    name = info.filename
    written = 0
    with _reading(name):
        src = archive.open(info)
    with src:
        while True:
            with _reading(name):
                # read(n) inflates about n bytes per call: never the whole member at once
                chunk = src.read(CHUNK)
            if not chunk:
                break
            written += len(chunk)
            if written > min(limit, info.file_size):
                raise ArchiveRefused(f"phần «{name}» giải nén ra nhiều hơn kích thước ghi trong tệp", name)
            out.write(chunk)
            if on_chunk is not None:
                on_chunk(len(chunk))
    if written != info.file_size:
        raise ArchiveRefused(f"phần «{name}» không khớp với kích thước ghi trong tệp", name)
    return written


def rebuilt(data: bytes, *, part_limit: Callable[[zipfile.ZipInfo], int], total_limit: int) -> bytes:
    """The archive `data` read member by member through `copy_member` and written again,
    members stored as they came out, so that its directory tells the truth. `part_limit(info)`
    is the most one member may inflate to, `total_limit` the most all of them together.
    Raises `ArchiveRefused`; `zipfile.BadZipFile` when `data` is not a zip at all."""
    out = io.BytesIO()
    total = 0

    def count(size: int) -> None:
        nonlocal total
        total += size
        if total > total_limit:
            raise ArchiveRefused(f"tệp giải nén ra hơn {_mb(total_limit)}")

    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        seen: set[str] = set()
        for info in src.infolist():
            if info.filename in seen:  # a second member of one name: which one a reader takes is a guess
                raise ArchiveRefused(f"phần «{info.filename}» có hai lần", info.filename)
            seen.add(info.filename)
            if info.is_dir():
                continue
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_STORED
            with dst.open(target, "w") as sink:
                copy_member(src, info, sink, part_limit(info), count)  # type: ignore[arg-type]
    return out.getvalue()
