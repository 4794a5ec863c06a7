"""Office settings kept in the database (letterhead, signer, document settings), as JSON values."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cchc_desktop.store.checks import stored_json

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store


class SettingsService:
    """Office-wide settings stored in the database (office name, document defaults ...)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self.store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        value = stored_json(row[0], None) if row else None
        return default if value is None else value

    def set(self, key: str, value: Any) -> None:
        with self.store.db.atomic():
            self.store.db.execute(
                "INSERT INTO settings(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    def all(self) -> dict[str, Any]:
        return {k: stored_json(v, None) for k, v in self.store.db.execute("SELECT key, value FROM settings")}
