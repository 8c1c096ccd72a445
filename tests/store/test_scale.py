"""A big bundle imports whole, re-imports as unchanged, pages to its end and exports whole.

Only results are checked here; how long these take is measured by `make bench`
(bench/run.py: import, re-import, export, search and paging at 20k and 200k entries),
never asserted in tests (timings on shared machines are noise)."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from datetime import date, timedelta

import pytest

from .bundle_helpers import open_home

N = 15_001  # three times over the import's batch (5,000) and bulk-index threshold (2,000)
KINDS = ["field-research", "diary", "frontline-office", "enterprise-visit", "patrol"]
WORDS = ["海阳", "留格庄镇", "经济开发区", "调研", "走访", "企业", "安全生产", "民情", "座谈", "党课", "学习", "信访", "接待"]


def _bundle(path, n: int) -> list[str]:
    rng = random.Random(7)
    subjects = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(10)]
    lines = [{"format": "dutylog-bundle", "version": 1, "created": "2026-01-01T09:00:00+08:00",
              "source": "scale", "records": n + len(subjects)}]
    lines += [{"type": "subject", "id": s, "name": f"干部{i}", "roles": ["cadre"],
               "updated_at": "2016-01-02T08:00:00+08:00"} for i, s in enumerate(subjects)]
    start = date(2016, 1, 1)
    for _ in range(n):
        lines.append({
            "type": "entry", "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "subject": rng.choice(subjects), "kind": rng.choice(KINDS),
            "date": (start + timedelta(days=rng.randrange(3650))).isoformat(), "days": 1.0,
            "four_no": rng.random() < 0.3, "title": "".join(rng.sample(WORDS, 3)),
            "place": rng.choice(WORDS), "people": None,
            "note": "".join(rng.choices(WORDS, k=rng.randrange(0, 30))) or None,
            "object": None, "recorded_by": "秘书", "updated_at": "2026-01-01T08:00:00+08:00",
            "deleted": False})
    data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    path.write_bytes(data + (json.dumps({"type": "end", "sha256":
                                         hashlib.sha256(data).hexdigest()}) + "\n").encode())
    return subjects


@pytest.mark.slow
def test_large_bundle_imports_pages_and_exports_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    subjects = _bundle(path, N)
    with open_home(tmp_path, "h") as store:
        summary = store.bundles.import_bundle(path)
        assert summary.added == N + 10
        again = store.bundles.import_bundle(path)
        assert again.unchanged == N + 10 and again.added == 0
        assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == 0
        assert store.entries.count_entries() == N
        for kwargs in ({}, {"subject_id": subjects[3]}, {"kinds": ["diary"]}):
            total = store.entries.count_entries(**kwargs)
            last_page = store.entries.query_entries(limit=50, offset=total - 50, **kwargs)
            assert len(last_page) == 50
            assert store.entries.query_entries(limit=50, offset=total, **kwargs) == []
        year = store.entries.entries_in_range(subjects[0], date(2020, 1, 1), date(2020, 12, 31))
        assert year and all(date(2020, 1, 1) <= e.date <= date(2020, 12, 31) for e in year)
        hits = store.entries.query_entries(search="留格庄", limit=50)
        assert len(hits) == 50
        assert all("留格庄" in " ".join(filter(None, (e.title, e.place, e.people, e.note)))
                   for e in hits)
        out = tmp_path / "out.jsonl"
        assert store.bundles.export_bundle(out) == N + 10
