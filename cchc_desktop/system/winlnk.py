"""Windows shell links (.lnk) written in pure Python, after [MS-SHLLINK] (Shell Link Binary File Format).

The link names its target twice, as Windows itself does: as a shell item list (My Computer,
the drive, one item per folder with its long name in UTF-16) and as link information (the
local path in UTF-16); the working folder, the arguments, the description and the icon are
UTF-16 strings. Nothing is read through a code page and nothing is expanded, so a user folder
"C:\\Users\\Nguyễn Văn A" or a "%" in a path reach the program as written.
"""

from __future__ import annotations

import struct
import unicodedata
from pathlib import PureWindowsPath

# ShellLinkHeader
_CLSID_SHELL_LINK = bytes.fromhex("0114020000000000c000000000000046")
_HAS_TARGET_ID_LIST = 0x01
_HAS_LINK_INFO = 0x02
_HAS_NAME = 0x04
_HAS_WORKING_DIR = 0x10
_HAS_ARGUMENTS = 0x20
_HAS_ICON_LOCATION = 0x40
_IS_UNICODE = 0x80
_FILE_ATTRIBUTE_DIRECTORY = 0x10
_FILE_ATTRIBUTE_ARCHIVE = 0x20
SW_SHOWNORMAL = 1
SW_SHOWMINNOACTIVE = 7

# Shell items
_CLSID_MY_COMPUTER = bytes.fromhex("e04fd020ea3a6910a2d808002b30309d")  # {20D04FE0-3AEA-1069-A2D8-08002B30309D}
_TYPE_ROOT = 0x1F
_TYPE_VOLUME = 0x2F
_TYPE_DIRECTORY = 0x31
_TYPE_FILE = 0x32
_DRIVE_FIXED = 3


def _ascii_name(name: str) -> str:
    """The item's short name in ASCII (the long name, in UTF-16, is what Windows shows and uses)."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in folded if ord(ch) < 128 and not unicodedata.combining(ch))
    return text.strip() or "_"


def _item(body: bytes) -> bytes:
    return struct.pack("<H", len(body) + 2) + body


def _file_item(name: str, is_dir: bool) -> bytes:
    """A file or folder entry with its 0xBEEF0004 extension block (version 3) carrying the long name."""
    short = _ascii_name(name).encode("ascii") + b"\0"
    if len(short) % 2:
        short += b"\0"
    head = struct.pack(
        "<BBIIH", _TYPE_DIRECTORY if is_dir else _TYPE_FILE, 0, 0, 0,
        _FILE_ATTRIBUTE_DIRECTORY if is_dir else _FILE_ATTRIBUTE_ARCHIVE,
    ) + short
    long_name = name.encode("utf-16-le") + b"\0\0"
    ext_offset = 2 + len(head)  # from the start of the item (its size field) to the extension block
    ext_body = struct.pack("<HHIIIHH", 0, 3, 0xBEEF0004, 0, 0, 0x14, 0) + long_name + struct.pack("<H", ext_offset)
    ext = struct.pack("<H", len(ext_body)) + ext_body[2:]
    return _item(head + ext)


def _id_list(target: PureWindowsPath) -> bytes:
    drive = target.drive + "\\"
    items = [
        _item(struct.pack("<BB", _TYPE_ROOT, 0x50) + _CLSID_MY_COMPUTER),
        _item(struct.pack("<B", _TYPE_VOLUME) + drive.encode("ascii").ljust(22, b"\0")),
    ]
    parts = target.parts[1:]
    for i, part in enumerate(parts):
        items.append(_file_item(part, is_dir=i < len(parts) - 1))
    body = b"".join(items) + b"\0\0"
    return struct.pack("<H", len(body)) + body


def _link_info(target: PureWindowsPath) -> bytes:
    """LinkInfo with a fixed-drive VolumeID and the local base path, ANSI (ASCII) and Unicode."""
    header_size = 0x24
    volume_id = struct.pack("<IIII", 0x11, _DRIVE_FIXED, 0, 0x10) + b"\0"
    base_ansi = _ascii_name(str(target)).encode("ascii") + b"\0"
    suffix_ansi = b"\0"
    base_unicode = str(target).encode("utf-16-le") + b"\0\0"
    suffix_unicode = b"\0\0"
    volume_at = header_size
    base_at = volume_at + len(volume_id)
    suffix_at = base_at + len(base_ansi)
    base_unicode_at = suffix_at + len(suffix_ansi)
    if base_unicode_at % 2:  # keep the UTF-16 strings on even offsets
        suffix_ansi += b"\0"
        base_unicode_at += 1
    suffix_unicode_at = base_unicode_at + len(base_unicode)
    body = volume_id + base_ansi + suffix_ansi + base_unicode + suffix_unicode
    size = header_size + len(body)
    header = struct.pack("<IIIIIIIII", size, header_size, 0x1, volume_at, base_at, 0, suffix_at,
                         base_unicode_at, suffix_unicode_at)
    return header + body


def _string(text: str) -> bytes:
    data = text.encode("utf-16-le")
    if len(data) // 2 > 0xFFFF:
        raise ValueError("a shell link string has at most 65535 characters")
    return struct.pack("<H", len(data) // 2) + data


def shell_link(target: str, *, arguments: str = "", working_dir: str = "", description: str = "",
               icon: str = "", show: int = SW_SHOWNORMAL) -> bytes:
    """The bytes of a .lnk file that starts `target` (an absolute path on a drive, `C:\\...`)."""
    path = PureWindowsPath(target)
    if not path.drive or not path.root or path.drive.startswith("\\\\"):
        raise ValueError(f"the target of a shell link must be an absolute path on a drive: {target!r}")
    flags = _HAS_TARGET_ID_LIST | _HAS_LINK_INFO | _IS_UNICODE
    strings = b""
    for flag, text in ((_HAS_NAME, description), (_HAS_WORKING_DIR, working_dir), (_HAS_ARGUMENTS, arguments),
                       (_HAS_ICON_LOCATION, icon)):
        if text:
            flags |= flag
            strings += _string(text)
    header = struct.pack(
        "<I16sIIQQQIIIHHII", 0x4C, _CLSID_SHELL_LINK, flags, _FILE_ATTRIBUTE_ARCHIVE, 0, 0, 0, 0, 0, show, 0, 0, 0, 0,
    )
    return header + _id_list(path) + _link_info(path) + strings + b"\0\0\0\0"
