"""A window whose data folder is chosen (CCHC_DATA_DIR, as a portable copy's is beside it) opens
and paints without importing platformdirs, which only the per-user data folder needs; that folder
is still found where platformdirs puts it when asked for afterwards."""

from __future__ import annotations

import sys
from pathlib import Path

from start_probe import PAINT, START, demo_database, run_window

SCRIPT = START + PAINT + r"""
painted = {"platformdirs": "platformdirs" in sys.modules, "listed": window.plans_tab.model.rowCount()}

from cchc_desktop.system import paths

chosen = str(paths.data_dir())
del os.environ["CCHC_DATA_DIR"]
print(json.dumps({**painted, "chosen": chosen, "per_user": str(paths.data_dir())}))
"""


def test_a_chosen_data_folder_starts_without_platformdirs_and_the_per_user_one_is_found_after(tmp_path: Path) -> None:
    path = demo_database(tmp_path)

    data = tmp_path / "data"
    result = run_window(SCRIPT, path, tmp_path=tmp_path, CCHC_DATA_DIR=str(data), XDG_DATA_HOME=str(tmp_path / "share"))

    assert result["listed"] == 1
    assert result["platformdirs"] is False
    assert result["chosen"] == str(data)
    if sys.platform.startswith("linux"):
        assert result["per_user"] == str(tmp_path / "share" / "CCHCDesktop")
    assert Path(result["per_user"]).is_dir()
