"""Writing bundles by hand, as a spreadsheet macro or a script would (CONTRACT "Merge bundles")."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

S1 = "11111111-1111-4111-8111-111111111111"


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def line(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def write_bundle(path: Path, records: list[dict], *, checksum: bool = True, source: str = "test",
                 stated: int | None = None) -> Path:
    """With `checksum`, the header states `records` and an end line closes the file the
    way dutylog writes it; without, it is a bundle from another tool."""
    header = {"format": "dutylog-bundle", "version": 1, "created": "2025-07-01T09:00:00+08:00",
              "source": source}
    if checksum:
        header["records"] = len(records) if stated is None else stated
    body = line(header) + b"".join(line(r) for r in records)
    if checksum:
        body += line({"type": "end", "sha256": hashlib.sha256(body).hexdigest()})
    Path(path).write_bytes(body)
    return Path(path)


def subject(updated_at: str = "2025-01-02T08:00:00+08:00", name: str = "王明", sid: str = S1) -> dict:
    return {"type": "subject", "id": sid, "name": name, "roles": ["leader", "cadre"],
            "updated_at": updated_at}


def entry(n: int, updated_at: str, *, note: str = "", date: str = "2025-03-02", kind: str = "diary",
          deleted: bool = False, seen: list[str] | None = None, by: str = "王明", **more) -> dict:
    rec = {"type": "entry", "id": uid(n), "subject": S1, "kind": kind, "date": date, "days": None,
           "four_no": False, "title": None, "place": None, "people": None, "note": note,
           "object": None, "recorded_by": by, "updated_at": updated_at, "deleted": deleted}
    if seen:
        rec["seen"] = seen
    rec.update(more)
    return rec


def t(hour: int, minute: int = 0) -> str:
    """A timestamp on 1 June 2025, Beijing time."""
    return f"2025-06-01T{hour:02d}:{minute:02d}:00+08:00"


@pytest.fixture
def hb():
    """These helpers, as a namespace: hb.write_bundle(...), hb.entry(...)."""
    return sys.modules[__name__]
