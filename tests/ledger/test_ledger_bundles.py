"""Ledger items, progress reports, trips and holiday entries travel in merge bundles."""

from __future__ import annotations


def test_round_trip(run, wang, tmp_path, monkeypatch):
    item = run("ledger", "add", "supervision", "--subject", wang, "--opened", "2026-10-09",
               "--title", "督办函").out.strip()
    assert run("ledger", "progress", item, "--date", "2026-10-12", "--note", "已部署").code == 0
    assert run("ledger", "close", item, "--date", "2026-10-13").code == 0
    trip = run("leave", "request", "--subject", wang, "--requested", "2026-10-01",
               "--depart", "2026-10-05", "--return", "2026-10-08").out.strip()
    assert run("leave", "back", trip, "--date", "2026-10-09").code == 0
    assert run("holidays", "set", "2027-02-07", "workday", "--name", "调休").code == 0
    before = (run("ledger", "list", "--json").json, run("leave", "list", "--json").json,
              run("holidays", "list", "2027", "--json").json,
              run("ledger", "show", item, "--json").json["progress"])
    bundle = tmp_path / "b.jsonl"
    r = run("export", bundle)
    assert r.code == 0, r.err
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    r = run("import", bundle)
    assert r.code == 0, r.err
    after = (run("ledger", "list", "--json").json, run("leave", "list", "--json").json,
             run("holidays", "list", "2027", "--json").json,
             run("ledger", "show", item, "--json").json["progress"])
    assert after == before
    assert run("import", bundle).code == 0  # importing twice changes nothing
    assert run("ledger", "list", "--json").json == before[0]
