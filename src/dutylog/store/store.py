"""`Store`: the one object the CLI and the TUI talk to."""

from __future__ import annotations

from dutylog.store.bundle_import import BundleImportMixin
from dutylog.store.records import entry_to_record


class Store(BundleImportMixin):
    """dutylog's database. `Store.open(home=None, clock=None)`; close it, or use `with`.

    Every write is one transaction; group several with `with store.transaction():`.
    """

    entry_to_record = staticmethod(entry_to_record)

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else row["value"]

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def settings(self) -> dict[str, str | None]:
        return {r["key"]: r["value"] for r in self._q("SELECT key, value FROM settings")}
