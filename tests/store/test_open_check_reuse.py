"""The open-time check reads the whole file only when it may have changed: a passing
quick_check is reused for an unchanged file within a day, and any change checks again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from dbfiles import damage, make_demo

from cchc_desktop.errors import DatabaseDamaged
from cchc_desktop.store import integrity
from cchc_desktop.store.domain import Plan
from cchc_desktop.store.store import Store


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The quick_checks run, by file."""
    runs: list[str] = []
    real = integrity.quick_check

    def counted(conn, *, full: bool = False):  # noqa: ANN001, ANN202
        runs.append(conn.execute("PRAGMA database_list").fetchone()[2])
        return real(conn, full=full)

    monkeypatch.setattr(integrity, "quick_check", counted)
    return runs


def _age(path: Path, seconds: float = 60) -> None:
    """The file as if last written a minute ago (the note ignores files changed seconds ago)."""
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            past = time.time() - seconds
            os.utime(p, (past, past))


def _open_close(path: Path) -> None:
    Store.open(path).close()


def test_an_unchanged_file_is_not_read_again(db_path: Path, checks: list[str]) -> None:
    make_demo(db_path)
    _age(db_path)
    checks.clear()
    _open_close(db_path)
    _open_close(db_path)
    _open_close(db_path)
    assert len(checks) == 1


def test_a_changed_file_is_checked_again(db_path: Path, checks: list[str]) -> None:
    make_demo(db_path)
    _age(db_path)
    checks.clear()
    _open_close(db_path)
    store = Store.open(db_path)
    store.plans.create(Plan(title="Kế hoạch mới", period_start=2025))
    store.close()
    _age(db_path)
    _open_close(db_path)
    assert len(checks) == 2


def test_a_file_damaged_after_a_passing_check_is_refused(db_path: Path, checks: list[str]) -> None:
    make_demo(db_path)
    _age(db_path)
    checks.clear()
    _open_close(db_path)
    damage(db_path)  # same size; a new modification time
    with pytest.raises(DatabaseDamaged):
        Store.open(db_path)


def test_a_day_old_check_is_not_reused(db_path: Path, checks: list[str]) -> None:
    make_demo(db_path)
    _age(db_path)
    checks.clear()
    _open_close(db_path)
    record = integrity._check_record(db_path)
    data = json.loads(record.read_text(encoding="utf-8"))
    data["at"] -= integrity.CHECK_KEPT_SECONDS + 1
    record.write_text(json.dumps(data), encoding="utf-8")
    _open_close(db_path)
    assert len(checks) == 2


def test_a_file_changed_seconds_ago_is_always_checked(db_path: Path, checks: list[str]) -> None:
    make_demo(db_path)  # written just now: not noted, whatever the clock of the file system
    checks.clear()
    _open_close(db_path)
    _open_close(db_path)
    assert len(checks) == 2
