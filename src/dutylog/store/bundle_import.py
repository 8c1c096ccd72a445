"""Merging a bundle into the database: all or nothing, later `updated_at` wins.

Per record: a new id is added; a known one is replaced only by a later version (ours goes
to history); an equal version changes nothing; an older one is kept out but recorded in
history ('import-older'), so importing A's bundle then B's equals B's then A's. A subject
(or link) that another copy created under its own id — same name (same subject, type and
name) — is mapped to ours through `aliases` instead of duplicated.
"""

from __future__ import annotations

import json
import marshal
import os
from datetime import datetime, timedelta, UTC
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from dutylog.domain.errors import BundleError
from dutylog.store import chars
from dutylog.textsafe import clean_name
from dutylog.store.bundle_read import (Bundle, ImportConflict, ImportSummary, RecordCheck, duplicate,
                                       open_bundle)
from dutylog.store.bundles import _chunks, _marks
from dutylog.store.db import Database, parse_stamp
from dutylog.store.history import history_row, keep_history, merge_seen
from dutylog.store.migrations import FTS_INSERT_TRIGGER
from dutylog.store.specs import (ENTRY, LEDGER, ORDER, SPECS, SUBJECT, Spec, canonical, content,
                                 record_to_row, row_to_record)

Progress = Callable[[int, int], None]
BATCH = 5000
SOURCE_MAX = 200  # the header's source kept, at most (once per import)
SOURCE_LABEL = 40  # its part written as each record's changed_by
BULK_FTS = 2000  # from this many new entries, index them in bulk after inserting them


class _Plan:
    """What one import will write, decided before any write."""

    def __init__(self) -> None:
        self.inserts: dict[str, list[dict]] = {t: [] for t in ORDER}
        self.updates: dict[str, list[dict]] = {t: [] for t in ORDER}
        self.seen: dict[str, list[tuple]] = {t: [] for t in ORDER}
        self.history: list[tuple] = []
        self.aliases: list[tuple[str, str, str]] = []
        self.sources: list[tuple[str, str]] = []  # ledger_sources (item, entry) to write


