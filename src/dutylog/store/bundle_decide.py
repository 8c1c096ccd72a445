"""Importing a bundle, pass 3: deciding, record by record, what the import will write.

Per record: a new id is added; a known one is replaced only by a later version (ours goes
to history); an equal version changes nothing; an older one is kept out but recorded in
history ('import-older'), so importing A's bundle then B's equals B's then A's. Two
versions that differ at the same `updated_at` are ordered by their content (`canonical`),
so every copy picks the same one. What is decided goes into a `Plan`, written by
bundle_import.py; `decide_sources` settles which entry raised each ledger item, and
`_guard_entry` what a bundle may say about an entry's confirmation and privacy.
"""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

from dutylog.store.bundle_read import Bundle, ImportConflict, ImportSummary
from dutylog.store.bundles import _chunks, _marks
from dutylog.store.db import parse_stamp
from dutylog.store.history import history_row, merge_seen
from dutylog.store.specs import ENTRY, LEDGER, ORDER, SUBJECT, Spec, canonical, content, record_to_row, row_to_record


class Plan:
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


def decide(conn, spec: Spec, bundle: Bundle, items: list[tuple[int, dict]],
           plan: Plan, summary: ImportSummary, source: str,
           subject_names: dict[str, str] | None = None) -> None:
    """Decide each of `items` ((line, record) of one kind) into `plan`, counted in
    `summary`; an entry's confirmation and privacy guarded against `subject_names`."""
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
        subject_names = known_subject_names(conn, bundle) if spec is ENTRY else {}
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
    _decide_older(conn, spec, older, plan, summary, source)


def known_subject_names(conn, bundle: Bundle) -> dict[str, str]:
    """Every subject's name by id: ours, and the bundle's (an entry's `confirmed_by`
    must name its subject)."""
    names = {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM subjects")}
    names.update((rec["id"], rec["name"]) for _, rec in bundle.records["subject"])
    return names


def _decide_older(conn, spec, older, plan, summary, source) -> None:
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


def decide_sources(conn, bundle: Bundle, plan: Plan) -> None:
    """Which diary entry raised each incoming ledger item (its `entry` field), kept in
    ledger_sources. A null never removes a link; when both sides name an entry, the
    winning version's stands (at an equal version, the smaller id), so the outcome
    does not depend on the order bundles are imported in. Runs after `decide`."""
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
