"""The store: schema, migrations, queries and merge bundles. Never imports Textual."""

from dutylog.store.bundle_read import ImportSummary
from dutylog.store.paths import DB_NAME, data_home
from dutylog.store.records import entry_to_record
from dutylog.store.store import Store
from dutylog.store import ledgers as _ledgers  # noqa: F401  (registers its migration)

__all__ = ["DB_NAME", "ImportSummary", "Store", "data_home", "entry_to_record"]
