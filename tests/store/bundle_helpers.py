"""Helpers for the bundle tests: homes with their own clocks, and comparable states."""

from __future__ import annotations

import json
from datetime import datetime

from dutylog.store import Store
from dutylog.store.specs import SPECS, row_to_record

from .conftest import CST, FakeClock


def open_home(tmp_path, name: str, start: datetime | None = None) -> Store:
    """A store in its own data folder, its clock starting at `start`."""
    return Store.open(tmp_path / name, clock=FakeClock(start or datetime(2025, 7, 1, tzinfo=CST)))


def state(store: Store) -> dict:
    """Every synced record (bundle form) and every history version, comparable across
    copies: what must be equal after merging the same bundles in any order."""
    out = {}
    for spec in SPECS.values():
        rows = store.conn.execute(f"SELECT * FROM {spec.table}").fetchall()
        out[spec.type] = sorted((row_to_record(spec, r) for r in rows), key=lambda r: r[spec.key])
    versions = store.conn.execute("SELECT record_type, record_id, version FROM history").fetchall()
    out["history"] = sorted((t, i, json.dumps(json.loads(v), sort_keys=True, ensure_ascii=False))
                            for t, i, v in versions)
    return out


def dump(store: Store) -> list[str]:
    """The whole database as SQL, to prove a refused import changed nothing."""
    return list(store.conn.iterdump())


def lines(path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def write_lines(path, rows: list[dict | str], checksum: bool = True, records: bool = True):
    """Write a bundle by hand (as another tool would)."""
    import hashlib

    header = {"format": "dutylog-bundle", "version": 1, "created": "2025-07-01T09:00:00+08:00",
              "source": "test"}
    if records:
        header["records"] = len(rows)
    text = [json.dumps(header, ensure_ascii=False) + "\n"]
    text += [(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows]
    data = "".join(text).encode()
    if checksum:
        data += (json.dumps({"type": "end", "sha256": hashlib.sha256(data).hexdigest()})
                 + "\n").encode()
    path.write_bytes(data)
    return path
