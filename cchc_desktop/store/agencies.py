"""The agency registry: names, abbreviations and aliases, matching typed names to agencies,
merging, and snapshots for undo."""

from __future__ import annotations

import builtins
import contextlib
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import NotFoundError, ValidationError
from cchc_desktop.store.checks import (
    MAX_SHORT_CHARS,
    as_read,
    check_text,
)
from cchc_desktop.store.connection import marks
from cchc_desktop.store.domain import (
    Agency,
    AgencyRef,
)
from cchc_desktop.text import agencies as agency_names
from cchc_desktop.text.textnorm import clean, fold, one_line, sort_key

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database
    from cchc_desktop.store.store import Store


@dataclass(frozen=True)
class AgencySnapshot:
    """Agencies as they were, for undo: their rows, aliases and every task's link to them.

    `links` also holds the names typed on tasks that were linked to no agency, since
    adding or renaming an agency links those that now match. An id in `agency_ids` with
    no row in `agencies` did not exist: restoring removes it.
    """

    agency_ids: tuple[int, ...]
    agencies: tuple[dict[str, Any], ...]
    aliases: tuple[dict[str, Any], ...]
    links: tuple[tuple[int, str, int, int | None, str], ...]
    """task_agencies (task_id, role, position, agency_id, text): a task's names are written
    again, under new row ids, whenever the task is saved or put back, so a link is known by its
    task and place."""

    def with_ids(self, agency_ids: Iterable[int]) -> AgencySnapshot:
        """The same state, also covering agencies made after it was taken (absent in it)."""
        return replace(self, agency_ids=tuple(dict.fromkeys([*self.agency_ids, *agency_ids])))


