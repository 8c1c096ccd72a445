"""The store: schema, migrations, repositories and merge bundles. Never imports Textual.

The bundle modules (import/export) and restore are imported when first used."""

from dutylog.store.paths import DB_NAME, data_home
from dutylog.store.records import entry_to_record
from dutylog.store.store import Store

__all__ = ["DB_NAME", "ImportSummary", "Store", "data_home", "entry_to_record"]


def __getattr__(name: str):
    if name == "ImportSummary":  # a lazy import, so `import dutylog.store` stays cheap
        from dutylog.store.bundle_read import ImportSummary

        return ImportSummary
    raise AttributeError(f"module 'dutylog.store' has no attribute {name!r}")
