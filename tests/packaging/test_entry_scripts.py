"""The bundle's windowed entry scripts with their output on a file or pipe in a Windows code page,
as when the reminder agent or the window is started with its output redirected (a Windows runner,
a scheduled task, Wine)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("entry", ["cchc_desktop_agent.py", "cchc_desktop_gui.py"])
def test_the_vietnamese_help_reaches_a_cp1252_stream(entry: str, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONUTF8", None)
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "entry" / entry), "--help"],
                          capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"UnicodeEncodeError" not in proc.stderr
    assert "--db" in proc.stdout.decode("utf-8")
