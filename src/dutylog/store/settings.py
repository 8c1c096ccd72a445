"""`Settings`: the repository of dutylog's own settings (key → text), kept in the database."""

from __future__ import annotations

from dutylog.store.db import Database


class Settings:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.row("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else row["value"]

    def set(self, key: str, value: str | None) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def all(self) -> dict[str, str | None]:
        return {r["key"]: r["value"] for r in self.db.rows("SELECT key, value FROM settings")}
