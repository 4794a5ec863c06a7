"""The one module that opens the SQLite database: pragmas, migrations, backups.

Schema changes are numbered migrations, each run in its own transaction and recorded in the
database as sqlite-utils' `Migrations` records them: a new database gets them with plain SQL,
an existing one is upgraded by sqlite-utils. A copy of the file is made before any migration
runs on an existing database, and a database written by a newer version of the application is
refused rather than damaged.

The database is used through Python's own `sqlite3`: opening, creating, listing, reading,
adding and changing rows need nothing more. sqlite-utils (its table helpers and its migrations)
is imported and set over the same connection the first time something asks for it
(`Database.helpers`: upgrading an existing database): importing it costs about a fifth of the
window's start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import (
    DatabaseBusyError,
    DatabaseDamaged,
    ReadOnlyDatabase,
    StorageError,
    is_busy,
    os_error_text,
)
from cchc_desktop.store import integrity
from cchc_desktop.store.connection import PARAMETERS_PER_STATEMENT, Connection
from cchc_desktop.system import files, paths

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table, View

BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another process (window, agent, command line) to finish its
own before giving up with `DatabaseBusyError`."""


class Migrations:
    """The numbered schema changes, in order, recorded as sqlite-utils' `Migrations` records
    them (table `_sqlite_migrations`: one row per migration set and name, in the order
    applied). Which are applied or pending is read with plain SQL. A new database (no record
    table yet) gets the record table and every migration with plain SQL, the same statements
    and rows sqlite-utils writes (`tests/store/test_new_database.py` holds them equal); an
    existing database is upgraded by sqlite-utils' `Migrations`, given the same list, which
    also brings a record table of an older form up to date."""

    migrations_table = integrity.MIGRATIONS_TABLE

    @dataclass
    class _Migration:
        """One numbered schema change, and whether it runs inside a transaction."""
        name: str
        fn: Callable[[Any], None]
        transactional: bool = True

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migrations._Migration] = []

    def __call__(self, *, name: str | None = None,
                 transactional: bool = True) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            migration_name = name or fn.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"Migration '{migration_name}' is already registered in set '{self.name}'")
            self._migrations.append(self._Migration(migration_name, fn, transactional))
            return fn

        return register

    def applied(self, db: Database | sqlite_utils.Database) -> list[str]:
        """Names of the migrations of this set recorded in the database, in the order applied."""
        if not db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               [self.migrations_table]).fetchone():
            return []
        return [r[0] for r in db.conn.execute(
            f"SELECT name FROM {self.migrations_table} WHERE migration_set = ? ORDER BY rowid", [self.name])]

    def pending(self, db: Database | sqlite_utils.Database) -> list[Migrations._Migration]:
        applied = set(self.applied(db))
        return [m for m in self._migrations if m.name not in applied]

    def apply(self, db: Database | sqlite_utils.Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Run the pending migrations, each in its own transaction with its record (inside the
        caller's transaction when there is one): on a new database with plain SQL, otherwise
        through sqlite-utils."""
        if stop_before is None and isinstance(db, Database) and not self.applied(db) \
                and self.migrations_table not in db.table_names():
            self._apply_to_new(db)
            return
        from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

        applier = SqliteUtilsMigrations(self.name)
        for m in self._migrations:
            applier(name=m.name, transactional=m.transactional)(m.fn)
        applier.apply(db.helpers if isinstance(db, Database) else db, stop_before=stop_before)

    # The record table and its index as sqlite-utils' `Migrations.ensure_migrations_table`
    # creates them (its `Table.create` and `create_index`), statement for statement.
    _RECORD_TABLE_SQL = (
        'CREATE TABLE "_sqlite_migrations" (\n'
        '   "id" INTEGER PRIMARY KEY,\n'
        '   "migration_set" TEXT,\n'
        '   "name" TEXT,\n'
        '   "applied_at" TEXT\n'
        ')',
        'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
        '    ON "_sqlite_migrations" ("migration_set", "name")',
    )

    def _apply_to_new(self, db: Database) -> None:
        """Every migration on a database without records, as sqlite-utils' `apply` runs them."""
        for statement in self._RECORD_TABLE_SQL:
            db.execute(statement)
        for m in self._migrations:
            if m.transactional:
                with db.atomic():
                    m.fn(db)
                    self._record_applied(db, m.name)
            else:
                m.fn(db)
                self._record_applied(db, m.name)

    def _record_applied(self, db: Database, name: str) -> None:
        db.insert(self.migrations_table,
                  {"migration_set": self.name, "name": name, "applied_at": str(dt.datetime.now(dt.timezone.utc))})


migrations = Migrations("cchc")

_savepoint_numbers = itertools.count(1)
"""Savepoint names, unique in this process (a savepoint name only has to differ from the
others open on the connection)."""

_QUERY_MESSAGE = "query() can only be used with SQL that returns rows - use execute() for other statements"


class Database:
    """The application's SQLite connection, with sqlite-utils' way of using it: `execute`,
    `query` (rows as dictionaries), `atomic` (a transaction; nested, a savepoint), `table`
    and `db[name]` (sqlite-utils' tables, set up on first use), `table_names`, `close`.

    Write transactions take the write lock first. A plain (deferred) BEGIN reads under a
    shared lock and asks for the write lock at its first write; when another process wrote in
    between, SQLite refuses the upgrade at once ("database is locked") and the busy timeout
    never applies. BEGIN IMMEDIATE waits (up to the busy timeout) for the lock before anything
    is read, so two processes writing at the same time simply take turns. A lock still held
    after the timeout becomes `DatabaseBusyError`, whose message the window and the command
    line show as is.
    """

    on_begin: Callable[[], None] | None = None
    """Called at the start of every outermost transaction (the store drops its caches there
    when another process changed the database)."""

    cchc_file_key: tuple[int, int] | None = None
    """The database file as `integrity.hold` knows it while this connection is open."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """`conn` in autocommit mode (`isolation_level=None`): transactions are `atomic`'s."""
        self.conn = conn
        self.cchc_notices: list[str] = []
        self.cchc_journal_mode = "WAL"
        self._helpers: sqlite_utils.Database | None = None
        self.conn.execute("PRAGMA recursive_triggers=on;")  # as sqlite-utils has always set it

    @classmethod
    def in_memory(cls) -> Database:
        return cls(sqlite3.connect(":memory:", isolation_level=None, factory=Connection))

    @property
    def helpers(self) -> sqlite_utils.Database:
        """sqlite-utils' `Database` over this connection (imported and made on first use): its
        writes go through this object's `atomic` and its refusals."""
        if self._helpers is None:
            from cchc_desktop.store.db_helpers import helpers_for

            self._helpers = helpers_for(self)
        return self._helpers

    def table(self, table_name: str, **kwargs: Any) -> Table:
        return self.helpers.table(table_name, **kwargs)

    def __getitem__(self, table_name: str) -> Table | View:
        return self.helpers[table_name]

    def refusal(self, exc: sqlite3.OperationalError) -> Exception | None:
        """The error to raise instead of `exc`, if any (a read-only database's message)."""
        return None

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            refused = self.refusal(exc)
            if refused is not None:
                raise refused from None
            raise

    def insert_rows(self, table_name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Add many rows, several to a statement: SQLite notes a table's highest id
        (AUTOINCREMENT) and resets its statement once per statement, which for one row per
        statement was as long as writing the rows themselves. At most `PARAMETERS_PER_STATEMENT`
        values a statement, under the smallest limit SQLite has had."""
        per = max(1, PARAMETERS_PER_STATEMENT // len(columns))
        head = f'INSERT INTO "{table_name}" ({_column_list(columns)}) VALUES '
        one = "(" + ", ".join("?" * len(columns)) + ")"
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            self.execute(head + ", ".join([one] * len(chunk)), [value for row in chunk for value in row])

    def insert(self, table_name: str, row: dict[str, Any]) -> int:
        """Add one row (its values text, numbers or None) and give its id: the statement
        sqlite-utils' `Table.insert` runs for such a row, without loading it."""
        marks = ", ".join("?" * len(row))
        cursor = self.execute(f'INSERT INTO "{table_name}" ({_column_list(row)}) VALUES ({marks})', list(row.values()))
        return int(cursor.lastrowid)  # type: ignore[arg-type]

    def executescript(self, sql: str) -> sqlite3.Cursor:
        """Several statements; inside a transaction one by one, so that it is not committed
        (`sqlite3`'s own `executescript` commits first), as sqlite-utils runs a script."""
        if not self.conn.in_transaction:
            return self.conn.executescript(sql)
        cursor = self.conn.cursor()
        for statement in _statements(sql):
            cursor.execute(statement)
        return cursor  # type: ignore[no-any-return]

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dictionaries (a repeated column name gets `_2`, `_3`...)."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError(_QUERY_MESSAGE)
        keys = _unique_keys([d[0] for d in cursor.description])
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with self._savepoint():
                yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusyError() from exc
            raise
        try:
            if self.on_begin is not None:
                self.on_begin()
            yield self
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, sqlite3.OperationalError) and is_busy(exc):
                raise DatabaseBusyError() from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, sqlite3.OperationalError) and is_busy(exc):
                raise DatabaseBusyError() from exc
            raise

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A nested `atomic`: undone alone if it fails, committed with the outer transaction."""
        name = f"cchc_savepoint_{next(_savepoint_numbers)}"
        self.conn.execute(f"SAVEPOINT {name};")
        try:
            yield
        except BaseException:
            # an error such as a RAISE(ROLLBACK) trigger may have ended the whole transaction
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name};")
                self.conn.execute(f"RELEASE SAVEPOINT {name};")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name};")

    def data_version(self) -> int:
        """Changes whenever another connection commits (PRAGMA data_version)."""
        return int(self.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        key, self.cchc_file_key = self.cchc_file_key, None
        try:
            self.conn.close()
        finally:
            integrity.release(key)


def _column_list(columns: Iterable[str]) -> str:
    """Column names as an INSERT names them, each quoted."""
    return ", ".join(f'"{c}"' for c in columns)


def _statements(sql: str) -> Iterator[str]:
    """The statements of a script, each ending at the first semicolon after which it is
    complete (a semicolon in a string or a comment does not end it)."""
    statement = ""
    pieces = sql.split(";")
    for piece in pieces[:-1]:
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            yield statement.strip()
            statement = ""
    statement = (statement + pieces[-1]).strip()
    if statement:
        yield statement


def _unique_keys(keys: list[str]) -> list[str]:
    """Column names made unique as sqlite-utils makes them: a repeated name gets `_2`, `_3`...
    (skipping a suffix another column already has)."""
    taken = set(keys)
    if len(taken) == len(keys):
        return keys
    seen: set[str] = set()
    result = []
    for key in keys:
        if key in seen:
            new_key, suffix = key, 2
            while new_key in seen or new_key in taken:
                new_key, suffix = f"{key}_{suffix}", suffix + 1
            key = new_key
        seen.add(key)
        result.append(key)
    return result


@migrations(name="0001_initial")
def _m0001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL DEFAULT '',
            parent_body TEXT NOT NULL DEFAULT '',
            act_authority TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            issue_date TEXT,
            period_start INTEGER NOT NULL DEFAULT 0,
            period_end INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','issued','expired')),
            signer_authority TEXT NOT NULL DEFAULT '',
            signer_position TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            proposer TEXT NOT NULL DEFAULT '',
            legal_bases TEXT NOT NULL DEFAULT '[]',
            recipients TEXT NOT NULL DEFAULT '[]',
            sections TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE appendices (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_appendices_plan ON appendices(plan_id, position);
        CREATE TABLE task_groups (
            id INTEGER PRIMARY KEY,
            appendix_id INTEGER NOT NULL REFERENCES appendices(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_groups_appendix ON task_groups(appendix_id, position);
        CREATE TABLE agencies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            abbreviation TEXT NOT NULL DEFAULT '',
            name_key TEXT NOT NULL UNIQUE
        );
        CREATE TABLE agency_aliases (
            id INTEGER PRIMARY KEY,
            agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL UNIQUE
        );
        CREATE INDEX idx_aliases_agency ON agency_aliases(agency_id);
        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            appendix_id INTEGER NOT NULL REFERENCES appendices(id) ON DELETE CASCADE,
            group_id INTEGER REFERENCES task_groups(id) ON DELETE SET NULL,
            position INTEGER NOT NULL DEFAULT 0,
            content TEXT NOT NULL,
            time_frame TEXT NOT NULL DEFAULT '',
            output TEXT NOT NULL DEFAULT '',
            funding TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','doing','done')),
            notes TEXT NOT NULL DEFAULT '',
            officer TEXT NOT NULL DEFAULT '',
            completed_on TEXT,
            schedule TEXT,
            search_key TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_tasks_plan ON tasks(plan_id, appendix_id, position);
        CREATE INDEX idx_tasks_group ON tasks(group_id);
        CREATE INDEX idx_tasks_appendix ON tasks(appendix_id, group_id, position);
        CREATE TABLE task_agencies (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('lead','partner')),
            position INTEGER NOT NULL DEFAULT 0,
            agency_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            separator TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_task_agencies_task ON task_agencies(task_id, role, position);
        CREATE INDEX idx_task_agencies_agency ON task_agencies(agency_id);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Progress history: one row per report of work on a task or on one occurrence
        -- (occurrence_due = the occurrence's due date); nothing is overwritten.
        CREATE TABLE progress_entries (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            occurrence_due TEXT,
            state TEXT NOT NULL CHECK (state IN ('todo','doing','done')),
            done_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            count INTEGER,
            officer TEXT NOT NULL DEFAULT '',
            evidence_number TEXT NOT NULL DEFAULT '',
            evidence_date TEXT,
            evidence_link TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_progress_task ON progress_entries(task_id, occurrence_due, id);
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            progress_id INTEGER NOT NULL REFERENCES progress_entries(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            stored_path TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_attachments_progress ON attachments(progress_id);
        -- The officer's own reminders ("nhắc việc"); rrule is an RFC 5545 RRULE or NULL.
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            rrule TEXT,
            task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        -- Days the office adds to the holiday calendar: extra days off, working Saturdays.
        CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('off','work')),
            note TEXT NOT NULL DEFAULT ''
        );
        -- Which reminders were shown or snoozed, so none repeats and none is missed.
        CREATE TABLE reminder_log (
            key TEXT PRIMARY KEY,
            shown_at TEXT,
            snoozed_until TEXT,
            dismissed INTEGER NOT NULL DEFAULT 0
        );
        """
    )


