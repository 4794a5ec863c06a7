"""Documents are written with the user's normal file permissions, not the temporary file's 0600."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from cchc_desktop.system.files import write_atomically

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_document_follows_the_umask(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        target = tmp_path / "bao-cao.pdf"
        write_atomically(target, lambda tmp: Path(tmp).write_bytes(b"%PDF-1.4"))
    finally:
        os.umask(old)
    assert _mode(target) == expected and target.read_bytes() == b"%PDF-1.4"


def test_a_replaced_document_keeps_its_mode(tmp_path):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, lambda tmp: Path(tmp).write_bytes(b"new"))
    assert _mode(target) == 0o640 and target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]  # no temporary file left