def _label(spec: Spec, key: str, record: dict) -> str:
    """What names a record in a conflict line, beside its type (worded at the edge)."""
    if spec is ENTRY:
        return f"{key[:8]} {record['date']} {record['kind']}"
    if "name" in record and record["name"]:
        return str(record["name"])
    return key[:8]


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
                _staging(conn)
                self._check(conn, bundle, validate_record)
                source = self._source(conn, bundle.header.get("source"))
                plan = _Plan()
                refs = self._resolve(conn, bundle, plan)
                for kind in ORDER:
                    if kind != ENTRY.type:
                        self._decide(conn, SPECS[kind], bundle, bundle.records[kind], plan,
                                     summaries[kind], source)
                self._decide_sources(conn, bundle, plan)
                self._write(conn, bundle, plan, refs, source, summaries[ENTRY.type],
                            progress)
        finally:
            if not conn.in_transaction:
                conn.execute("DROP TABLE IF EXISTS temp.import_ids")
                conn.execute("DROP TABLE IF EXISTS temp.import_entries")
        summary = ImportSummary()
        for part in summaries.values():
            summary.added += part.added
            summary.updated += part.updated
            summary.unchanged += part.unchanged
            summary.older_kept += part.older_kept
            summary.conflicts += part.conflicts
        return summary

    def _check(self, conn, bundle: Bundle, validate_record: RecordCheck | None) -> None:
        """Every record parsed and checked, the first bad line refused; a duplicate
        refused naming both lines; then (as before streaming) the first stamp from the
        future, by type then line. Keeps the small kinds in `bundle.records`, not the
        entries."""
        first_line: dict[tuple[str, str], int] = {}
        # entries not yet staged: (id, line, subject, object, the record marshalled)
        pending: list[tuple[str, int, str, str | None, bytes]] = []

        def flush() -> None:
            found: dict[str, int] = {}
            for chunk in _chunks([item[0] for item in pending]):
                found.update(conn.execute(
                    f"SELECT id, line FROM temp.import_ids WHERE id IN ({_marks(chunk)})",
                    chunk).fetchall())
            for key, number, *_ in pending:
                if key in found:
                    raise bundle.fail(number, duplicate(ENTRY.type, key, found[key]))
                found[key] = number
            conn.executemany("INSERT INTO temp.import_ids(id, line) VALUES (?, ?)",
                             [item[:2] for item in pending])
            conn.executemany("INSERT INTO temp.import_entries(line, subject, object, record) "
                             "VALUES (?, ?, ?, ?)", [item[1:] for item in pending])
            pending.clear()

        now = max(parse_stamp(self.db.timestamp()), datetime.now(UTC))
        limit = now + timedelta(days=1)
        rank = {kind: i for i, kind in enumerate(ORDER)}
        future: tuple[int, int, str] | None = None
        counts = bundle.counts
        try:
            for number, kind, rec in bundle.iter_records(validate_record):
                stamp = rec.get("updated_at")
                if stamp and (future is None or (rank[kind], number) < future[:2]) \
                        and parse_stamp(stamp) > limit:
                    future = (rank[kind], number, stamp)
                key = rec[SPECS[kind].key]
                if kind == ENTRY.type:
                    counts[kind] = counts.get(kind, 0) + 1
                    pending.append((key, number, rec["subject"], rec["object"],
                                    marshal.dumps(rec)))
                    if len(pending) >= BATCH:
                        flush()
                    continue
                if (kind, key) in first_line:
                    raise bundle.fail(number, duplicate(kind, key, first_line[kind, key]))
                first_line[kind, key] = number
                bundle.records[kind].append((number, rec))
        except BundleError:
            flush()  # a duplicate entry on an earlier line is the first bad line
            raise
        flush()
        if future is not None:
            _, number, stamp = future
            raise bundle.fail(number, code="bundle.stamp_ahead", field="updated_at", given=stamp,
                              clock=f"{limit:%Y-%m-%d}")

    def _entries(self, conn, columns: str = "record"):
        """The staged entries in line order, BATCH at a time (read by key, so the writes
        in between do not disturb the reading)."""
        last = 0
        while rows := conn.execute(f"SELECT line, {columns} FROM temp.import_entries "
                                   f"WHERE line > ? ORDER BY line LIMIT {BATCH}",
                                   (last,)).fetchall():
            last = rows[-1][0]
            yield rows

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

    # ---- ids: aliases and references --------------------------------------------------
    def _resolve(self, conn, bundle: Bundle, plan: _Plan) -> Callable[[int, dict], None]:
        """Map foreign subject/link ids to ours and check every reference resolves (the
        entries' streamed, BATCH at a time). Returns what resolves one entry's
        references, for the pass that writes them."""
        alias = dict(conn.execute("SELECT foreign_id, local_id FROM aliases").fetchall())
        subjects = {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM subjects")}
        by_name = {name: sid for sid, name in subjects.items()}
        smap: dict[str, str] = {}
        for number, rec in bundle.records["subject"]:
            foreign = rec["id"]
            local = alias.get(foreign, foreign)
            if local not in subjects and rec["name"] in by_name:
                local = by_name[rec["name"]]
                plan.aliases.append((foreign, local, "subject"))
            elif local not in subjects:
                by_name[rec["name"]] = local
            if local in smap.values():
                raise bundle.fail(number, code="bundle.subject_twice", name=rec["name"])
            smap[foreign] = local
            rec["id"] = local
        known_subjects = set(subjects) | set(smap.values())

        def subject(number: int, foreign: str) -> str:
            local = smap.get(foreign) or alias.get(foreign, foreign)
            if local not in known_subjects:
                raise bundle.fail(number, code="bundle.subject_unknown", field="subject", id=foreign)
            return local

        links: dict[str, Any] = {}
        triples: dict[tuple, list[str]] = {}
        for r in conn.execute("SELECT id, subject_id, link_type, name, until FROM links "
                              "WHERE deleted = 0 ORDER BY until IS NOT NULL, created_at"):
            links[r["id"]] = r["subject_id"]
            triples.setdefault((r["subject_id"], r["link_type"], r["name"]), []).append(r["id"])
        for r in conn.execute("SELECT id, subject_id FROM links WHERE deleted = 1"):
            links[r["id"]] = r["subject_id"]
        incoming = {rec["id"] for _, rec in bundle.records["link"]}
        lmap: dict[str, str] = {}
        for number, rec in bundle.records["link"]:
            rec["subject"] = subject(number, rec["subject"])
            local = alias.get(rec["id"], rec["id"])
            if local not in links:
                taken = incoming | set(lmap.values())
                free = [c for c in triples.get((rec["subject"], rec["link_type"], rec["name"]),
                                               []) if c not in taken]
                if free:
                    local = free[0]
                    plan.aliases.append((rec["id"], local, "link"))
            if local in lmap.values():
                raise bundle.fail(number, code="bundle.link_twice", name=rec["name"])
            lmap[rec["id"]] = local
            rec["id"] = local
            links.setdefault(local, rec["subject"])

        def entry(number: int, rec: dict) -> None:
            rec["subject"] = subject(number, rec["subject"])
            if rec["object"] is not None:
                obj = lmap.get(rec["object"]) or alias.get(rec["object"], rec["object"])
                if obj not in links:
                    raise bundle.fail(number, code="bundle.object_unknown", field="object",
                                      id=rec["object"])
                if links[obj] != rec["subject"]:
                    raise bundle.fail(number, code="bundle.object_elsewhere", field="object",
                                      id=rec["object"])
                rec["object"] = obj

        for rows in self._entries(conn, "subject, object"):
            for number, foreign, obj in rows:
                entry(number, {"subject": foreign, "object": obj})
        for kind in ("ledger", "trip"):
            for number, rec in bundle.records[kind]:
                rec["subject"] = subject(number, rec["subject"])
        items = {rec["id"] for _, rec in bundle.records["ledger"]}
        wanted = sorted({rec["item"] for _, rec in bundle.records["ledger_progress"]} - items)
        for chunk in _chunks(wanted):
            items.update(r[0] for r in conn.execute(
                f"SELECT id FROM ledger_items WHERE id IN ({_marks(chunk)})", chunk))
        for number, rec in bundle.records["ledger_progress"]:
            if rec["item"] not in items:
                raise bundle.fail(number, code="bundle.item_unknown", field="item", id=rec["item"])
        sources = {rec["entry"] for _, rec in bundle.records["ledger"]
                   if rec["entry"] is not None}
        bundled: set[str] = set()
        for chunk in _chunks(sorted(sources)):
            for table in ("temp.import_ids", "entries"):
                bundled.update(r[0] for r in conn.execute(
                    f"SELECT id FROM {table} WHERE id IN ({_marks(chunk)})", chunk))
        for number, rec in bundle.records["ledger"]:
            if rec["entry"] is not None and rec["entry"] not in bundled:
                raise bundle.fail(number, code="bundle.entry_unknown", field="entry", id=rec["entry"])
        return entry

    def _decide_sources(self, conn, bundle: Bundle, plan: _Plan) -> None:
        """Which diary entry raised each incoming ledger item (its `entry` field), kept in
        ledger_sources. A null never removes a link; when both sides name an entry, the
        winning version's stands (at an equal version, the smaller id), so the outcome
        does not depend on the order bundles are imported in. Runs after `_decide`."""
        given = [(rec, rec["entry"]) for _, rec in bundle.records["ledger"]
                 if rec["entry"] is not None]
        if not given:
            return
        won = {row["id"] for row in plan.inserts["ledger"]}
        won.update(row["id"] for row in plan.updates["ledger"])
        ours: dict[str, Any] = {}
        keys = [rec["id"] for rec, _ in given]
        for chunk in _chunks(keys):
            for row in conn.execute(
                    "SELECT i.*, s.entry_id AS source FROM ledger_items i LEFT JOIN "
                    "ledger_sources s ON s.item_id = i.id "
                    f"WHERE i.id IN ({_marks(chunk)})", chunk):
                ours[row["id"]] = row
        stray: dict[str, str] = {}  # a source row whose item is not (yet) here
        missing = [k for k in keys if k not in ours]
        for chunk in _chunks(missing):
            stray.update(conn.execute(
                f"SELECT item_id, entry_id FROM ledger_sources WHERE item_id IN "
                f"({_marks(chunk)})", chunk).fetchall())
        for rec, theirs in given:
            key = rec["id"]
            old = ours.get(key)
            current = old["source"] if old is not None else stray.get(key)
            if current == theirs:
                continue
            if current is None or key in won:
                chosen = theirs
            elif parse_stamp(rec["updated_at"]) == parse_stamp(old["updated_at"]) \
                    and content(LEDGER, record_to_row(LEDGER, rec)) == content(LEDGER, old):
                chosen = min(current, theirs)
            else:
                chosen = current  # ours is the later (or the tie-break's) version
            if chosen != current:
                plan.sources.append((key, chosen))

    # ---- deciding, record by record -----------------------------------------------------
    def _decide(self, conn, spec: Spec, bundle: Bundle, items: list[tuple[int, dict]],
                plan: _Plan, summary: ImportSummary, source: str,
                subject_names: dict[str, str] | None = None) -> None:
        if not items:
            return
        cols = spec.columns
        width, at = len(cols), cols.index("updated_at")
        values = itemgetter(*cols)
        select = ", ".join([*cols, "seen", *(("changed_by", "change_reason") if spec.meta else ())])
        existing: dict[str, Any] = {}
        keys = [rec[spec.key] for _, rec in items]
        for chunk in _chunks(keys):
            for row in conn.execute(f"SELECT {select} FROM {spec.table} WHERE {spec.key} IN "
                                    f"({_marks(chunk)})", chunk):
                existing[row[spec.key]] = row
        names = ({r["name"]: r["id"] for r in conn.execute("SELECT id, name FROM subjects")}
                 if spec is SUBJECT else {})
        older = []
        if subject_names is None:
            subject_names = self._subject_names(conn, bundle) if spec is ENTRY else {}
        for number, rec in items:
            key = rec[spec.key]
            old = existing.get(key)
            if spec is ENTRY:
                _guard_entry(rec, old, subject_names)
            new = record_to_row(spec, rec)
            if old is None:
                new["seen"] = merge_seen(rec["seen"])
                plan.inserts[spec.type].append(new)
                summary.added += 1
                continue
            new_v, old_v = values(new), tuple(old)[:width]
            if rec["updated_at"] == old["updated_at"]:
                same = new_v == old_v  # fast path: re-importing what we have
                tie = True
            else:
                same = new_v[:at] + new_v[at + 1:] == old_v[:at] + old_v[at + 1:]
                tie = parse_stamp(rec["updated_at"]) == parse_stamp(old["updated_at"])
            if tie and same:
                summary.unchanged += 1
                seen = merge_seen(old["seen"], rec["seen"])
                if seen != old["seen"]:
                    plan.seen[spec.type].append((seen, key))
                continue
            wins = (canonical(spec, new) > canonical(spec, old) if tie
                    else parse_stamp(rec["updated_at"]) > parse_stamp(old["updated_at"]))
            if wins:
                if spec is SUBJECT and names.get(new["name"], key) != key:
                    raise bundle.fail(number, code="bundle.name_taken", field="name", name=new["name"])
                summary.updated += 1
                if spec.history:
                    plan.history.append(history_row(spec, old))
                new["seen"] = merge_seen(rec["seen"], old["seen"], old["updated_at"])
                plan.updates[spec.type].append(new)
                if not same and (tie or old["updated_at"] not in rec["seen"]):
                    summary.conflicts.append(ImportConflict(
                        spec.type, _label(spec, key, rec), True, old["updated_at"], rec["updated_at"]))
            else:
                summary.older_kept += 1
                older.append((rec, new, old, same, tie))
        self._decide_older(conn, spec, older, plan, summary, source)

    def _subject_names(self, conn, bundle: Bundle) -> dict[str, str]:
        names = {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM subjects")}
        names.update((rec["id"], rec["name"]) for _, rec in bundle.records["subject"])
        return names

    def _decide_older(self, conn, spec, older, plan, summary, source) -> None:
        """Incoming versions older than ours: ours stays; theirs joins our history once."""
        if not older:
            return
        known: dict[str, set[str]] = {}
        if spec.history:
            keys = [rec[spec.key] for rec, *_ in older]
            for chunk in _chunks(keys):
                for rid, stamp in conn.execute(
                        "SELECT record_id, json_extract(version, '$.updated_at') FROM history "
                        f"WHERE record_type = ? AND record_id IN ({_marks(chunk)})",
                        [spec.history, *chunk]):
                    known.setdefault(rid, set()).add(stamp)
        for rec, new, old, same, tie in older:
            key = rec[spec.key]
            stamp = rec["updated_at"]
            if spec.history and stamp not in known.get(key, ()):
                version = json.dumps(row_to_record(spec, new), ensure_ascii=False)
                plan.history.append((spec.history, key, version, source, stamp,
                                     "import-older"))
                known.setdefault(key, set()).add(stamp)
            ours_seen = json.loads(old["seen"]) if old["seen"] else []
            if not same and (tie or stamp not in ours_seen):
                summary.conflicts.append(ImportConflict(
                    spec.type, _label(spec, key, rec), False, old["updated_at"], stamp))
            seen = merge_seen(old["seen"], rec["seen"], stamp)
            if seen != old["seen"]:
                plan.seen[spec.type].append((seen, key))

    # ---- writing ---------------------------------------------------------------------------
    def _write(self, conn, bundle: Bundle, plan: _Plan, refs: Callable[[int, dict], None],
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
            names = self._subject_names(conn, bundle)
            bulk = bundle.counts.get(ENTRY.type, 0) >= BULK_FTS
            rebuilt: list[str] = []
            if bulk:
                first = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
                conn.execute("DROP TRIGGER entries_fts_insert")
                conn.execute(f"DROP TRIGGER {chars.TABLE}_insert")
                if bundle.counts[ENTRY.type] >= first:
                    rebuilt = _drop_entry_indexes(conn)
            for rows in self._entries(conn):
                batch = [(number, marshal.loads(record)) for number, record in rows]
                for number, rec in batch:
                    refs(number, rec)
                part = _Plan()
                self._decide(conn, ENTRY, bundle, batch, part, summary, source, names)
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

    def _write_kind(self, conn, spec: Spec, plan: _Plan, rev: int, now: str, source: str,
                    total: int, done: list[int], progress: Progress | None) -> None:
        kind = spec.type
        data = [*spec.columns, "seen"]
        fixed = ("rev", "changed_by", "change_reason") if spec.meta else ("rev",)
        values = (rev, source, "import") if spec.meta else (rev,)
        created = ("created_at",) if spec.meta else ()
        cols = [*data, *fixed, *created]
        insert = (f"INSERT INTO {spec.table} ({', '.join(cols)}) "
                  f"VALUES ({', '.join('?' * len(cols))})")
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


def _staging(conn) -> None:
    """Temporary tables (SQLite's temporary file, not memory) for one import: the
    entries' ids (duplicates, ledger sources) and the entries themselves, checked and
    parsed once, read back BATCH at a time (`marshal`: the fastest encoding of the plain
    dicts `parse_record` makes; only this connection writes and reads the table)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_ids "
                 "(id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_entries "
                 "(line INTEGER PRIMARY KEY, subject TEXT, object TEXT, record BLOB)")
    conn.execute("PRAGMA temp.cache_size = -32768")  # 32 MiB: the ids' B-tree in memory
    conn.execute("DELETE FROM temp.import_ids")
    conn.execute("DELETE FROM temp.import_entries")


def _guard_entry(rec: dict, ours: Any, subject_names: dict[str, str]) -> None:
    """What a bundle may say about an entry's confirmation and privacy (issue 12, finding
    7: a bundle set `confirmed_by`, bypassing `confirm`, and cleared `sensitive`).

    The incoming version keeps its `confirmed_by` and a cleared `sensitive` only when its
    history agrees: it was made on top of our current version (our `updated_at` is in its
    `seen`), or, for an entry new here, it has a history at all (a confirmation is a
    change after the entry was recorded, so it arrives with `seen`); and `confirmed_by`
    must name the entry's subject, as `confirm` requires. Otherwise ours stands: the
    confirmation we have (or none), and `sensitive` once set stays set. Marking an entry
    sensitive is always accepted."""
    seen = rec.get("seen") or []
    if ours is None:
        agrees = bool(seen)
        our_confirmed, our_sensitive = None, False
    else:
        agrees = ours["updated_at"] in seen
        our_confirmed, our_sensitive = ours["confirmed_by"], bool(ours["sensitive"])
    confirmed = rec.get("confirmed_by")
    forged = confirmed is not None and confirmed != subject_names.get(rec["subject"])
    if confirmed != our_confirmed and (not agrees or forged):
        rec["confirmed_by"] = our_confirmed
    if our_sensitive and not rec.get("sensitive") and not agrees:
        rec["sensitive"] = True