REBUILDING_MIGRATIONS = frozenset({"0002_ids_never_reused"})
"""Migrations that rebuild tables: an existing file is compacted (VACUUM) after them."""

ID_TABLES = ("plans", "appendices", "task_groups", "agencies", "agency_aliases", "tasks", "task_agencies",
             "progress_entries", "attachments", "reminders")
"""The tables whose rows undo and redo delete and put back by id."""


@migrations(name="0002_ids_never_reused")
def _m0002_ids_never_reused(db: sqlite_utils.Database) -> None:
    """An id is never given twice (AUTOINCREMENT). Without it SQLite gives a new row the
    highest id plus one, so a row deleted in the window and added meanwhile by another process
    shared an id: the window's undo then failed on it and its redo deleted the other row.
    SQLite cannot add AUTOINCREMENT to a table: each is rebuilt with its rows, ids and indexes
    (foreign keys are off while migrations run, so nothing cascades)."""
    for table in ID_TABLES:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
        if "AUTOINCREMENT" in sql.upper():
            continue
        sql, found = re.subn(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", sql,
                             count=1, flags=re.IGNORECASE)
        sql, named = re.subn(rf'^\s*CREATE\s+TABLE\s+"?{table}"?', f'CREATE TABLE "_new_{table}"', sql, count=1,
                             flags=re.IGNORECASE)
        if not (found and named):
            raise StorageError(f"Không nâng cấp được bảng {table}: cấu trúc bảng không như mong đợi.")
        indexes = [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table])]
        db.execute(sql)
        db.execute(f'INSERT INTO "_new_{table}" SELECT * FROM "{table}"')
        db.execute(f'DROP TABLE "{table}"')
        db.execute(f'ALTER TABLE "_new_{table}" RENAME TO "{table}"')
        for index in indexes:
            db.execute(index)


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def _backup(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backup_dir(path) / f"{path.stem}-truoc-nang-cap-{stamp}{path.suffix}"
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(target))
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return target


