"""Listing entries: filters, substring search (Chinese included), ordering and paging.

Functions over a `Database`; the `Entries` repository (entries.py) offers them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.store import chars
from dutylog.store.db import Database
from dutylog.store.records import ENTRY_COLUMNS, row_to_entry, tuple_to_entry

ORDERS = {"date": ("e.date", "e.id"), "updated_at": ("e.updated_at", "e.id"),
          "created_at": ("e.created_at", "e.id")}
_SEARCHED = ("title", "place", "people", "note")


def _day(value: date | str | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InvalidInput(code="query.not_a_date", field=name, given=repr(value)) from None


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: the trigram index then matches it as a substring."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_clause(search: str, char_index: bool = False) -> tuple[str, list[Any]]:
    """SQL matching entries `e` whose title, place, people or note contain `search`,
    ignoring ASCII case: the trigram index for 3+ characters; below that LIKE, on the
    candidates of the one-character index when `char_index` (the caller checked that
    the tokenizer keeps a character of `search`), else on every entry."""
    if len(search) >= 3:
        return ("e.seq IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)",
                [fts_phrase(search)])
    pattern = like_pattern(search)
    like = " OR ".join(f"e.{c} LIKE ? ESCAPE '\\'" for c in _SEARCHED)
    if char_index:
        match = chars.phrase(search)
        if match is not None:
            return (f"e.seq IN (SELECT rowid FROM {chars.TABLE} WHERE {chars.TABLE} MATCH ?) "
                    f"AND ({like})", [match, *[pattern] * len(_SEARCHED)])
    return f"({like})", [pattern] * len(_SEARCHED)


# A kind listed over all subjects is read from (subject, kind, …) subject by subject (the
# IN), each subject's rows already in date order; the planner, left alone, would walk the
# whole date index instead, reading every entry's row to test its kind.
_BY_SUBJECT_KIND = ("entries e INDEXED BY entries_subject_kind_date",
                    "e.subject_id IN (SELECT id FROM subjects)")


def _filters(db: Database, subject_id, kinds, date_from, date_to, search,
             include_deleted) -> tuple[str, str, list[Any]]:
    """The table clause, the WHERE clause and its parameters of a listing of entries `e`."""
    source = "entries e"
    where: list[str] = []
    params: list[Any] = []
    searching = search is not None and bool(search.strip())
    if subject_id is not None:
        where.append("e.subject_id = ?")
        params.append(subject_id)
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        if not kinds:
            where.append("0")
        else:
            if subject_id is None and not searching:
                source, every_subject = _BY_SUBJECT_KIND
                where.append(every_subject)
            where.append(f"e.kind IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
    if date_from is not None:
        where.append("e.date >= ?")
        params.append(_day(date_from, "date_from"))
    if date_to is not None:
        where.append("e.date <= ?")
        params.append(_day(date_to, "date_to"))
    if searching:
        search = search.strip()
        with db.lock:
            try:
                indexed = len(search) < 3 and chars.has_tokens(db.conn, search)
            except sqlite3.Error as exc:
                raise db.translate(exc) from exc
        sql, values = search_clause(search, indexed)
        where.append(sql)
        params.extend(values)
    if not include_deleted:
        # with a search, `+` keeps the planner from walking the date index row by row
        # instead of starting from the (few) matches
        where.append("+e.deleted = 0" if searching else "e.deleted = 0")
    return source, (" WHERE " + " AND ".join(where)) if where else "", params


def query_entries(
    db: Database, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
    date_from: date | str | None = None, date_to: date | str | None = None,
    search: str | None = None, include_deleted: bool = False, order: str = "date",
    desc: bool = False, limit: int | None = None, offset: int = 0,
    after: tuple[date | str, str] | None = None,
) -> list[Entry]:
    """Entries matching every filter given, ordered by `order` then id.
    Paging: `limit`/`offset`, or keyset `after=(value, id)` of the last row shown
    (faster deep in a long list; with order="date" the value is the date)."""
    if order not in ORDERS:
        raise InvalidInput(code="query.order", given=repr(order), accepted=list(ORDERS))
    source, where, params = _filters(db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted)
    first, second = ORDERS[order]
    if after is not None:
        value, last_id = after
        if isinstance(value, date):
            value = value.isoformat()
        where += (" AND " if where else " WHERE ")
        where += f"({first}, {second}) {'<' if desc else '>'} (?, ?)"
        params += [value, last_id]
    direction = "DESC" if desc else "ASC"
    order_by = f" ORDER BY {first} {direction}, {second} {direction}"
    if limit is None and not offset:
        sql = f"SELECT e.* FROM {source}{where}{order_by}"
    else:
        # Page over the narrow (date, id, seq) keys first, then read only the rows shown:
        # skipping deep into the list never loads or sorts whole rows.
        sql = (f"SELECT e.* FROM (SELECT e.seq AS seq FROM {source}{where}{order_by} "
               f"LIMIT ? OFFSET ?) AS page JOIN entries e ON e.seq = page.seq{order_by}")
        params += [-1 if limit is None else int(limit), int(offset)]
    return [row_to_entry(r) for r in db.rows(sql, params)]


# The columns of an entry's record (CONTRACT "Merge bundles", then `entries --json`'s
# names), in the order `entry_records` reads them.
_RECORD_COLUMNS = ("e.id, e.subject_id, e.kind, e.date, e.days, e.four_no, e.title, e.place, "
               "e.people, e.note, e.object_id, e.recorded_by, e.updated_at, e.deleted, "
               "e.appeared, e.patrol, e.confirmed_by, e.sensitive, e.extra, s.name, l.name")
# what a listing's columns may read besides the entry: its subject `s` and object `l`
_NAMES = " JOIN subjects s ON s.id = e.subject_id LEFT JOIN links l ON l.id = e.object_id"


def entry_records(
    db: Database, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
    date_from: date | str | None = None, date_to: date | str | None = None,
    search: str | None = None, include_deleted: bool = False, limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """What `entries --json` prints, oldest first, straight from the rows: each entry's
    record (`records.entry_to_record` of its Entry, with subject and object names) made
    without the Entry in between, and streamed — a county's subject lists 9,000 entries
    in a fraction of the time and in flat memory (issue 14 §7)."""
    for row in _listed(db, _RECORD_COLUMNS, subject_id, kinds, date_from, date_to, search,
                       include_deleted, limit):
        yield _record(row)


def _listed(db: Database, columns: str, subject_id: str | None, kinds: Iterable[str] | str | None,
            date_from: date | str | None, date_to: date | str | None, search: str | None,
            include_deleted: bool, limit: int | None) -> Iterator[tuple[Any, ...]]:
    """The `columns` of entries `e` and their names (`_NAMES`) matching the filters, oldest
    first, streamed: what `entry_records`, `entry_lines` and `entry_record_texts` read."""
    source, where, params = _filters(db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted)
    sql = f"SELECT {columns} FROM {source}{_NAMES}{where} ORDER BY e.date ASC, e.id ASC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return db.stream(sql, params)


LINE_FIELDS = ("id", "date", "subject_name", "kind", "four_no", "days", "place", "title",
               "object_name", "note", "deleted", "recorded_by")


def entry_lines(
    db: Database, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
    date_from: date | str | None = None, date_to: date | str | None = None,
    search: str | None = None, include_deleted: bool = False, limit: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The lines of `entries`' table: the entries of `entry_records`, in its order, each a
    tuple of `LINE_FIELDS` only (no record made: a county's search lists 2,500)."""
    return _listed(db, _LINE_COLUMNS, subject_id, kinds, date_from, date_to, search,
                   include_deleted, limit)


