"""packaging/smoke.py itself, as a Windows runner and Wine run it: a Windows code page on its output
pipe, and a windowed program that leaves a process holding the output it was given."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "packaging" / "smoke.py"


@pytest.fixture
def smoke():
    spec = importlib.util.spec_from_file_location("cchc_packaging_smoke", SMOKE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_vietnamese_path_on_a_cp1252_pipe_is_reported_not_a_crash(tmp_path: Path) -> None:
    bundle = tmp_path / "Bản đóng gói" / "CCHC Desktop"
    bundle.mkdir(parents=True)
    env = dict(os.environ, PYTHONIOENCODING="cp1252")  # what a Windows runner's pipe has
    env.pop("PYTHONUTF8", None)
    proc = subprocess.run([sys.executable, str(SMOKE), str(bundle)], capture_output=True, env=env, timeout=120)
    out, err = proc.stdout.decode("cp1252"), proc.stderr.decode("cp1252")
    assert "UnicodeEncodeError" not in err
    assert proc.returncode == 1
    # The bundle lacks its executables: said so, with the Vietnamese letters escaped, not lost.
    assert "SMOKE TEST FAILED: missing executable" in err
    first = out.splitlines()[0]
    assert first.startswith("bundle ") and "B\\u1ea3n \\u0111óng gói" in first


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in window is a POSIX shell script")
def test_a_window_that_leaves_a_process_holding_its_output_still_returns(smoke, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Wine the window's output pipe stays open after it quits; waiting for it never ended."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    pid_file = tmp_path / "left-behind.pid"
    report = {"shown_at": 0.0, "tabs": [{"title": t, "children": 5, "width": 800}
                                        for t in ("Kế hoạch", "Nhiệm vụ", "Lịch", "Báo cáo")]}
    window = bundle / "cchc-desktop-gui"
    window.write_text(
        "#!/bin/sh\n"
        "# --smoke-test REPORT --db DB: write the report, leave a process behind that keeps stdout and stderr\n"
        f"printf '%s' '{json.dumps(report, ensure_ascii=True)}' > \"$2\"\n"
        "sleep 60 &\n"
        f"echo $! > '{pid_file}'\n"
        "echo 'window closed'\n"
        "exit 0\n", encoding="utf-8")
    window.chmod(0o755)
    monkeypatch.setattr(smoke, "WINDOW_TIMEOUT", 20, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    started = time.monotonic()
    try:
        _took, seen = smoke.start_window([smoke.exe(bundle, "cchc-desktop-gui")], dict(os.environ), work,
                                         tmp_path / "cchc.sqlite3")
    finally:
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text()), signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert [t["title"] for t in seen["tabs"]] == ["Kế hoạch", "Nhiệm vụ", "Lịch", "Báo cáo"]
    assert time.monotonic() - started < 15
