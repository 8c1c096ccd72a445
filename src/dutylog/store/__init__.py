"""The store: schema, migrations, queries and merge bundles. Never imports Textual.

The bundle modules (import/export, backups, restore) are imported when first used."""

from dutylog.store.paths import DB_NAME, data_home
from dutylog.store.records import entry_to_record
from dutylog.store.store import Store
from dutylog.store import ledgers as _ledgers  # noqa: F401  (registers its migration)

__all__ = ["DB_NAME", "ImportSummary", "Store", "data_home", "entry_to_record"]


def __getattr__(name: str):
    if name == "ImportSummary":
        from dutylog.store.bundle_read import ImportSummary

        return ImportSummary
    raise AttributeError(f"module 'dutylog.store' has no attribute {name!r}")
