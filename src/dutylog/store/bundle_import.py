"""Merging a bundle into the database: all or nothing, later `updated_at` wins.

`import_bundle` runs the passes inside one transaction; any refusal rolls it all back:

1. check (bundle_check.py): every record parsed and checked, the entries staged in
   SQLite's temporary tables (memory stays flat however large the bundle);
2. resolve (bundle_resolve.py): foreign subject and link ids mapped to ours through
   `aliases`, every reference checked;
3. decide (bundle_decide.py): record by record, added, replaced by a later version (ours
   to history), unchanged, or an older one kept out but recorded in history
   ('import-older'), so importing A's bundle then B's equals B's then A's;
4. write (here): the plan, kind by kind; the entries BATCH at a time, those new here
   inserted first (`_add_new_entries`: the insert finds the known ids), the rest decided
   and written; a large import indexing them in bulk (BULK_FTS) and building the
   entries' indexes once after the rows (`_drop_entry_indexes`).
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from dutylog.store import chars
from dutylog.store.bundle_check import BATCH, check, stage, staged_entries, unstage
from dutylog.store.bundle_decide import Plan, _guard_entry, decide, decide_sources, known_subject_names
from dutylog.store.bundle_read import Bundle, ImportSummary, RecordCheck, open_bundle
from dutylog.store.bundle_resolve import resolve
from dutylog.store.bundles import _chunks, _marks
from dutylog.store.db import Database
from dutylog.store.history import keep_history, merge_seen
from dutylog.store.migrations import FTS_INSERT_TRIGGER
from dutylog.store.specs import ENTRY, ORDER, SPECS, Spec, record_to_row
from dutylog.textsafe import clean_name

Progress = Callable[[int, int], None]
SOURCE_MAX = 200  # the header's source kept, at most (once per import)
SOURCE_LABEL = 40  # its part written as each record's changed_by
BULK_FTS = 2000  # from this many new entries, index them in bulk after inserting them


def import_bundle(db: Database, path: str | os.PathLike,
                  validate_record: RecordCheck | None = None,
                  progress: Progress | None = None) -> ImportSummary:
    """Merge the bundle at `path`; raises BundleError (nothing written) when any line
    is invalid. `validate_record(record) -> error or None` checks each record (of any
    type, with its "type"): a reason refuses the bundle, naming the line."""
    return _Importer(db).run(path, validate_record, progress)


class _Importer:
    """One import into `db`: resolve ids, decide record by record, then write."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def run(self, path: str | os.PathLike, validate_record: RecordCheck | None,
            progress: Progress | None) -> ImportSummary:
        """Streams the bundle (issue 12: memory bounded whatever its size): the header
        and checksum first (nothing kept), then, inside the one transaction, a pass that
        checks every record (entries are not kept in memory: each is staged, parsed, in
        SQLite's temporary tables), a pass resolving the entries' references, and a pass
        deciding and writing entries BATCH at a time. Any refusal rolls the whole import
        back."""
        bundle = open_bundle(Path(path))
        summaries = {kind: ImportSummary() for kind in ORDER}
        conn = self.db.conn
        try:
            with self.db.transaction() as conn:
                stage(conn)
                check(self.db, conn, bundle, validate_record)
                source = self._source(conn, bundle.header.get("source"))
                plan = Plan()
                refs = resolve(conn, bundle, plan)
                for kind in ORDER:
                    if kind != ENTRY.type:
                        decide(conn, SPECS[kind], bundle, bundle.records[kind], plan,
                               summaries[kind], source)
                decide_sources(conn, bundle, plan)
                self._write(conn, bundle, plan, refs, source, summaries[ENTRY.type],
                            progress)
        finally:
            with self.db.lock:  # (the app's worker threads share the connection)
                if not conn.in_transaction:
                    unstage(conn)
        summary = ImportSummary()
        for part in summaries.values():
            summary.added += part.added
            summary.updated += part.updated
            summary.unchanged += part.unchanged
            summary.older_kept += part.older_kept
            summary.conflicts += part.conflicts
        return summary

    def _source(self, conn, given: Any) -> str:
        """Who the changes come from, as each record's `changed_by`: the header's `source`
        cleaned and cut to SOURCE_LABEL characters; the whole (at most SOURCE_MAX) is kept
        once per import in settings (`import-source:<label>`), never on every record
        (issue 12: a 1 MB source made the database 100 MB)."""
        text = clean_name(given if isinstance(given, str) else "")[:SOURCE_MAX] or "import"
        label = text if len(text) <= SOURCE_LABEL else text[:SOURCE_LABEL - 1] + "…"
        if label != text:
            conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                         (f"import-source:{label}", text))
        return label

    # ---- writing ---------------------------------------------------------------------------
    def _write(self, conn, bundle: Bundle, plan: Plan, refs: Callable[[int, dict], None],
               source: str, summary: ImportSummary, progress: Progress | None) -> None:
        """Write the plan, kind by kind in ORDER; the entries are decided and written
        here, BATCH at a time, read again from the bundle."""
        total = bundle.total
        done = [0]
        if progress:
            progress(0, total)
        rev = self.db.rev()
        now = self.db.timestamp()
        conn.executemany("INSERT OR REPLACE INTO aliases(foreign_id, local_id, record_type) "
                         "VALUES (?, ?, ?)", plan.aliases)
        for kind in ORDER:
            if kind != ENTRY.type:
                self._write_kind(conn, SPECS[kind], plan, rev, now, source, total, done,
                                 progress)
                continue
            # history in ORDER, as before streaming: the kinds written so far, then the
            # entries' batch by batch, then the rest
            before = {SPECS[k].history for k in ORDER[:ORDER.index(kind)]}
            keep_history(self.db, [h for h in plan.history if h[0] in before])
            plan.history = [h for h in plan.history if h[0] not in before]
            names = known_subject_names(conn, bundle)
            bulk = bundle.counts.get(ENTRY.type, 0) >= BULK_FTS
            rebuilt: list[str] = []
            if bulk:
                first = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
                conn.execute("DROP TRIGGER entries_fts_insert")
                conn.execute(f"DROP TRIGGER {chars.TABLE}_insert")
                if bundle.counts[ENTRY.type] >= first and _new_entries(conn) >= first:
                    rebuilt = _drop_entry_indexes(conn)
            for rows in staged_entries(conn):
                batch = [(number, marshal.loads(record)) for number, record in rows]
                for number, rec in batch:
                    refs(number, rec)
                batch = self._add_new_entries(conn, batch, names, rev, now, source,
                                              summary, total, done, progress)
                part = Plan()
                decide(conn, ENTRY, bundle, batch, part, summary, source, names)
                self._write_kind(conn, ENTRY, part, rev, now, source, total, done, progress)
                keep_history(self.db, part.history)
            if bulk:
                # Index the new rows in one statement (the character index from Python,
                # faster than its trigger's SQL), then restore the triggers (DDL is
                # transactional: a failure rolls the triggers back too). The triggers are
                # dropped once for every batch (DDL makes SQLite prepare statements anew).
                merging = _hold_merges(conn)
                conn.execute("INSERT INTO entries_fts(rowid, title, place, people, note) "
                             "SELECT seq, title, place, people, note FROM entries "
                             "WHERE seq > ?", (first,))
                chars.index_from(conn, first)
                _restore_merges(conn, merging)
                conn.execute(FTS_INSERT_TRIGGER)
                conn.execute(chars.INSERT_TRIGGER)
                for sql in rebuilt:
                    conn.execute(sql)
        conn.executemany("INSERT OR REPLACE INTO ledger_sources(item_id, entry_id) "
                         "VALUES (?, ?)", plan.sources)
        keep_history(self.db, plan.history)
        if progress:
            progress(total, total)

    def _add_new_entries(self, conn, batch: list[tuple[int, dict]], names: dict[str, str],
                         rev: int, now: str, source: str, summary: ImportSummary,
                         total: int, done: list[int],
                         progress: Progress | None) -> list[tuple[int, dict]]:
        """Insert each entry of `batch` as new, unless its id is here already (`ON
        CONFLICT (id) DO NOTHING`: only that conflict; any other constraint still fails
        the import), and return the ones that were here, for `decide`. Finding the ids
        while inserting, instead of looking each one up first, reads each id's place in
        the ids' index once: merging an official into a county's table, the lookups read
        ~10,000 pages of a 2.5-million-key index that the inserts then read again."""
        top = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        part = Plan()
        for _, rec in batch:
            new_rec = dict(rec)  # (the guard rewrites it; `rec` stays for `decide`)
            _guard_entry(new_rec, None, names)
            row = record_to_row(ENTRY, new_rec)
            row["seen"] = merge_seen(new_rec["seen"])
            part.inserts[ENTRY.type].append(row)
        self._write_kind(conn, ENTRY, part, rev, now, source, total, [0], None,
                         only_new=True)
        added = {r[0] for r in conn.execute("SELECT id FROM entries WHERE seq > ?", (top,))}
        summary.added += len(added)
        done[0] += len(added)
        if progress:
            progress(done[0], total)
        return [(number, rec) for number, rec in batch if rec["id"] not in added]

    def _write_kind(self, conn, spec: Spec, plan: Plan, rev: int, now: str, source: str,
                    total: int, done: list[int], progress: Progress | None,
                    only_new: bool = False) -> None:
        kind = spec.type
        data = [*spec.columns, "seen"]
        fixed = ("rev", "changed_by", "change_reason") if spec.meta else ("rev",)
        values = (rev, source, "import") if spec.meta else (rev,)
        created = ("created_at",) if spec.meta else ()
        cols = [*data, *fixed, *created]
        insert = (f"INSERT INTO {spec.table} ({', '.join(cols)}) "
                  f"VALUES ({', '.join('?' * len(cols))})"
                  + (f" ON CONFLICT ({spec.key}) DO NOTHING" if only_new else ""))
        changed = [c for c in data if c != spec.key]
        update = (f"UPDATE {spec.table} SET "
                  f"{', '.join(f'{c} = ?' for c in [*changed, *fixed])} "
                  f"WHERE {spec.key} = ?")
        as_insert, as_update = itemgetter(*data), itemgetter(*changed)
        tail = values + (now,) * len(created)
        for chunk in _chunks(plan.inserts[kind], BATCH):
            conn.executemany(insert, [as_insert(row) + tail for row in chunk])
            done[0] += len(chunk)
            if progress:
                progress(done[0], total)
        bulk_update = spec is ENTRY and len(plan.updates[kind]) >= BULK_FTS
        if bulk_update:
            # The character index's trigger computes its text in SQL, slowly: for many
            # updates, take the old text out and put the new in from Python instead.
            seqs = []
            for chunk in _chunks([row["id"] for row in plan.updates[kind]]):
                seqs += [r[0] for r in conn.execute(
                    f"SELECT seq FROM entries WHERE id IN ({_marks(chunk)})", chunk)]
            conn.execute(f"DROP TRIGGER {chars.TABLE}_update")
            chars.unindex_rows(conn, chars.indexed_rows(conn, seqs))
        for chunk in _chunks(plan.updates[kind], BATCH):
            conn.executemany(update, [as_update(row) + values + (row[spec.key],)
                                      for row in chunk])
            done[0] += len(chunk)
            if progress:
                progress(done[0], total)
        if bulk_update:
            chars.index_rows(conn, chars.indexed_rows(conn, seqs))
            conn.execute(chars.UPDATE_TRIGGER)
        conn.executemany(f"UPDATE {spec.table} SET seen = ?, rev = {rev} "
                         f"WHERE {spec.key} = ?", plan.seen[kind])


