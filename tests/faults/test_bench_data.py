"""The benchmark's generator (bench/generate.py) writes what bench/README.md promises:
deterministic data, every kind of the policy, a quarter diary, one subject-year the same
whatever the size, and a bundle dutylog imports whole. No timings here."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from importlib import resources

import pytest

from .conftest import CLI, bundle_ids, ids, load_generate


@pytest.fixture(scope="module")
def gen():
    return load_generate()


def records(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_deterministic(gen, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    gen.generate(a, subjects=3, years=1, per_subject_year=300)
    gen.generate(b, subjects=3, years=1, per_subject_year=300)
    assert a.read_bytes() == b.read_bytes()


def test_every_kind_in_the_policy_proportions(gen, tmp_path):
    path = tmp_path / "one-year.jsonl"
    stats = gen.generate(path, subjects=20, years=1, checksum=True)
    policy = tomllib.loads(resources.files("dutylog.policy").joinpath("haiyang-2022-17.toml")
                           .read_text("utf-8"))
    kinds = {k["id"] for k in policy["kinds"]}
    by_kind = Counter(r["kind"] for r in records(path) if r.get("type") == "entry")
    assert set(by_kind) == kinds
    total = sum(by_kind.values())
    assert 18_000 <= total <= 22_000
    assert 0.22 <= by_kind["diary"] / total <= 0.28
    assert by_kind["field-research"] > by_kind["petition-reception"] > by_kind["party-lecture"]
    assert stats["ledger"] and stats["trip"] and stats["link"]


def test_a_subject_year_is_the_same_in_both_sizes(gen, tmp_path):
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    gen.generate(small, subjects=2, years=1, per_subject_year=300)
    gen.generate(big, subjects=2, years=3, per_subject_year=300)

    def entries(path, year=None):
        out = []
        for r in records(path):
            if r.get("type") != "entry" or (year and not r["date"].startswith(year)):
                continue
            if r["kind"] == "enterprise-visit":  # which enterprise: one changed hands mid-way
                r = {k: v for k, v in r.items() if k not in ("object", "title")}
            out.append(r)
        return out

    assert entries(small) == entries(big, "2025")


def test_the_bundle_imports_whole(gen, tmp_path):
    path = tmp_path / "b.jsonl"
    gen.generate(path, subjects=2, years=1, per_subject_year=500, checksum=True)
    cli = CLI(tmp_path / "home")
    cli.ok("import", path)
    wanted = bundle_ids(path)
    for table, want in wanted.items():
        assert want <= ids(cli.db, table), table
    cli.ok("status", "--subject", records(path)[1]["name"], "--year", "2025", "--json")
