"""The SQLite connection the store reads and writes through: its statements run on a cursor that
reads on where a damaged text cell would stop them (`Cursor`). Made by `db.open_database`.

Also how a statement names many rows by id, `WHERE id IN (?,?,...)`: the ids in lists of a
bounded length (`in_chunks`), one statement per list, each with its marks (`marks`), or the
conditions that name them when naming none means every row (`id_filters`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any, TypeVar

from cchc_desktop.store import integrity

_T = TypeVar("_T")

PARAMETERS_PER_STATEMENT = 900
"""The most ids one statement binds in an `IN (...)` list. SQLite refuses a statement binding
more values than its build allows: 32,766 in Windows' Python 3.12 (SQLite 3.45), 999 before
SQLite 3.32; every task of ten years (50,000) selected at once is more than either. 900, not
999: room for the few values a statement binds besides its ids."""


def in_chunks(values: Iterable[_T], size: int = PARAMETERS_PER_STATEMENT) -> list[list[_T]]:
    """`values` once each, in their order, in lists of at most `size`: one statement per list."""
    unique = list(dict.fromkeys(values))
    return [unique[i:i + size] for i in range(0, len(unique), size)]


def marks(values: Sized) -> str:
    """The parameter marks of an `IN (...)` list of `values`: "?,?,?"."""
    return ",".join("?" * len(values))


def id_filters(column: str, ids: Iterable[_T] | None) -> list[tuple[str, list[_T]]]:
    """The conditions `column IN (...)` naming `ids`, each with its values, one per statement
    (`in_chunks`); for `ids` None, one empty condition: every row, in one statement."""
    if ids is None:
        return [("", [])]
    return [(f"{column} IN ({marks(chunk)})", chunk) for chunk in in_chunks(ids)]


def _reads_only(sql: str) -> bool:
    return sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA")


class Cursor(sqlite3.Cursor):
    """Rows as Python's own fast text decoding gives them, until a text cell is not UTF-8
    (damage from outside: a bad sector, a tool that wrote bytes). Then this connection reads
    text with `integrity.decode_text` (the bad bytes become U+FFFD) and the statement is read
    again from where it stopped, so a damaged row never stops a list, a report or the window;
    `check` names it. Decoding every cell that way from the start would cost about a sixth more
    time on every list; this costs one Python call per statement."""

    _sql: str = ""
    _parameters: Any = ()
    _taken = 0

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:  # type: ignore[override]
        self._sql, self._parameters, self._taken = sql, parameters, 0
        super().execute(sql, parameters)
        return self

    def _read_again(self, exc: sqlite3.OperationalError) -> bool:
        if not (str(exc).startswith("Could not decode to UTF-8") and _reads_only(self._sql)):
            return False
        self.connection.text_factory = integrity.decode_text
        super().execute(self._sql, self._parameters)
        for _ in range(self._taken):
            super().fetchone()
        return True

    def _read(self, fetch: Callable[[], _T]) -> _T:
        """`fetch()`, once more after a cell that is not UTF-8 made the statement read again."""
        try:
            return fetch()
        except sqlite3.OperationalError as exc:
            if not self._read_again(exc):
                raise
            return fetch()

    def fetchone(self) -> Any:
        row = self._read(super().fetchone)
        if row is not None:
            self._taken += 1
        return row

    def fetchmany(self, size: int | None = None) -> list[Any]:
        size = self.arraysize if size is None else size
        rows = self._read(lambda: super(Cursor, self).fetchmany(size))
        self._taken += len(rows)
        return rows

    def fetchall(self) -> list[Any]:
        rows = self._read(super().fetchall)
        self._taken += len(rows)
        return rows

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return iter(self.fetchall())


class Connection(sqlite3.Connection):
    """A connection whose statements run on `Cursor`."""

    def cursor(self, factory: Any = Cursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)  # type: ignore[no-any-return]