FTS_TABLES = ("entries_fts", chars.TABLE)


def _hold_merges(conn) -> dict[str, str | None]:
    """Turn off the full-text indexes' automatic merging for one bulk insert; returns the
    settings to restore. Indexing one official's 10,000 entries into a county's index
    spent three quarters of its time merging old segments; the merging is left to later
    writes (FTS5 does a little with each) and to the job after a large import
    (store/checkpoint_job.py `tidy_indexes`)."""
    held = {}
    for table in FTS_TABLES:
        row = conn.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
        held[table] = None if row is None else row[0]
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
    return held


def _restore_merges(conn, held: dict[str, str | None]) -> None:
    for table, value in held.items():  # (none stored: FTS5's default, 4)
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)",
                     (4 if value is None else value,))


def _new_entries(conn) -> int:
    """How many staged entries are not in the table yet (a re-import of a bundle this
    database holds already changes little: its indexes are not rebuilt for it)."""
    return conn.execute("SELECT count(*) FROM temp.import_ids i WHERE NOT EXISTS "
                        "(SELECT 1 FROM entries e WHERE e.id = i.id)").fetchone()[0]


def _drop_entry_indexes(conn) -> list[str]:
    """Drop the entries' secondary indexes (not the ids' uniqueness) and return the SQL
    that makes them again. An import at least as large as the table (a county's first
    merge, a new laptop's restore from a bundle) then builds each index once, sorted,
    instead of inserting millions of keys at random places: what the raw SQLite load it is
    measured against does (bench/raw_import.py). DDL is transactional: a refused or
    killed import rolls the indexes back with everything else."""
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                         "AND tbl_name = 'entries' AND sql IS NOT NULL ORDER BY name").fetchall()
    for name, _ in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]
