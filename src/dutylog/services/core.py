"""`Dutylog`: the façade the CLI and the TUI hold — one open store, one policy, one today.

The work is done by small use cases, each holding only what it needs:

    roster     subjects and links                     (subjects.py)
    logbook    log, edit, delete, list and page        (logbook.py)
    tracker    status and progress of a subject-year   (tracking.py)
    records    history, confirmation, pending          (records.py)
    transfers  merge bundles                           (bundles.py)
    ledgers    ledger items, working days, holidays    (ledgers.py)
    leave      trips and 销假                          (leave.py)
    casebook   diary, court cases, patrols             (casebook.py)
    prefs      language and recorder settings          (settings.py)
    tables     an office's Excel/CSV 台账 brought in    (table_import.py, on first use)

The methods below keep the names the CLI, the TUI and the tests call, and pass each
call to its use case. The store is private; today is fixed at construction (`on(day)`
gives a façade over the same store for another day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylog.domain.model import Entry, Link, Subject
from dutylog.domain.rules import Policy
from dutylog.store import Store
from dutylog.store.opening import close_store, open_store

from .context import Context, today_from_env
from .logbook import EntryFilter, Logbook, LogRequest
from .settings import Preferences
from .subjects import OfSubject, Roster

if TYPE_CHECKING:
    from dutylog.domain.progress import EvalDay, RuleResult
    from dutylog.domain.workdays import WorkCalendar
    from dutylog.services.table_import import TableImport
    from dutylog.store import ledgers as db
    from dutylog.store.bundle_read import ImportSummary
    from dutylog.store.memo import DeskMemo

    from .bundles import Transfers
    from .casebook import Casebook
    from .leave import Leave
    from .ledgers import Ledgers
    from .records import Records
    from .results import (
        Courts,
        DiaryRow,
        EntryVersion,
        Holiday,
        LedgerDetail,
        LedgerRecord,
        LedgerSummary,
        Patrols,
        TripRecord,
        Workday,
    )
    from .tracking import Progress, Tracker

__all__ = ["Dutylog", "LogRequest", "today_from_env"]


class Dutylog:
    def __init__(self, store: Store, today: dt.date | None = None, policy: Policy | None = None,
                 *, owns_store: bool = True) -> None:
        self._store = store
        self._owns_store = owns_store
        self._ctx = ctx = Context(store, today or today_from_env(), policy)
        self.roster = Roster(ctx)
        self.logbook = Logbook(ctx, self.roster)
        self.prefs = Preferences(ctx)

    # The use cases a status or a dashboard does not need are made on first use, so a
    # command pays only for the modules it runs (`status` is measured against
    # `import sqlite_utils`: bench/README.md).
    @cached_property
    def tracker(self) -> Tracker:  # (the domain's evaluation: not for a list or a search)
        from .tracking import Tracker

        return Tracker(self._ctx, self.roster, self.logbook)

    @cached_property
    def records(self) -> Records:
        from .records import Records

        return Records(self._ctx, self.roster)

    @cached_property
    def transfers(self) -> Transfers:
        from .bundles import Transfers

        return Transfers(self._ctx, self.roster)

    @cached_property
    def leave(self) -> Leave:
        from .leave import Leave

        return Leave(self._ctx, self.roster)

    @cached_property
    def ledgers(self) -> Ledgers:
        from .ledgers import Ledgers

        return Ledgers(self._ctx, self.roster, self.logbook, self.leave)

    @cached_property
    def casebook(self) -> Casebook:
        from .casebook import Casebook

        return Casebook(self._ctx, self.roster, self.logbook, self.ledgers)

    @cached_property
    def tables(self) -> TableImport:
        """`import-table`: read an Excel or CSV 台账 into a plan, then log it all or nothing."""
        from .table_import import TableImport

        return TableImport(self._ctx, self.roster, self.logbook)

    @classmethod
    def open(cls, home: Path | None = None, today: dt.date | None = None, *,
             clock: Callable[[], dt.datetime] | None = None,
             ids: Callable[[], str] | None = None) -> Dutylog:
        """Open the data in `home` as of `today`. `clock` (when records are written) and
        `ids` (their ids) default to the real time and random UUIDs; the scenes of the
        snapshot tests and screenshots pass fixed ones so every run paints the same."""
        today = today or today_from_env()  # check the file, open it, take the day's backup
        return cls(open_store(home, today, clock=clock, ids=ids), today)

    def on(self, day: dt.date) -> Dutylog:
        """The same data evaluated on `day`, over this façade's store (left open by its close)."""
        if day == self.today:
            return self
        return Dutylog(self._store, day, self._ctx._policy, owns_store=False)

    def close(self) -> None:
        if self._owns_store:  # close and note the file, so the next open can skip the full check
            close_store(self._store)

    def __enter__(self) -> Dutylog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ today, policy, home
    @property
    def today(self) -> dt.date:
        return self._ctx.today

    @property
    def policy(self) -> Policy:
        return self._ctx.policy

    def use_policy(self, path: str | None) -> Policy:
        return self._ctx.use_policy(path)

    def date(self, text: str, field: str = "date", allow_future: bool = True) -> dt.date:
        return self._ctx.date(text, field, allow_future)

    @property
    def memo(self) -> DeskMemo:  # the desk's counted rows, kept in the database (store/memo.py)
        return self._store.memo

    @property
    def home(self) -> Path:
        """The data folder (reports refuse to overwrite what is in it)."""
        return Path(self._store.home)

    def backup_now(self, passphrase: bytes | None = None) -> Path:
        """A consistent copy of the database in backups/ now; with a passphrase, sealed
        (dutylog.sealing: `<name>.db.sealed`, the plain copy removed) for a laptop that
        may be lost."""
        path = self._store.backups.create(self.today)
        if passphrase is None:
            return path
        from .backups import seal_backup

        return seal_backup(path, passphrase)

    # ------------------------------------------------------------------ subjects and links
    def check_roles(self, roles: Iterable[str]) -> list[str]:
        return self.roster.check_roles(roles)

    def roles_of(self, subj: Subject) -> tuple[str, ...]:
        return self.roster.roles_of(subj)

    def add_subject(self, name: str, roles: list[str], since: dt.date | None = None,
                    by: str | None = None) -> Subject:
        return self.roster.add_subject(name, roles, since, by)

    def update_subject(self, subject: str, roles: list[str] | None = None,
                       since: dt.date | None = None, name: str | None = None,
                       by: str | None = None) -> Subject:
        return self.roster.update_subject(subject, roles, since, name, by)

    def archive_subject(self, subject: str, by: str | None = None) -> Subject:
        return self.roster.archive(subject, by)

    def restore_subject(self, subject: str, by: str | None = None) -> Subject:
        return self.roster.restore(subject, by)

    def tracked_from(self, subj: Subject, as_of: dt.date | None = None) -> dt.date:
        return self.roster.tracked_from(subj, as_of)

    def subject(self, name: str) -> Subject:
        return self.roster.subject(name)

    def subject_of(self, record: OfSubject) -> Subject:
        return self.roster.subject_of(record)

    def subjects(self, include_archived: bool = False) -> list[Subject]:
        return self.roster.subjects(include_archived)

    def check_link_type(self, link_type: str) -> str:
        return self.roster.check_link_type(link_type)

    def link(self, subject: str, link_type: str, name: str, since: dt.date | None = None) -> Link:
        return self.roster.link(subject, link_type, name, since)

    def unlink(self, subject: str, link_type: str, name: str, until: dt.date) -> Link:
        return self.roster.unlink(subject, link_type, name, until)

    def reopen_link(self, link_id: str) -> Link:
        return self.roster.reopen_link(link_id)

    def links(self, subject: str) -> list[Link]:
        return self.roster.links(subject)

    def link_name(self, link_id: str) -> str:
        return self.roster.link_name(link_id)

    def link_names(self, subject: str) -> dict[str, str]:
        return self.roster.link_names(subject)

    def object_on(self, subj: Subject, name: str, link_type: str | None, on: dt.date) -> Link:
        return self.roster.object_on(subj, name, link_type, on)

    # ------------------------------------------------------------------ entries
    def log(self, req: LogRequest) -> Entry:
        return self.logbook.log(req)

    def entry(self, entry_id: str) -> Entry:
        return self.logbook.entry(entry_id)

    def edit(self, entry_id: str, by: str | None = None, **changes: Any) -> Entry:
        return self.logbook.edit(entry_id, by, **changes)

    def delete(self, entry_id: str, by: str | None = None) -> Entry:
        return self.logbook.delete(entry_id, by)

    def undelete(self, entry_id: str, by: str | None = None) -> Entry:
        return self.logbook.undelete(entry_id, by)

    def entries(self, subject: str | None = None, kinds: list[str] | None = None,
                date_from: dt.date | None = None, date_to: dt.date | None = None,
                search: str | None = None, include_deleted: bool = False,
                limit: int | None = None, offset: int = 0, desc: bool = False) -> list[Entry]:
        return self.logbook.entries(subject, kinds, date_from, date_to, search,
                                    include_deleted, limit, offset, desc)

    def entry_page(self, flt: EntryFilter, limit: int, after: Entry | None = None,
                   offset: int = 0) -> list[Entry]:
        return self.logbook.page(flt, limit, after, offset)

    def entry_count(self, flt: EntryFilter) -> int:
        return self.logbook.count(flt)

    def year_entries(self, subj: Subject, year: int) -> list[Entry]:
        return self.logbook.year_entries(subj, year)

    # ------------------------------------------------------------------ status
    def progress(self, subject: str, year: int | str | None = None, as_of: dt.date | None = None,
                 include_pending: bool = True) -> Progress:
        return self.tracker.progress(subject, year, as_of, include_pending)

    def resolve_year(self, year: int | str | None, as_of: dt.date | None) -> tuple[int, dt.date]:
        return self.tracker.resolve_year(year, as_of)

    def eval_day(self, subj: Subject, as_of: dt.date) -> EvalDay:
        return self.tracker.eval_day(subj, as_of)

    def evaluate(self, subj: Subject, year: int, as_of: dt.date, include_pending: bool = True,
                 entries: list[Entry] | None = None) -> list[RuleResult]:
        return self.tracker.evaluate(subj, year, as_of, include_pending, entries)

    # ------------------------------------------------------------------ records and bundles
    def history(self, entry_id: str) -> list[EntryVersion]:
        return self.records.history(entry_id)

    def confirm(self, entry_id: str, by: str, keyed_by: str | None = None) -> Entry:
        return self.records.confirm(entry_id, by, keyed_by)

    def pending(self, subject: str) -> list[Entry]:
        return self.records.pending(subject)

    def export(self, path: Path, subject: str | None = None, since: dt.date | None = None,
               to: str | None = None, include_sensitive: bool = False,
               passphrase: bytes | None = None, force: bool = False) -> int:
        return self.transfers.export(path, subject, since, to, include_sensitive, passphrase,
                                     force)

    def import_bundle(self, path: Path,
                      progress: Callable[[int, int], None] | None = None,
                      passphrase: bytes | None = None) -> ImportSummary:
        return self.transfers.import_bundle(path, progress, passphrase)

    def validate_bundle_record(self, rec: dict[str, Any]) -> Exception | None:
        return self.transfers.validate_bundle_record(rec)

    def validate_bundle_entry(self, rec: dict[str, Any]) -> Exception | None:
        return self.transfers.validate_bundle_entry(rec)

    # ------------------------------------------------------------------ working days, ledgers
    def calendar(self) -> WorkCalendar:
        return self.ledgers.calendar()

    def workday(self, start: dt.date, n: int) -> Workday:
        return self.ledgers.workday(start, n)

    def holidays_set(self, day: dt.date, kind: str, name: str | None = None) -> Holiday:
        return self.ledgers.holidays_set(day, kind, name)

    def holidays_list(self, year: int) -> list[Holiday]:
        return self.ledgers.holidays_list(year)

    def holidays_import(self, path: Path) -> int:
        return self.ledgers.holidays_import(path)

    def ledger_add(self, ledger_type: str, subject: str, opened: dt.date, title: str | None = None,
                   due: dt.date | None = None, note: str | None = None,
                   entry_id: str | None = None) -> db.LedgerItem:
        return self.ledgers.ledger_add(ledger_type, subject, opened, title, due, note, entry_id)

    def ledger_item(self, item_id: str) -> db.LedgerItem:
        return self.ledgers.ledger_item(item_id)

    def ledger_progress(self, item_id: str, when: dt.date, note: str) -> db.ProgressReport:
        return self.ledgers.ledger_progress(item_id, when, note)

    def ledger_close(self, item_id: str, when: dt.date) -> db.LedgerItem:
        return self.ledgers.ledger_close(item_id, when)

    def ledger_list(self, subject: str | None = None, open_only: bool = False,
                    as_of: dt.date | None = None) -> list[LedgerRecord]:
        return self.ledgers.ledger_list(subject, open_only, as_of)

    def ledger_detail(self, item_id: str, as_of: dt.date | None = None) -> LedgerDetail:
        return self.ledgers.ledger_detail(item_id, as_of)

    def ledger_summary(self, subject: str | None = None, as_of: dt.date | None = None) -> LedgerSummary:
        return self.ledgers.ledger_summary(subject, as_of)

    def log_with_follow_up(self, req: LogRequest, due: dt.date,
                           title: str | None = None) -> tuple[Entry, db.LedgerItem]:
        return self.ledgers.log_with_follow_up(req, due, title)

    def follow_up(self, entry_id: str, due: dt.date, title: str | None = None) -> db.LedgerItem:
        return self.ledgers.follow_up(entry_id, due, title)

    # ------------------------------------------------------------------ leave
    def leave_request(self, subject: str, requested: dt.date, depart: dt.date, return_date: dt.date,
                      emergency: bool = False, destination: str | None = None) -> db.Trip:
        return self.leave.leave_request(subject, requested, depart, return_date, emergency,
                                        destination)

    def trip(self, trip_id: str) -> db.Trip:
        return self.leave.trip(trip_id)

    def leave_back(self, trip_id: str, when: dt.date) -> db.Trip:
        return self.leave.leave_back(trip_id, when)

    def leave_list(self, subject: str | None = None, as_of: dt.date | None = None) -> list[TripRecord]:
        return self.leave.leave_list(subject, as_of)

    # ------------------------------------------------------------------ diary, courts, patrols
    def diary(self, subject: str | None = None, search: str | None = None,
              place: str | None = None, open_only: bool = False,
              as_of: dt.date | None = None, limit: int | None = None) -> list[DiaryRow]:
        return self.casebook.diary(subject, search, place, open_only, as_of, limit)

    def diary_places(self, subject: str | None = None) -> list[str]:
        return self.casebook.diary_places(subject)

    def courts(self, subject: str, year: int | None = None) -> Courts:
        return self.casebook.courts(subject, year)

    def patrol_target(self) -> float | None:
        return self.casebook.patrol_target()

    def set_patrol_target(self, target: float | None) -> None:
        self.casebook.set_patrol_target(target)

    def patrols(self, subject: str, year: int | None = None) -> Patrols:
        return self.casebook.patrols(subject, year)
