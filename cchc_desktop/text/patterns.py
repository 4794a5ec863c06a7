"""Regular expressions compiled when first used.

Compiling a pattern runs Python's own regex compiler (tens to hundreds of microseconds each, a
few milliseconds for a long alternation); a module that holds patterns for one kind of document
(a Word plan's header, a duty's written time) makes every start pay them, whether or not such a
document is read. `lazy` gives an object that compiles its pattern the first time one of its
attributes is asked for, then answers from the compiled pattern's own methods."""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "groupindex", "groups",
               "pattern", "flags", "scanner")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only reached while the pattern is not compiled, or for an attribute not copied below
        compiled = re.compile(*self._args)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))  # asked for from now on without this call
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._args[0]!r}, {self._args[1]})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled on first use (methods and attributes only: hand
    `re` functions the pattern's text, not this object)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
