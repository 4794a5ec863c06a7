"""The window at 125 % and 150 % display scaling on a 1366×768 laptop (about 1093×614 and 911×512
to lay out on): the first start's office step and every tab, each looked at for anything cut off
or out of reach. Each scaling runs in its own process, since Qt reads QT_SCALE_FACTOR when the
application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("scaled_probe.py")
SCALINGS = {"125%": "1.25", "150%": "1.5"}
PLACES = ("dialog Thông tin cơ quan", "tab Kế hoạch", "tab Nhiệm vụ", "tab Lịch", "tab Báo cáo")
_seen: dict[str, dict] = {}

def look(scaling: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if scaling not in _seen:
        import ui

        folder = tmp_path_factory.mktemp(f"scaled-{scaling[:-1]}")
        screen = folder / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
                          encoding="utf-8")
        # the child imports the same code as these tests: the checkout, or the installed package
        code_from = str(Path(ui.__file__).resolve().parents[1])
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "QT_SCALE_FACTOR": SCALINGS[scaling],
               "CCHC_DATA_DIR": str(folder / "data"),
               "PYTHONPATH": os.pathsep.join([code_from, *filter(None, [os.environ.get("PYTHONPATH")])])}
        out = folder / "seen.json"
        done = subprocess.run([sys.executable, str(PROBE), str(folder / "cchc.sqlite3"), str(out), str(folder)],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        _seen[scaling] = json.loads(out.read_text(encoding="utf-8"))
    return _seen[scaling]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("scaling", sorted(SCALINGS))
def test_nothing_is_cut_off_or_out_of_reach(scaling: str, place: str, tmp_path_factory) -> None:
    seen = look(scaling, tmp_path_factory)
    assert seen["screen"] == {"125%": [1093, 614], "150%": [911, 512]}[scaling]
    assert place in seen["problems"], sorted(seen["problems"])
    assert seen["problems"][place] == []