class AgencyService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._names_cache: dict[int, list[str]] | None = None
        self._key_cache: dict[str, int] | None = None

    @property
    def db(self) -> Database:
        return self.store.db

    def _invalidate(self) -> None:
        self._names_cache = None
        self._key_cache = None

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        """A registry write: one transaction, and a name taken meanwhile by another window or
        process (caught by the database itself) is the same message as one taken before."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as exc:
            self._invalidate()
            raise ValidationError(
                "Tên cơ quan (hoặc tên gọi khác) vừa được dùng cho một cơ quan khác ở cửa sổ khác. "
                "Danh mục đã được tải lại; hãy xem lại rồi lưu lại."
            ) from exc

    def ensure_defaults(self) -> None:
        """Fill an empty registry with the agencies every province's plans name."""
        if self.db.execute("SELECT count(*) FROM agencies").fetchone()[0]:
            return
        with self.db.atomic():
            # Asked again under the write lock: another process starting at the same time may
            # have filled it meanwhile.
            if self.db.execute("SELECT count(*) FROM agencies").fetchone()[0]:
                return
            self._invalidate()
            # each added without looking for its names among those before it: the registry is
            # empty, and no two default agencies share a name (`test_default_agencies_are_distinct`)
            for name, abbreviation, aliases in agency_names.DEFAULT_AGENCIES:
                self._add(name, abbreviation, list(aliases), check=False)
            self._relink_unmatched()

    def list(self) -> builtins.list[Agency]:
        aliases: dict[int, list[str]] = defaultdict(list)
        for aid, alias in self.db.execute("SELECT agency_id, alias FROM agency_aliases ORDER BY id"):
            aliases[aid].append(alias)
        agencies = [
            Agency(id=r[0], name=as_read(r[1], MAX_SHORT_CHARS), abbreviation=as_read(r[2], 100),
                   aliases=[as_read(a, MAX_SHORT_CHARS) for a in aliases.get(r[0], [])])
            for r in self.db.execute("SELECT id, name, abbreviation FROM agencies")
        ]
        return sorted(agencies, key=lambda a: sort_key(a.name))

    def get(self, agency_id: int) -> Agency:
        for a in self.list():
            if a.id == agency_id:
                return a
        raise NotFoundError("Không tìm thấy cơ quan.")

    def names_by_id(self) -> dict[int, builtins.list[str]]:
        if self._names_cache is None:
            self._names_cache = {int(a.id): a.all_names for a in self.list()}  # type: ignore[arg-type]
        return self._names_cache

    def _keys(self) -> dict[str, int]:
        if self._key_cache is None:
            keys: dict[str, int] = {}
            for aid, names in self.names_by_id().items():
                for n in names:
                    keys.setdefault(fold(n), aid)
            self._key_cache = keys
        return self._key_cache

    def known_names(self) -> builtins.list[str]:
        return [n for names in self.names_by_id().values() for n in names]

    def match(self, text: str) -> int | None:
        """The agency a name denotes (by name, alias or abbreviation), or None."""
        return self._keys().get(fold(text))

    def resolve(self, text: str, keep: Iterable[str] = ()) -> builtins.list[AgencyRef]:
        """Split a typed list and link each name to the registry where it matches; `keep`:
        more names never split (those the officer joined by hand on this task)."""
        return [
            AgencyRef(text=name, agency_id=self.match(name), separator=sep)
            for sep, name in agency_names.split_agency_parts(text, [*self.known_names(), *keep])
        ]

    def _check_free(self, names: Iterable[str], own_id: int | None) -> None:
        for n in names:
            hit = self._keys().get(fold(n))
            if hit is not None and hit != own_id:
                other = self.names_by_id()[hit][0]
                raise ValidationError(f"Tên «{n}» đã dùng cho cơ quan «{other}». Hãy gộp hai cơ quan nếu là một.")

    def create(self, name: str, abbreviation: str = "", aliases: Sequence[str] = ()) -> Agency:
        with self._write_lock():
            aid = self._add(name, abbreviation, aliases)
            self._relink_unmatched()
        return self.get(aid)

    def _add(self, name: str, abbreviation: str, aliases: Sequence[str], *, check: bool = True) -> int:
        """Check and write one agency with its aliases (the tasks' names are linked to it by
        `_relink_unmatched`, once for all the agencies added together); `check`: refuse a name
        another agency has."""
        name = one_line(check_text("Tên cơ quan", name, limit=MAX_SHORT_CHARS, required=True))
        abbreviation = one_line(check_text("Tên viết tắt", abbreviation, limit=100))
        aliases = [one_line(check_text("Tên gọi khác", a, limit=MAX_SHORT_CHARS)) for a in aliases if clean(a)]
        names = [name, *aliases] + ([abbreviation] if abbreviation else [])
        if len({fold(n) for n in names}) != len(names):
            names = list(dict.fromkeys(names))
        if check:
            self._check_free(names, None)  # under the write lock: an agency added elsewhere counts
        aid = self.db.insert("agencies", {"name": name, "abbreviation": abbreviation, "name_key": fold(name)})
        for alias in dict.fromkeys(aliases):
            if fold(alias) != fold(name):
                self.db.insert("agency_aliases", {"agency_id": aid, "alias": alias, "alias_key": fold(alias)})
        self._invalidate()
        return aid

    def update(self, agency: Agency) -> Agency:
        if agency.id is None:
            raise ValidationError("Cơ quan chưa được lưu.")
        name = one_line(check_text("Tên cơ quan", agency.name, limit=MAX_SHORT_CHARS, required=True))
        abbreviation = one_line(check_text("Tên viết tắt", agency.abbreviation, limit=100))
        aliases = [one_line(check_text("Tên gọi khác", a, limit=MAX_SHORT_CHARS)) for a in agency.aliases if clean(a)]
        with self._write_lock():
            self._check_free([name, *aliases] + ([abbreviation] if abbreviation else []), agency.id)
            self.db.execute(
                "UPDATE agencies SET name = ?, abbreviation = ?, name_key = ? WHERE id = ?",
                [name, abbreviation, fold(name), agency.id],
            )
            self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?", [agency.id])
            for alias in dict.fromkeys(aliases):
                if fold(alias) != fold(name):
                    self.db.insert("agency_aliases", {"agency_id": agency.id, "alias": alias, "alias_key": fold(alias)})
            self._invalidate()
            self._relink_unmatched()
            self.store.tasks.refresh_search_keys(self._tasks_of([agency.id]))
        return self.get(agency.id)

    def delete(self, agency_id: int) -> None:
        """Remove an agency; tasks keep the names as written, unlinked."""
        with self.db.atomic():
            tasks = self._tasks_of([agency_id])
            self.db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
            self._invalidate()
            self.store.tasks.refresh_search_keys(tasks)

    def usage(self) -> dict[int, int]:
        return dict(
            self.db.execute(
                "SELECT agency_id, count(DISTINCT task_id) FROM task_agencies WHERE agency_id IS NOT NULL GROUP BY agency_id"
            ).fetchall()
        )

    def _tasks_of(self, agency_ids: Sequence[int]) -> builtins.list[int]:
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT task_id FROM task_agencies WHERE agency_id IN ({marks(agency_ids)})",
                list(agency_ids),
            )
        ]

    def _relink_unmatched(self) -> None:
        """Names typed before their agency existed get linked once it does."""
        keys = self._keys()
        changed = []
        links = []
        for rid, text, task_id in self.db.execute(
            "SELECT id, text, task_id FROM task_agencies WHERE agency_id IS NULL"
        ).fetchall():
            aid = keys.get(fold(text))
            if aid is not None:
                links.append((aid, rid))
                changed.append(task_id)
        if links:  # one statement: an agency added can link thousands of names typed before it
            self.db.conn.executemany("UPDATE task_agencies SET agency_id = ? WHERE id = ?", links)
        if changed:
            self.store.tasks.refresh_search_keys(set(changed))

    def snapshot(self, agency_ids: Iterable[int]) -> AgencySnapshot:
        """What `restore` needs to put these agencies and the tasks' links to them back."""
        ids = tuple(dict.fromkeys(int(i) for i in agency_ids))
        in_ids = marks(ids)  # the registry's agencies: a few hundred at most
        agencies: tuple[dict[str, Any], ...] = ()
        aliases: tuple[dict[str, Any], ...] = ()
        where = "agency_id IS NULL"
        if ids:
            agencies = tuple(self.db.query(f"SELECT * FROM agencies WHERE id IN ({in_ids}) ORDER BY id", ids))
            aliases = tuple(self.db.query(f"SELECT * FROM agency_aliases WHERE agency_id IN ({in_ids}) ORDER BY id", ids))
            where += f" OR agency_id IN ({in_ids})"
        links = tuple(
            (int(r[0]), str(r[1]), int(r[2]), r[3], str(r[4]))
            for r in self.db.execute(f"SELECT task_id, role, position, agency_id, text FROM task_agencies "
                                     f"WHERE {where} ORDER BY id", list(ids))
        )
        return AgencySnapshot(ids, agencies, aliases, links)

    def restore(self, snap: AgencySnapshot) -> None:
        """Put the agencies of a snapshot back exactly (same ids, names, aliases) with every
        task's link and name as they were, in one transaction. Agencies of the snapshot that
        did not exist then are removed; tasks linked to them keep the names as written."""
        ids = list(snap.agency_ids)
        in_ids = marks(ids)  # the registry's agencies: a few hundred at most
        try:
            with self.db.atomic():
                unlinked: dict[int, int] = {}  # task_agencies id: task id, of the names linked to these agencies
                if ids:
                    unlinked = dict(self.db.execute(f"UPDATE task_agencies SET agency_id = NULL "
                                                    f"WHERE agency_id IN ({in_ids}) RETURNING id, task_id", ids).fetchall())
                    self.db.execute(f"DELETE FROM agency_aliases WHERE agency_id IN ({in_ids})", ids)
                    self.db.execute(f"DELETE FROM agencies WHERE id IN ({in_ids})", ids)
                for table, rows in (("agencies", snap.agencies), ("agency_aliases", snap.aliases)):
                    for row in rows:
                        columns = ", ".join(row)
                        self.db.execute(
                            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
                        )
                affected: set[int] = set()
                # Only a name one of this snapshot's agencies was linked to (taken off above), or the
                # same name unlinked: a name linked to another agency, or written otherwise since (in
                # another window), is not this snapshot's to change. Both are unlinked now: they are
                # read at once (the snapshot holds every unlinked name already).
                free = {(task_id, role, position): (rid, text) for rid, task_id, role, position, text in self.db.execute(
                    "SELECT id, task_id, role, position, text FROM task_agencies WHERE agency_id IS NULL")}
                changes = []
                for task_id, role, position, aid, text in snap.links:
                    rid, now = free.get((task_id, role, position), (None, None))
                    if rid is None or not (rid in unlinked or now == text):
                        continue
                    if (None, now) != (aid, text):
                        changes.append((aid, text, rid))
                        affected.add(task_id)
                self.db.conn.executemany("UPDATE task_agencies SET agency_id = ?, text = ? WHERE id = ?", changes)
                affected.update(unlinked.values())
                self._invalidate()
                self.store.tasks.refresh_search_keys(affected)
        except sqlite3.IntegrityError as exc:
            raise ValidationError("Không khôi phục được danh mục cơ quan: tên đã dùng cho cơ quan khác.") from exc
        finally:
            self._invalidate()

    def take_away(self, agency_ids: Sequence[int]) -> None:
        """Remove agencies just added with something being undone (the agencies an import
        added): every name linked to them is unlinked, as written, as before they existed."""
        if agency_ids:
            self.restore(AgencySnapshot(tuple(agency_ids), (), (), ()))

    def merge(self, keep_id: int, other_ids: Sequence[int]) -> Agency:
        """Merge agencies into one: their names become aliases, every reference follows."""
        others = [a for a in self.list() if a.id in set(other_ids) and a.id != keep_id]
        if not others:
            raise ValidationError("Hãy chọn ít nhất hai cơ quan khác nhau để gộp.")
        keep = self.get(keep_id)
        with self.db.atomic():
            affected = self._tasks_of([keep_id, *[int(o.id) for o in others]])  # type: ignore[arg-type]
            new_aliases = list(keep.aliases)
            for o in others:
                new_aliases.extend([o.name, *o.aliases])
                if o.abbreviation and not keep.abbreviation:
                    keep.abbreviation = o.abbreviation
                elif o.abbreviation:
                    new_aliases.append(o.abbreviation)
                self.db.execute("UPDATE task_agencies SET agency_id = ? WHERE agency_id = ?", [keep_id, o.id])
                self.db.execute("DELETE FROM agencies WHERE id = ?", [o.id])
            self._invalidate()
            keep.aliases = [a for a in dict.fromkeys(new_aliases) if fold(a) not in {fold(keep.name), fold(keep.abbreviation)}]
            self.update(keep)
            self.store.tasks.refresh_search_keys(affected)
        return self.get(keep_id)
