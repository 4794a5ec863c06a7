"""The window paints without compiling the regular expressions its first frame does not use
(splitting a list of agencies, the checks of a text being stored, reading a typed date, the
locality of a letterhead): each is compiled when first used, and then reads as before."""

from __future__ import annotations

from pathlib import Path

from start_probe import PAINT, START, demo_database, run_window

SCRIPT = START + PAINT + r"""

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
    path = demo_database(tmp_path)

    result = run_window(SCRIPT, path, tmp_path=tmp_path)

    assert result["listed"] == 1
    assert result["compiled_at_paint"] == []
    # used after: each pattern compiled when first asked, and reading as before
    assert result["split"] == ["Sở Nội vụ", "Văn phòng HĐND và UBND tỉnh", "Sở Tư pháp"]
    assert result["refused"] == 2
    assert result["date"] == "2026-01-31" and result["typed"] == "2026-01-31"
    assert result["locality"] == "Long Hồ"
    assert set(result["compiled_after"]) >= {"split", "secretariat", "control", "not_text", "iso_date", "typed_date",
                                             "locality"}
