"""Shared fixtures: every test gets its own data folder and real SQLite files in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must run without a screen in CI and on developer machines alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "shared" / "samples"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the per-user data folder into the test's tmp_path."""
    data = tmp_path / "data"
    monkeypatch.setenv("CCHC_DATA_DIR", str(data))
    return data


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite3"


@pytest.fixture
def store(db_path: Path):
    from cchc_desktop.store.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_store(store):
    from cchc_desktop.store.demo import load_demo

    load_demo(store)
    return store


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        pytest.skip(f"sample documents not found at {SAMPLES_DIR} (they live in ../shared/samples beside the project)")
    return SAMPLES_DIR
