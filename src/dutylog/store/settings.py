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


def peek(home, key: str) -> str | None:
    """One setting read without opening the store: nothing is created, checked or
    upgraded (the CLI's language, wanted before any command runs). None when there is no
    database yet, or it cannot be read."""
    import sqlite3
    from pathlib import Path

    from dutylog.store.paths import DB_NAME, data_home, readonly_uri

    db_path = Path(home) / DB_NAME if home is not None else data_home() / DB_NAME
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(readonly_uri(db_path), uri=True, timeout=0.2)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
