"""`Store`: one open `Database` and the repositories it hands out.

    store = Store.open(home)          # or store.opening.open_store(home, today)
    store.subjects.add_subject(…)     # subjects and links        (subjects.py)
    store.entries.query_entries(…)    # entries, search, history  (entries.py, queries.py)
    store.ledgers.list_items(…)       # ledgers, trips, holidays  (ledgers.py)
    store.settings.get("lang")        # settings                  (settings.py)
    store.bundles.export_bundle(…)    # merge bundles             (bundles.py, bundle_import.py)
    store.backups.create(day)         # copies in backups/        (backup.py)

The bundle modules are imported on first use of `store.bundles`, so opening the store
for a command or the app does not pay for them. Every write is one transaction; group
several with `with store.transaction():`.

The flat methods below (`store.add_entry(…)` for `store.entries.add_entry(…)`) are the
older spelling of the same calls, kept so the store's tests read as before; new code
(the services) uses the repositories.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylog.domain.model import Entry, Link, Subject
from dutylog.store.backup import Backups
from dutylog.store.db import Clock, Database, Ids
from dutylog.store.entries import Entries
from dutylog.store.ledgers import Ledgers
from dutylog.store.records import entry_to_record
from dutylog.store.settings import Settings
from dutylog.store.subjects import _UNSET, Subjects

if TYPE_CHECKING:
    from dutylog.store.bundle_import import Progress
    from dutylog.store.bundle_read import ImportSummary, RecordCheck
    from dutylog.store.bundles import Bundles


class Store:
    """dutylog's database: `Store.open(home=None, clock=None)`; close it, or use `with`."""

    entry_to_record = staticmethod(entry_to_record)

    def __init__(self, db: Database) -> None:
        self.db = db
        self.subjects = Subjects(db)
        self.entries = Entries(db, self.subjects)
        self.ledgers = Ledgers(db)
        self.settings = Settings(db)
        self.backups = Backups(db)

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

    # ---- the older, flat spelling ----------------------------------------------------------
    def add_subject(self, name: str, roles: Iterable[str], changed_by: str = "",
                    since: date | None = None) -> Subject:
        return self.subjects.add_subject(name, roles, changed_by, since)

    def get_subject(self, name_or_id: str) -> Subject:
        return self.subjects.get_subject(name_or_id)

    def list_subjects(self) -> list[Subject]:
        return self.subjects.list_subjects()

    def update_subject(self, subject_id: str, name: str | None = None,
                       roles: Iterable[str] | None = None, changed_by: str = "",
                       since: Any = _UNSET) -> Subject:
        return self.subjects.update_subject(subject_id, name, roles, changed_by, since)

    def subject_names(self) -> dict[str, str]:
        return self.subjects.subject_names()

    def add_link(self, subject_id: str, link_type: str, name: str, since: date | None = None,
                 changed_by: str = "") -> Link:
        return self.subjects.add_link(subject_id, link_type, name, since, changed_by)

    def get_link(self, link_id: str) -> Link:
        return self.subjects.get_link(link_id)

    def end_link(self, link_id: str, until: date, changed_by: str = "") -> Link:
        return self.subjects.end_link(link_id, until, changed_by)

    def links(self, subject_id: str, include_ended: bool = True) -> list[Link]:
        return self.subjects.links(subject_id, include_ended)

    def find_link(self, subject_id: str, name: str, link_type: str | None = None) -> Link:
        return self.subjects.find_link(subject_id, name, link_type)

    def link_name(self, link_id: str) -> str:
        return self.subjects.link_name(link_id)

    def add_entry(self, entry: Entry, changed_by: str | None = None) -> Entry:
        return self.entries.add_entry(entry, changed_by)

    def get_entry(self, id_or_prefix: str) -> Entry:
        return self.entries.get_entry(id_or_prefix)

    def update_entry(self, entry_id: str, changed_by: str, **changes: Any) -> Entry:
        return self.entries.update_entry(entry_id, changed_by, **changes)

    def delete_entry(self, entry_id: str, changed_by: str) -> Entry:
        return self.entries.delete_entry(entry_id, changed_by)

    def undelete_entry(self, entry_id: str, changed_by: str) -> Entry:
        return self.entries.undelete_entry(entry_id, changed_by)

    def confirm_entry(self, entry_id: str, by: str) -> Entry:
        return self.entries.confirm_entry(entry_id, by)

    def query_entries(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, order: str = "date",
        desc: bool = False, limit: int | None = None, offset: int = 0,
        after: tuple[date | str, str] | None = None,
    ) -> list[Entry]:
        return self.entries.query_entries(subject_id, kinds, date_from, date_to, search,
                                          include_deleted, order, desc, limit, offset, after)

    def count_entries(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False,
    ) -> int:
        return self.entries.count_entries(subject_id, kinds, date_from, date_to, search,
                                          include_deleted)

    def entries_in_range(self, subject_id: str, start: date, end: date) -> list[Entry]:
        return self.entries.entries_in_range(subject_id, start, end)

    def history(self, record_type: str, record_id: str) -> list[dict[str, Any]]:
        return self.entries.history(record_type, record_id)

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: str | None) -> None:
        self.settings.set(key, value)

    def export_bundle(self, path: str | os.PathLike, subject_id: str | None = None,
                      since: date | str | None = None, source: str | None = None,
                      include_sensitive: bool = False, to: str | None = None) -> int:
        return self.bundles.export_bundle(path, subject_id, since, source, include_sensitive, to)

    def import_bundle(self, path: str | os.PathLike, validate_record: RecordCheck | None = None,
                      progress: Progress | None = None) -> ImportSummary:
        return self.bundles.import_bundle(path, validate_record, progress)
