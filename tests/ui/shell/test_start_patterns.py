"""The window paints without compiling the regular expressions its first frame does not use
(splitting a list of agencies, the checks of a text being stored, reading a typed date, the
locality of a letterhead): each is compiled when first used, and then reads as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import json, re, sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication([])
from ui.shell.main_window import MainWindow
from ui.shell.qt_vi import install_vietnamese

install_vietnamese(app)
from cchc_desktop.store.store import Store

path = Path(sys.argv[1])
store = Store.open(path)
window = MainWindow(store, QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))
window.resize(1280, 800)
window.show()
app.processEvents()

from cchc_desktop.documents.render import letterhead
from cchc_desktop.store import checks
from cchc_desktop.text import agencies, vnformat

PATTERNS = {"split": agencies._SPLIT, "secretariat": agencies._SECRETARIAT_OPEN, "syllable": agencies._SYLLABLE,
            "control": checks._CONTROL, "not_text": checks._NOT_TEXT, "typed_date": vnformat._TYPED_DATE,
            "iso_date": vnformat._DATE_FORMS[0], "locality": letterhead._LOCALITY}


def compiled():
    return sorted(k for k, p in PATTERNS.items() if isinstance(p, re.Pattern) or "match" in vars(p))


painted = {"listed": window.plans_tab.model.rowCount(), "compiled_at_paint": compiled()}
from cchc_desktop.errors import ValidationError

refused = []
for text in ("Nhiệm vụ\x07", "Nhiệm vụ \ud800"):
    try:
        checks.check_text("Nội dung", text)
    except ValidationError as exc:
        refused.append(str(exc)[:20])
print(json.dumps({**painted,
                  "split": agencies.split_agency_list("Sở Nội vụ; Văn phòng HĐND và UBND tỉnh, Sở Tư pháp"),
                  "refused": len(refused), "date": vnformat.parse_date("2026-01-31").isoformat(),
                  "typed": vnformat.read_date("31/01/2026", __import__("datetime").date(2025, 5, 1)).isoformat(),
                  "locality": letterhead.locality("UBND huyện Long Hồ"), "compiled_after": compiled()}))
"""


def test_the_window_paints_without_compiling_the_patterns_it_does_not_use(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    store = Store.open(path)
    load_demo(store)
    store.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["listed"] == 1
    assert result["compiled_at_paint"] == []
    # used after: each pattern compiled when first asked, and reading as before
    assert result["split"] == ["Sở Nội vụ", "Văn phòng HĐND và UBND tỉnh", "Sở Tư pháp"]
    assert result["refused"] == 2
    assert result["date"] == "2026-01-31" and result["typed"] == "2026-01-31"
    assert result["locality"] == "Long Hồ"
    assert set(result["compiled_after"]) >= {"split", "secretariat", "control", "not_text", "iso_date", "typed_date",
                                             "locality"}