_LINE_COLUMNS = ("e.id, e.date, s.name, e.kind, e.four_no, e.days, e.place, e.title, "
             "CASE WHEN e.object_id IS NOT NULL THEN l.name END, e.note, e.deleted, e.recorded_by")


def _record(row: tuple[Any, ...]) -> dict[str, Any]:
    """The record of one `_RECORD_COLUMNS` row."""
    (id_, subject_id, kind, day, days, four_no, title, place, people, note, object_id,
     recorded_by, updated_at, deleted, appeared, patrol, confirmed_by, sensitive, extra,
     subject_name, object_name) = row
    record = {
        "type": "entry", "id": id_, "subject": subject_id, "kind": kind, "date": day,
        "days": None if days is None else float(days), "four_no": bool(four_no),
        "title": title, "place": place, "people": people, "note": note,
        "object": object_id, "recorded_by": recorded_by or "", "updated_at": updated_at,
        "deleted": bool(deleted), "appeared": None if appeared is None else bool(appeared),
        "patrol": patrol, "confirmed_by": confirmed_by, "sensitive": bool(sensitive)}
    more = json.loads(extra) if extra else None
    if isinstance(more, dict):
        for key in sorted(more):
            record.setdefault(key, more[key])
    record["subject_name"] = subject_name
    record["object_name"] = object_name if object_id else None
    return record


