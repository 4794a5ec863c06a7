"""When Python's cycle collector runs: paused while many long-lived objects are made at once.

The collector walks every live object it tracks each time enough new ones have been made. Work
that makes tens of thousands of objects at once (tasks read from the database, a report's
lines), and the window's start (the Qt bindings, their classes and enums, the application's
modules and widgets: objects that live as long as the process), would otherwise have it walk
the same objects again and again while they are made; none of them is garbage.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_held_for_start = False


@contextlib.contextmanager
def many_objects(*, ending: bool = False) -> Iterator[None]:
    """The collector paused while tens of thousands of objects are made at once (tasks read
    from the database, a report's lines): they hold no reference cycles.
    `ending`: the process ends with this work (a command line's own command): what is left is
    kept out of the collections instead, the one Python makes at its exit included."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and ending:
            gc.freeze()
            gc.enable()
        elif enabled:
            gc.enable()
            # The objects made meanwhile are looked at once now and moved to the oldest
            # generation, rather than by the next allocation (a keystroke) and again later.
            gc.collect(1)


def hold_for_start() -> None:
    """The window's start: the collector paused from the first line of the program (`main.py`)
    until the window is painted (`release_after_start`). About 60 collections otherwise walk
    the start's objects before the first paint, some 10 ms of it."""
    global _held_for_start
    if gc.isenabled():
        gc.disable()
        _held_for_start = True


def release_after_start() -> None:
    """The window is painted: what the start made is kept out of later collections (it lives
    as long as the process, and a collection during a keystroke would walk it all), and the
    collector runs again. The few cycles the start left as garbage stay with it (about 370
    objects on a ten-year database, against 43,000 kept): not worth a full collection now.
    Nothing happens when the start did not hold it."""
    global _held_for_start
    if _held_for_start:
        _held_for_start = False
        gc.freeze()
        gc.enable()
