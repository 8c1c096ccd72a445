"""`Bundles`: the repository of merge bundles (CONTRACT "Merge bundles"). Writing them is
here; reading is in bundle_read.py, merging in bundle_import.py (its passes in bundle_check.py,
bundle_resolve.py and bundle_decide.py), imported when a bundle is imported.

A bundle is UTF-8 JSON Lines: a header stating `records`, the records (subjects, links,
entries, ledger items and their progress, trips, holidays — references before the records
that use them), then `{"type": "end", "sha256": H}` over the exact bytes of every line
before it. Records carry one extension field, `seen` (omitted when empty): the timestamps
of earlier versions the writer knew, which lets an import tell an update from a conflict.
Ledger records also carry `entry`: the diary entry that raised the item (ledger_sources),
or null; that entry goes along even when the selection left it out (null instead when it
is sensitive and sensitive entries are not exported).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylog.domain.errors import InvalidInput
from dutylog.store.db import Database, parse_stamp
from dutylog.store.queries import _day
from dutylog.store.specs import ENTRY, HOLIDAY, LEDGER, LINK, PROGRESS, SUBJECT, TRIP, Spec, \
    row_to_record
from dutylog.store.subjects import Subjects

if TYPE_CHECKING:
    from dutylog.store.bundle_import import Progress
    from dutylog.store.bundle_read import ImportSummary, RecordCheck

FORMAT = "dutylog-bundle"
VERSION = 1


def dump_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _line(spec: Spec, row: Any, sources: dict[str, str | None] | None = None) -> bytes:
    record = row_to_record(spec, row)
    if sources is not None:  # a ledger item: the diary entry that raised it, or null
        record["entry"] = sources.get(row["id"])
    if row["seen"]:
        record["seen"] = json.loads(row["seen"])
    return dump_line(record)


def _mark_key(to: str, subject_id: str | None, include_sensitive: bool) -> str:
    """Marks are kept per destination and selection, so a narrower export to the same
    place never hides changes from a wider one."""
    key = to
    if subject_id:
        key += f" subject={subject_id}"
    if include_sensitive:
        key += " +sensitive"
    return key


class Bundles:
    """Export and import of merge bundles over one `Database`."""

    def __init__(self, db: Database, subjects: Subjects) -> None:
        self.db = db
        self.subjects = subjects

    def import_bundle(self, path: str | os.PathLike, validate_record: RecordCheck | None = None,
                      progress: Progress | None = None) -> ImportSummary:
        """Merge the bundle at `path`, all or nothing (see bundle_import.py). SQLite's
        automatic checkpoint is off meanwhile: copying the pages back into a large file
        is left to the close, which hands it over to a job (store/checkpoint_job.py)."""
        from dutylog.store import checkpoint_job
        from dutylog.store.bundle_import import import_bundle

        try:  # a large import into a large file: the job that copies it back, started now
            checkpoint_job.start_early(self.db.home, Path(path).stat().st_size)
        except OSError:
            pass  # (no such file: refused below, in the usual words)
        with self.db.lock:
            conn = self.db.conn
            before = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            sync = conn.execute("PRAGMA synchronous").fetchone()[0]
            conn.execute("PRAGMA wal_autocheckpoint=0")
            # the import's commit synced to disk (WAL mode's NORMAL syncs only at a
            # checkpoint, which the job does later: a power cut meanwhile must not lose it)
            conn.execute("PRAGMA synchronous=FULL")
        try:
            return import_bundle(self.db, path, validate_record, progress)
        finally:
            with self.db.lock:
                conn.execute(f"PRAGMA wal_autocheckpoint={int(before)}")
                conn.execute(f"PRAGMA synchronous={int(sync)}")
            checkpoint_job.writes_done(self.db.home)

    def export_bundle(
        self, path: str | os.PathLike, subject_id: str | None = None,
        since: date | str | None = None, source: str | None = None,
        include_sensitive: bool = False, to: str | None = None,
    ) -> int:
        """Write a bundle to `path` (atomically: a temp file in the same folder, renamed);
        return how many records it holds. `since`: activities on or after that day (an
        entry's date, a ledger item's opening, a report's date, a trip's return, a
        holiday entry's day; subjects and links are not dated and always go along); `to`: only what changed since the last export to
        that name (remembered once the file is written). Referenced subjects and links
        are always included, and so are the diary entries that raised the ledger items
        (unless sensitive and not asked for)."""
        path = Path(path)
        since_s = _day(since, "since")
        if subject_id is not None:
            subject_id = self.subjects.get_subject(subject_id).id
        mark_key = _mark_key(to, subject_id, include_sensitive) if to else None
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise InvalidInput(code="export.no_folder", field="path", path=path, folder=folder)
        try:
            body_fd, body_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.",
                                                  suffix=".body")
        except OSError as exc:
            raise InvalidInput(code="export.folder_unwritable", folder=folder,
                               why=exc.strerror or exc) from exc
        final_name = None
        try:
            with os.fdopen(body_fd, "w+b") as body:
                with self.db.lock:
                    snapshot = not self.db.in_transaction
                    if snapshot:
                        self.db.conn.execute("BEGIN")
                    try:
                        parts, last_rev, last_stamp = self._collect(
                            body, subject_id, since_s, include_sensitive, mark_key)
                    finally:
                        if snapshot and self.db.conn.in_transaction:
                            self.db.conn.execute("COMMIT")
                count = sum(n for n, _ in parts.values())
                final_name = self._write_final(folder, path, body, parts, source)
            os.replace(final_name, path)
            final_name = None
        except PermissionError as exc:  # on Windows: open in another program
            raise InvalidInput(code="export.in_use", path=path, why=exc.strerror or exc) from exc
        except OSError as exc:
            raise InvalidInput(code="export.unwritable", path=path, why=exc.strerror or exc) from exc
        finally:
            for name in (body_name, final_name):
                if name:
                    try:
                        os.unlink(name)
                    except OSError:
                        pass
        if mark_key is not None and count:
            with self.db.transaction() as conn:
                conn.execute(
                    "INSERT INTO export_marks(destination, last_updated_at, last_rev) "
                    "VALUES (?, ?, ?) ON CONFLICT(destination) DO UPDATE SET "
                    "last_updated_at = excluded.last_updated_at, last_rev = excluded.last_rev",
                    (mark_key, last_stamp, last_rev))
        return count

    def _collect(self, body, subject_id, since_s, include_sensitive, mark_key):
        """Select the records (entries streamed to `body`, the rest as lines in memory)."""
        conn = self.db.conn
        mark = 0
        if mark_key is not None:
            row = conn.execute("SELECT last_rev FROM export_marks WHERE destination = ?",
                               (mark_key,)).fetchone()
            mark = row[0] if row else 0
        row = conn.execute("SELECT value FROM counters WHERE name = 'rev'").fetchone()
        last_rev = row[0] if row else 0

        def where(spec: Spec, subject_col: str | None, p: str = "",
                  day_col: str | None = None) -> tuple[str, list]:
            clauses, params = [], []
            if subject_id is not None and subject_col is not None:
                clauses.append(f"{subject_col} = ?")
                params.append(subject_id)
            if since_s is not None and day_col is not None:
                clauses.append(f"{p}{day_col} >= ?")
                params.append(since_s)
            if mark:
                clauses.append(f"{p}rev > ?")
                params.append(mark)
            if spec is ENTRY and not include_sensitive:
                clauses.append("sensitive = 0")
            return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

        stamps: list[str] = []
        subjects: set[str] = set()
        links: set[str] = set()
        sql, params = where(ENTRY, "subject_id", day_col="date")
        n_entries = 0
        entry_ids: set[str] = set()
        for row in conn.execute(f"SELECT * FROM entries{sql} ORDER BY seq", params):
            body.write(_line(ENTRY, row))
            n_entries += 1
            entry_ids.add(row["id"])
            subjects.add(row["subject_id"])
            if row["object_id"]:
                links.add(row["object_id"])
            if mark_key is not None:
                stamps.append(row["updated_at"])

        def lines(spec: Spec, sql: str, params: list) -> tuple[list[bytes], list]:
            rows = conn.execute(sql, params).fetchall()
            for row in rows:
                stamps.append(row["updated_at"])
                if "subject_id" in row.keys():
                    subjects.add(row["subject_id"])
            return [_line(spec, r) for r in rows], rows

        sql, params = where(LEDGER, "subject_id", day_col="opened")
        ledger_rows = conn.execute(f"SELECT * FROM ledger_items{sql} ORDER BY opened, id",
                                   params).fetchall()
        for row in ledger_rows:
            stamps.append(row["updated_at"])
            subjects.add(row["subject_id"])
        sql, params = where(PROGRESS, "i.subject_id", "p.", day_col="date")
        progress, progress_rows = lines(
            PROGRESS, "SELECT p.* FROM ledger_progress p JOIN ledger_items i ON i.id = p.item_id"
            f"{sql} ORDER BY p.date, p.id", params)
        have = {r["id"] for r in ledger_rows}
        needed = sorted({r["item_id"] for r in progress_rows} - have)
        for chunk in _chunks(needed):
            extra = conn.execute(f"SELECT * FROM ledger_items WHERE id IN ({_marks(chunk)})",
                                 chunk).fetchall()
            ledger_rows += extra
            subjects.update(r["subject_id"] for r in extra)
        sources, n_sourced = self._ledger_sources(
            conn, body, [r["id"] for r in ledger_rows], include_sensitive, subjects, links,
            entry_ids)
        n_entries += n_sourced
        ledger = [_line(LEDGER, r, sources) for r in ledger_rows]
        sql, params = where(TRIP, "subject_id", day_col="return_date")
        trips, _ = lines(TRIP, f"SELECT * FROM trips{sql} ORDER BY depart, id", params)
        sql, params = where(HOLIDAY, None, day_col="date")
        holidays, _ = lines(HOLIDAY, f"SELECT * FROM holidays{sql} ORDER BY date", params)

        def selected_plus_referenced(table: str, sql: str, params: list, referenced: set) -> dict:
            """Rows the filters select, then any row the exported records point at."""
            rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM {table}{sql}", params)}
            stamps.extend(r["updated_at"] for r in rows.values())
            for chunk in _chunks(sorted(referenced - set(rows))):
                for r in conn.execute(f"SELECT * FROM {table} WHERE id IN ({_marks(chunk)})", chunk):
                    rows[r["id"]] = r
            return rows

        link_rows = selected_plus_referenced("links", *where(LINK, "subject_id"), links)
        subjects.update(r["subject_id"] for r in link_rows.values())
        subject_rows = selected_plus_referenced("subjects", *where(SUBJECT, "id"), subjects)

        order = lambda rows: sorted(rows, key=lambda r: (r["created_at"], r["id"]))  # noqa: E731
        parts = {
            "subject": (len(subject_rows), [_line(SUBJECT, r) for r in order(subject_rows.values())]),
            "link": (len(link_rows), [_line(LINK, r) for r in order(link_rows.values())]),
            "entry": (n_entries, None),
            "ledger": (len(ledger), ledger),
            "ledger_progress": (len(progress), progress),
            "trip": (len(trips), trips),
            "holiday": (len(holidays), holidays),
        }
        last_stamp = max(stamps, key=parse_stamp, default=None) if mark_key else None
        return parts, last_rev, last_stamp

    def _ledger_sources(self, conn, body, item_ids: list[str], include_sensitive: bool,
                        subjects: set[str], links: set[str],
                        in_body: set[str]) -> tuple[dict, int]:
        """The diary entry that raised each of `item_ids` (from ledger_sources), with the
        source entries the bundle lacks appended to `body`, so every `entry` reference
        resolves on import. A sensitive entry left out of the bundle is given as null (its
        link is not lost: a null never removes one). Returns (item id -> entry id, how
        many entries were appended)."""
        pairs: dict[str, str] = {}
        for chunk in _chunks(item_ids):
            pairs.update(conn.execute(
                f"SELECT item_id, entry_id FROM ledger_sources WHERE item_id IN "
                f"({_marks(chunk)})", chunk).fetchall())
        if not pairs:
            return {}, 0
        written: set[str] = set()
        wanted = sorted(set(pairs.values()))
        rows: dict[str, Any] = {}
        for chunk in _chunks(wanted):
            for r in conn.execute(f"SELECT * FROM entries WHERE id IN ({_marks(chunk)})",
                                  chunk):
                rows[r["id"]] = r
        count = 0
        for entry_id in wanted:
            row = rows.get(entry_id)
            if row is None or (row["sensitive"] and not include_sensitive):
                continue
            written.add(entry_id)
            if entry_id in in_body:
                continue
            body.write(_line(ENTRY, row))
            count += 1
            subjects.add(row["subject_id"])
            if row["object_id"]:
                links.add(row["object_id"])
        return {item: (e if e in written else None) for item, e in pairs.items()}, count

    def _write_final(self, folder: Path, path: Path, body, parts, source) -> str:
        count = sum(n for n, _ in parts.values())
        header = {"format": FORMAT, "version": VERSION, "created": self.db.timestamp(),
                  "source": source or platform.node() or "dutylog", "records": count}
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            def write(data: bytes) -> None:
                digest.update(data)
                out.write(data)

            write(dump_line(header))
            for kind, (_, lines) in parts.items():
                if kind == "entry":
                    body.seek(0)
                    while chunk := body.read(1 << 20):
                        write(chunk)
                    continue
                for line in lines:
                    write(line)
            out.write(dump_line({"type": "end", "sha256": digest.hexdigest()}))
            out.flush()
            os.fsync(out.fileno())
        return name


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(chunk: list) -> str:
    return ", ".join("?" * len(chunk))

