"""The real command line in its own process, as a colleague's script or the agent runs it: the
package under test first on the path, UTF-8 on its pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cchc_desktop

PROJECT_ROOT = Path(cchc_desktop.__file__).resolve().parents[1]


def run_cli(db: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`cchc-desktop --db DB ARGS...`, whatever its exit code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=timeout, check=False)


def cli_output(db: Path, *args: str) -> str:
    """What a command that must succeed prints."""
    result = run_cli(db, *args, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout
