"""`Store`: the one object the CLI and the TUI talk to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dutylog.store.queries import QueriesMixin
from dutylog.store.records import entry_to_record

if TYPE_CHECKING:
    from dutylog.store.bundle_import import BundleImportMixin as _Base
else:
    _Base = QueriesMixin


def _bundle_mixin() -> type:
    from dutylog.store.bundle_import import BundleImportMixin

    return BundleImportMixin


class Store(_Base):
    """dutylog's database. `Store.open(home=None, clock=None)`; close it, or use `with`.

    Every write is one transaction; group several with `with store.transaction():`.

    The merge-bundle methods (`import_bundle`, `export_bundle` and their helpers, from
    bundle_import.py and bundles.py) are looked up there on first use, so opening the
    store for a command or the app does not import them.
    """

    entry_to_record = staticmethod(entry_to_record)

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("__"):
            for klass in _bundle_mixin().__mro__:
                if name in klass.__dict__:
                    raw = klass.__dict__[name]
                    return raw.__get__(self, type(self)) if hasattr(raw, "__get__") else raw
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else row["value"]

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def settings(self) -> dict[str, str | None]:
        return {r["key"]: r["value"] for r in self._q("SELECT key, value FROM settings")}
