"""Importing a bundle, pass 2: ids, aliases and references.

A subject (or link) that another copy created under its own id — same name (same subject,
type and name) — is mapped to ours through `aliases` instead of duplicated (the new
aliases go into the plan, written with the rest). Every reference must resolve: an
entry's subject and object (the object one of that subject's links), a ledger item's or
trip's subject, a progress note's item, a ledger item's source entry; the first that does
not refuses the bundle, naming the line. `resolve` returns what maps one entry's
references, for the pass that writes the entries (bundle_import.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dutylog.store.bundle_check import staged_entries
from dutylog.store.bundle_decide import Plan
from dutylog.store.bundle_read import Bundle
from dutylog.store.bundles import _chunks, _marks


def resolve(conn, bundle: Bundle, plan: Plan) -> Callable[[int, dict], None]:
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

    for rows in staged_entries(conn, "subject, object"):
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
