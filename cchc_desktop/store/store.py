"""The Store: one database file and the services over it (plans, tasks, agencies, settings).

Every public method of a service that writes runs in one transaction and either changes
everything it was asked to or nothing. Methods take and return domain dataclasses; nothing
outside the core sees SQL.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.store.agencies import AgencyService
from cchc_desktop.store.db import Database, open_database
from cchc_desktop.store.plans import PlanService
from cchc_desktop.store.settings import SettingsService

if TYPE_CHECKING:
    from cchc_desktop.store.tasks import TaskService


class Store:
    """All services over one database file."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.plans = PlanService(self)
        self.agencies = AgencyService(self)
        self.settings = SettingsService(self)
        self._cache_version = self._poll_version = self._data_version()
        db.on_begin = self._drop_stale_caches

    @cached_property
    def tasks(self) -> TaskService:
        """The tasks' service, made (and its module, with the search's, imported) when first
        used: the window paints the register of plans without it."""
        from cchc_desktop.store.tasks import TaskService

        return TaskService(self)

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _drop_stale_caches(self) -> None:
        """At the start of each write: what another process committed since the caches were
        filled (an agency added or removed elsewhere) is read again before it is relied on."""
        version = self._data_version()
        if version != self._cache_version:
            self._cache_version = version
            self.agencies._invalidate()

    def changed_elsewhere(self) -> bool:
        """Whether another window or process committed a change since the last call (the
        window polls this to reload its views); the caches are dropped when it did."""
        version = self._data_version()
        if version == self._poll_version:
            return False
        self._poll_version = version
        self._drop_stale_caches()
        return True

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        from cchc_desktop.system import paths

        db_path = Path(path) if path is not None else paths.default_db_path()
        store = cls(open_database(db_path), db_path)
        store.agencies.ensure_defaults()
        return store

    @classmethod
    def memory(cls) -> Store:
        store = cls(open_database(memory=True))
        store.agencies.ensure_defaults()
        return store

    def close(self) -> None:
        self.db.close()