def open_database(path: Path | str | None = None, *, memory: bool = False,
                  _read_only: bool = False) -> Database:
    """Open (creating if needed) and migrate the database; the only entry point to SQLite.

    Before anything is written the file is checked (`integrity`): another program's SQLite
    file and a damaged file are refused unchanged. A file that cannot be written is opened
    read-only; a file on a network share is used in rollback-journal mode (`notices`)."""
    if memory:
        db = Database.in_memory()
        _prepare(db, None)
        return db
    db_path = Path(path) if path is not None else paths.default_db_path()
    notices: list[str] = []
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        read_only = _read_only or (db_path.exists() and not _writable(db_path))
        # A file this process already has open was looked at then; reading it again from Python
        # would close a descriptor of it, and POSIX drops every lock the process holds on a file
        # when any of its descriptors closes: the first connection would write without its locks.
        head = integrity.SQLITE_HEADER
        if not integrity.is_open_in_process(db_path):
            if not read_only:
                with open(db_path, "ab"):
                    pass
            with open(db_path, "rb") as fh:
                head = fh.read(16)
            if head and head != integrity.SQLITE_HEADER:
                raise StorageError(f"Tệp «{db_path}» không phải cơ sở dữ liệu của CCHC Desktop.")
            if head:
                # another program's file is refused before SQLite opens it writable (which would
                # replay its pending -wal or roll back its hot journal)
                integrity.look_before_open(db_path)
        if read_only:
            conn = sqlite3.connect(integrity.read_only_uri(db_path), uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000, factory=Connection)
            db = _ReadOnlyDatabase(conn)
            notices.append(integrity.read_only_message(db_path))
        else:
            conn = sqlite3.connect(
                str(db_path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                factory=Connection,
            )
            db = Database(conn)
        try:
            integrity.check_before_use(conn, db_path)
            if read_only:
                _check_read_only(db)
            else:
                if integrity.is_network_path(db_path):
                    db.cchc_journal_mode = "DELETE"
                    notices.append(integrity.network_message(db_path))
                _prepare(db, db_path)
        except BaseException as exc:
            # A refused file must not stay open (locked on Windows, -wal/-shm files left behind).
            conn.close()
            if not read_only and head and isinstance(exc, sqlite3.OperationalError) and _cannot_write(exc):
                # writing refused although the permissions looked right (Windows ACLs, a read-only
                # share): an existing database is still worth reading
                return open_database(db_path, _read_only=True)
            raise
    except StorageError:
        raise
    except UnicodeDecodeError as exc:  # SQLite's message quoting bytes of a damaged schema
        raise DatabaseDamaged(integrity.damaged_message(db_path, "malformed schema"), db_path) from exc
    except sqlite3.DatabaseError as exc:
        if integrity.looks_damaged(exc):
            raise DatabaseDamaged(integrity.damaged_message(db_path, str(exc)), db_path) from exc
        raise StorageError(f"Không mở được cơ sở dữ liệu «{db_path}»: {exc}") from exc
    except OSError as exc:
        raise StorageError(f"Không mở được tệp «{db_path}»: {os_error_text(exc)}") from exc
    db.cchc_notices = notices
    db.cchc_file_key = integrity.hold(db_path)
    files.protect_database(db_path)
    return db


def notices(db: Database) -> list[str]:
    """What the officer should be told about how the database was opened (read-only, network share)."""
    return list(db.cchc_notices)


def is_read_only(db: Database) -> bool:
    return isinstance(db, _ReadOnlyDatabase)


def _writable(path: Path) -> bool:
    """Whether the file and its folder (journal, -wal and -shm files go there) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _cannot_write(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open database file" in text


class _ReadOnlyDatabase(Database):
    """A database opened with `mode=ro`: every attempt to change it is refused in Vietnamese."""

    def _refuse(self) -> ReadOnlyDatabase:
        return ReadOnlyDatabase("Cơ sở dữ liệu đang mở chỉ để đọc: không lưu được thay đổi. "
                                "Hãy kiểm tra quyền ghi của tệp và thư mục, hoặc chép tệp sang thư mục của mình.")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        raise self._refuse()
        yield self  # pragma: no cover - never reached

    def refusal(self, exc: sqlite3.OperationalError) -> Exception | None:
        if "readonly" in str(exc) or "read-only" in str(exc):
            return self._refuse()
        return None


def _check_read_only(db: Database) -> None:
    applied = migrations.applied(db)
    if set(known_migration_names()) - set(applied):
        raise StorageError("Cơ sở dữ liệu cần được nâng cấp nhưng tệp chỉ cho đọc. "
                           "Hãy chép tệp sang thư mục có quyền ghi rồi mở lại.")
    unknown = sorted(set(applied) - set(known_migration_names()))
    if unknown:
        raise StorageError(
            "Cơ sở dữ liệu này do phiên bản mới hơn của CCHC Desktop tạo ra "
            f"(có nâng cấp {', '.join(unknown)}). Hãy cập nhật phần mềm trước khi mở."
        )
    db.execute("PRAGMA foreign_keys = ON")


def _set_journal_mode(db: Database, mode: str) -> None:
    """Set the journal mode unless the file already has it. Changing it takes the file's lock,
    and SQLite answers "database is locked" at once, without its busy timeout, while another
    process opening the same new file holds it: asked again until the busy timeout is spent."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != mode.lower():
                db.execute(f"PRAGMA journal_mode = {mode}")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _prepare(db: Database, db_path: Path | None) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Checked before anything (the journal mode included) is written to the file.
    applied = migrations.applied(db)
    unknown = sorted(set(applied) - set(known_migration_names()))
    if unknown:
        raise StorageError(
            "Cơ sở dữ liệu này do phiên bản mới hơn của CCHC Desktop tạo ra "
            f"(có nâng cấp {', '.join(unknown)}). Hãy cập nhật phần mềm trước khi mở."
        )
    if db_path is not None:
        _set_journal_mode(db, getattr(db, "cchc_journal_mode", "WAL"))
        db.execute("PRAGMA synchronous = NORMAL")
    # Migrations run before foreign keys are enforced: table rebuilds need that (the pragma
    # cannot change inside a transaction).
    db.execute("PRAGMA foreign_keys = OFF")
    if migrations.pending(db):
        # Under the write lock, so that processes starting together on a new (or older)
        # database create (or upgrade) the schema once: the others wait, then find it done.
        rebuilt = False
        with db.atomic():
            pending = migrations.pending(db)
            if pending and db_path is not None and (migrations.applied(db) or db.table_names()):
                _backup(db_path)
                rebuilt = any(m.name in REBUILDING_MIGRATIONS for m in pending)
            migrations.apply(db)
        if rebuilt:
            # The tables rebuilt by the upgrade left their old pages free in the file (a 36 MB
            # database would stay at 62 MB, and every backup with it): given back once. Another
            # process holding the file only means it is given back later, as pages are reused.
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute("VACUUM")
    db.execute("PRAGMA foreign_keys = ON")
