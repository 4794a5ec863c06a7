"""Database files for the storage tests: a demo database, and damage done to one."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def make_demo(path: Path) -> None:
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    store = Store.open(path)
    load_demo(store)
    store.close()


def damage(path: Path, table: str = "tasks") -> None:
    """Overwrite the root page of `table` with random bytes (as a bad sector or a torn copy would)."""
    conn = sqlite3.connect(str(path))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    rnd = random.Random(7)
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(bytes(rnd.randrange(256) for _ in range(page_size)))
