"""The window's start holds Python's cycle collector from main.py's first line until the window
is painted, then keeps what the start made out of later collections and runs the collector
again; work that pauses the collector on its own (`many_objects`) leaves it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from start_probe import demo_database, run_window

from cchc_desktop.system import collector

# main.main() as the installed `cchc-desktop-gui` runs it (with --screenshot the window quits
# once painted and saved); the probe notes each collection and the moment the start's objects
# are frozen, the collector held (`gc.disable`), and whether the main window was on screen by then.
MAIN = r"""
import gc, json, sys

events = []
gc.callbacks.append(lambda phase, info: phase == "start" and events.append(["collect", info["generation"]]))
freeze = gc.freeze


def noted_freeze():
    from PySide6.QtWidgets import QApplication, QMainWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    events.append(["freeze", bool(shown), gc.isenabled()])
    freeze()


def noted_disable():
    events.append(["hold"])
    disable()


disable = gc.disable
gc.freeze, gc.disable = noted_freeze, noted_disable
sys.argv = ["cchc-desktop-gui", "--db", sys.argv[1], "--screenshot", sys.argv[2]]
import main

code = main.main()
print(json.dumps({"code": code, "events": events, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


def test_start_holds_the_collector_until_the_window_is_painted(tmp_path: Path) -> None:
    db = demo_database(tmp_path)
    shot = tmp_path / "shot.png"
    found = run_window(MAIN, db, shot, tmp_path=tmp_path)
    assert found["code"] == 0 and shot.is_file()
    events = found["events"]
    holds = [i for i, e in enumerate(events) if e[0] == "hold"]
    freezes = [i for i, e in enumerate(events) if e[0] == "freeze"]
    assert len(freezes) == 1 and holds and holds[0] < freezes[0], events
    # held before main.py imported the window's modules (before the Qt bindings: at most the
    # collections of importing the package that holds it come first); no collection from then
    # until the freeze, which came with the window on screen, the collector still held
    assert holds[0] <= 2
    assert [e for e in events[holds[0]:freezes[0]] if e[0] == "collect"] == []
    assert events[freezes[0]] == ["freeze", True, False]
    assert found["enabled"] and found["frozen"] > 1000  # the start's objects kept out of collections


def test_release_without_a_hold_changes_nothing() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    collector.release_after_start()  # a window opened without main.py (tests, the bench)
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_work_inside_the_start_leaves_the_collector_held() -> None:
    frozen = gc.get_freeze_count()
    try:
        collector.hold_for_start()
        assert not gc.isenabled()
        with collector.many_objects():  # e.g. the task list filled before the first paint
            assert not gc.isenabled()
        assert not gc.isenabled()  # still held: many_objects found it paused
        collector.hold_for_start()  # a second hold is the same hold
        collector.release_after_start()
        assert gc.isenabled() and gc.get_freeze_count() >= frozen
        collector.release_after_start()  # once only
        assert gc.isenabled()
    finally:
        if not frozen:
            gc.unfreeze()
        gc.enable()
