"""PySide6 looks at every module imported after it, to know whether the module uses PySide6
(and so may use its `__feature__` switches): it reads the module's source with
`inspect.getsource`, which tokenises the file and keeps all its lines in memory. For the
hundred-odd modules the window imports at start (its own, sqlite-utils and the libraries under
it) that is about 15 ms of the start. `install()` asks the same question by searching the
file's bytes for "PySide6", which gives the same answer; a module without a source file (the
installed application's bundled modules) is still asked PySide6's own way."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6  # noqa: F401 - sets up the hook this module speeds up

_MARK = "_cchc_reads_bytes"


def install() -> bool:
    """Replace PySide6's check by the byte search; False when this PySide6 has no such check
    (nothing is changed then)."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
