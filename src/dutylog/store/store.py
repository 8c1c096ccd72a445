"""`Store`: one open `Database` and the repositories it hands out.

    store = Store.open(home)          # or store.opening.open_store(home, today)
    store.subjects.add_subject(…)     # subjects and links        (subjects.py)
    store.entries.query_entries(…)    # entries, search, history  (entries.py, queries.py)
    store.ledgers.list_items(…)       # ledgers, trips, holidays  (ledgers.py)
    store.settings.get("lang")        # settings                  (settings.py)
    store.memo.rows(year, stamp)      # the desk's counted rows   (memo.py)
    store.bundles.export_bundle(…)    # merge bundles             (bundles.py, bundle_import.py)
    store.backups.create(day)         # copies in backups/        (backup.py)

The bundle and ledger modules are imported on first use of `store.bundles`/`store.ledgers`, so opening the store
for a command or the app does not pay for them. Every write is one transaction; group
several with `with store.transaction():`.

There is one spelling: the repository's (`store.entries.add_entry(…)`); the store itself
only opens, closes and groups writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from dutylog.store.backup import Backups
from dutylog.store.db import Clock, Database, Ids
from dutylog.store.entries import Entries
from dutylog.store.memo import DeskMemo
from dutylog.store.records import entry_to_record
from dutylog.store.settings import Settings
from dutylog.store.subjects import Subjects

if TYPE_CHECKING:
    from dutylog.store.bundles import Bundles
    from dutylog.store.ledgers import Ledgers


class Store:
    """dutylog's database: `Store.open(home=None, clock=None)`; close it, or use `with`."""

    entry_to_record = staticmethod(entry_to_record)

    def __init__(self, db: Database) -> None:
        self.db = db
        self.subjects = Subjects(db)
        self.entries = Entries(db, self.subjects)
        self.settings = Settings(db)
        self.memo = DeskMemo(db)
        self.backups = Backups(db)

    @cached_property
    def ledgers(self) -> Ledgers:
        from dutylog.store.ledgers import Ledgers

        return Ledgers(self.db)

    @cached_property
    def bundles(self) -> Bundles:
        from dutylog.store.bundles import Bundles

        return Bundles(self.db, self.subjects)

    @classmethod
    def open(cls, home: Path | None = None, clock: Clock | None = None, ids: Ids | None = None) -> Store:
        """Open (creating on first use) the database in `home`, default `data_home()`."""
        return cls(Database.open(home, clock, ids))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.db.transaction() as conn:
            yield conn

    @property
    def home(self) -> Path:
        return self.db.home

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def lock(self):
        return self.db.lock

    def timestamp(self, after: str | None = None) -> str:
        return self.db.timestamp(after)

    def integrity_ok(self) -> bool:
        return self.db.integrity_ok()
