"""sqlite-utils' `Database` over the store's own connection, made the first time its API is
needed (`db.Database.helpers`: tables, updates by dictionary, the upgrade of an existing database).

It shares the connection, so its statements are part of the store's transactions; its
transactions are the store's (`atomic`: the write lock taken first, `on_begin`, busy and
read-only refusals), and a statement a read-only database refuses raises the same message.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import sqlite_utils

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database


class _Helpers(sqlite_utils.Database):
    def __init__(self, owner: Database) -> None:
        self.owner = owner
        # No plugins: looking for them scans every installed package's metadata. The owner
        # already turned recursive triggers on.
        super().__init__(owner.conn, recursive_triggers=False, execute_plugins=False)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[_Helpers]:
        with self.owner.atomic():
            yield self

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            refused = self.owner.refusal(exc)
            if refused is not None:
                raise refused from None
            raise


def helpers_for(owner: Database) -> sqlite_utils.Database:
    return _Helpers(owner)
