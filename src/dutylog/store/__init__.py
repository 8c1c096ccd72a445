"""The store: schema, migrations, repositories and merge bundles. Never imports Textual.

Its names are imported when first used, so `import dutylog.store` (which every module of
the package pays for, e.g. the checkpoint job a large import's close waits for) stays
cheap; the bundle modules (import/export) and restore likewise."""

from __future__ import annotations

TYPE_CHECKING = False  # (not `typing`'s: its import alone costs ~9 ms)
if TYPE_CHECKING:
    from dutylog.store.bundle_read import ImportSummary
    from dutylog.store.paths import DB_NAME, data_home
    from dutylog.store.records import entry_to_record
    from dutylog.store.store import Store

__all__ = ["DB_NAME", "ImportSummary", "Store", "data_home", "entry_to_record"]

_LAZY = {"DB_NAME": "paths", "data_home": "paths", "entry_to_record": "records",
         "Store": "store", "ImportSummary": "bundle_read"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dutylog.store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"dutylog.store.{module}"), name)
    globals()[name] = value
    return value
