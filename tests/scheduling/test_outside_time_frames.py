"""Every time-frame phrase of the outside plans' readings (`time_frames` of each
../shared/samples/outside/*.expected.json) is understood as written there: its due dates in
the plan's years, its start when it names one; a phrase with neither is continuous or, when
it hands the schedule to something else ("Theo tiến độ ...", "Khi có phát sinh"), reported
not understood ("Chưa xác định lịch", and the importer says "Chưa hiểu thời gian").

Where a reading is marked `ambiguous` and the domain primer reads the phrase otherwise
("Năm 2017 và các năm tiếp theo": continuous, no single due date), the primer's reading is
accepted too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cchc_desktop.scheduling.timeframe import describe, parse_time_frame

OUTSIDE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "outside"


def _phrases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(OUTSIDE.glob("*.expected.json")) if OUTSIDE.is_dir() else []:
        for phrase in json.loads(path.read_text(encoding="utf-8"))["time_frames"]:
            out.append((f"{path.name[:2]}:{phrase['text'][:40]}", phrase))
    return out


PHRASES = _phrases()


@pytest.mark.skipif(not PHRASES, reason=f"outside plans not present in {OUTSIDE}")
@pytest.mark.parametrize("phrase", [p for _, p in PHRASES], ids=[i for i, _ in PHRASES])
def test_outside_time_frame_is_understood_as_written(phrase: dict) -> None:
    due = [dt.date.fromisoformat(d) for d in phrase["due"]]
    start = phrase["year"] or 2025
    end = max([start, *(d.year for d in due)])
    tf = parse_time_frame(phrase["text"], start, end)
    assert tf.text == phrase["text"]
    continuous = tf.understood and tf.kind == "continuous" and not tf.due
    if due:
        assert (tf.understood and list(tf.due) == due) or (phrase.get("ambiguous") and continuous), (tf.kind, tf.due)
    elif phrase.get("start"):
        assert tf.understood and not tf.due and tf.start == dt.date.fromisoformat(phrase["start"]), (tf.kind, tf.start)
    else:
        assert continuous or (not tf.understood and describe(tf) == "Chưa xác định lịch"), (tf.kind, tf.due)
    if phrase.get("start") and due:
        assert tf.start == dt.date.fromisoformat(phrase["start"])