def _json_bool(column: str) -> str:
    return f"CASE WHEN {column} THEN json('true') ELSE json('false') END"


# `entries --json`'s record of a row as SQLite's JSON text: the keys in entry_records'
# order; an entry with extra fields (rare: kind-specific fields a bundle brought) is made
# in Python instead, as its extra keys go between the fields and the names.
_RECORD_JSON_COLUMNS = (
    "CASE WHEN e.extra IS NULL THEN json_object("
    "'type', 'entry', 'id', e.id, 'subject', e.subject_id, 'kind', e.kind, 'date', e.date, "
    "'days', e.days, 'four_no', " + _json_bool("e.four_no") + ", 'title', e.title, "
    "'place', e.place, 'people', e.people, 'note', e.note, 'object', e.object_id, "
    "'recorded_by', coalesce(e.recorded_by, ''), 'updated_at', e.updated_at, "
    "'deleted', " + _json_bool("e.deleted") + ", 'appeared', CASE WHEN e.appeared IS NULL "
    "THEN NULL ELSE " + _json_bool("e.appeared") + " END, 'patrol', e.patrol, "
    "'confirmed_by', e.confirmed_by, 'sensitive', " + _json_bool("e.sensitive") + ", "
    "'subject_name', s.name, 'object_name', CASE WHEN e.object_id IS NULL THEN NULL "
    "ELSE l.name END) END, e.seq")


def entry_record_texts(
    db: Database, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
    date_from: date | str | None = None, date_to: date | str | None = None,
    search: str | None = None, include_deleted: bool = False, limit: int | None = None,
) -> Iterator[str]:
    """`entry_records`, each as its JSON text (compact, not ASCII-escaped), made by
    SQLite's JSON functions: the same JSON values at a third of the cost of building and
    encoding each record in Python (a county subject's 9,000 entries, issue 14 §7)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for text, seq in _listed(db, _RECORD_JSON_COLUMNS, subject_id, kinds, date_from, date_to,
                             search, include_deleted, limit):
        if text is None:  # extra fields: the record made in Python
            row = db.row(f"SELECT {_RECORD_COLUMNS} FROM entries e{_NAMES} WHERE e.seq = ?",
                         (seq,))
            text = encode(_record(tuple(row)))
        yield text


def count_entries(
    db: Database, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
    date_from: date | str | None = None, date_to: date | str | None = None,
    search: str | None = None, include_deleted: bool = False, **_ignored,
) -> int:
    """How many entries `query_entries` with the same filters would list."""
    source, where, params = _filters(db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted)
    return int(db.rows(f"SELECT count(*) FROM {source}{where}", params)[0][0])


def entries_in_range(db: Database, subject_id: str, start: date, end: date) -> list[Entry]:
    """The subject's non-deleted entries dated start..end (inclusive), by date.
    Uses the (subject_id, date) index only: no other subject or year is read."""
    rows = db.tuples(
        f"SELECT {ENTRY_COLUMNS} FROM entries INDEXED BY entries_subject_date "
        "WHERE subject_id = ? AND date >= ? AND date <= ? AND deleted = 0 "
        "ORDER BY date, id", (subject_id, _day(start, "start"), _day(end, "end")))
    return [tuple_to_entry(r) for r in rows]
