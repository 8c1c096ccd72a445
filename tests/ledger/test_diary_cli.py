"""`log diary --follow-up-due`, the diary view with follow-up state, court cases, patrols."""

from __future__ import annotations

from .conftest import refused


def log(run, *args):
    r = run("log", *args)
    assert r.code == 0, r.err
    return r.out.split()


def test_follow_up_from_diary_in_one_step(run, wang):
    entry, item = log(run, "diary", "--subject", wang, "--date", "2026-10-12", "--place", "凤城街道",
                      "--people", "村民代表", "--note", "反映灌溉渠堵塞", "--follow-up-due", "2026-10-20")
    rec = run("ledger", "list", "--json").json[0]
    assert rec["id"] == item and rec["type"] == "follow-up" and rec["entry"] == entry
    assert (rec["opened"], rec["due"], rec["title"]) == ("2026-10-12", "2026-10-20", "反映灌溉渠堵塞")
    from dutylog.services import Dutylog

    with Dutylog.open() as svc:
        [row] = svc.diary("王明", search="渠")
        assert row.follow_up == "open" and row.color == "blue"
        assert svc.diary("王明", open_only=True)[0].id == entry
        svc.ledger_close(item, svc.date("2026-10-15"))
        assert svc.diary("王明")[0].follow_up == "closed"
        assert svc.diary("王明", open_only=True) == []
        assert svc.diary("王明", place="凤城")[0].id == entry
        assert svc.diary("王明", place="东村") == []


def test_follow_up_refusal_leaves_no_entry(run, wang, snapshot):
    before = snapshot()
    r = run("log", "diary", "--subject", wang, "--date", "2026-10-12", "--note", "问题",
            "--follow-up-due", "2026-10-11")
    assert refused(r), r.err
    assert snapshot() == before
    r = run("log", "diary", "--subject", wang, "--date", "2026-10-12", "--follow-up-due", "明年")
    assert refused(r) and snapshot() == before


def test_courts(run, wang):
    log(run, "court-case", "--subject", wang, "--date", "2026-03-01", "--appeared", "yes", "--title", "甲案")
    log(run, "court-case", "--subject", wang, "--date", "2026-05-01", "--appeared", "no", "--title", "乙案")
    log(run, "court-case", "--subject", wang, "--date", "2026-06-01", "--appeared", "yes")
    log(run, "court-case", "--subject", wang, "--date", "2025-06-01", "--appeared", "no")
    report = run("courts", "--subject", wang, "--json").json
    assert [c["appeared"] for c in report["cases"]] == [True, False, True]
    assert (report["count"], report["appeared"], report["decided"]) == (3, 2, 3)
    assert abs(report["rate"] - 2 / 3) < 1e-9
    out = run("courts", "--subject", wang).out
    assert "67%" in out and "未出庭" in out
    assert run("courts", "--subject", wang, "--year", "2024", "--json").json["rate"] is None


def test_patrols(run, wang):
    for day, kind in (("2026-01-05", "river"), ("2026-01-20", "bay"), ("2026-01-21", "river"),
                      ("2026-07-01", "forest"), ("2025-12-31", "river")):
        log(run, "patrol", "--subject", wang, "--date", day, "--patrol", kind)
    report = run("patrols", "--subject", wang, "--json").json
    assert report["year"] == 2026 and report["total"] == 4 and report["target"] is None
    jan = report["months"][0]
    assert (jan["river"], jan["bay"], jan["forest"], jan["total"]) == (2, 1, 0, 3)
    assert report["months"][6]["forest"] == 1
    assert report["by_type"] == {"river": 2, "bay": 1, "forest": 1, "unspecified": 0}
    report = run("patrols", "--subject", wang, "--target", "12", "--json").json
    assert (report["target"], report["met"]) == (12, False)
    assert run("patrols", "--subject", wang, "--year", "2025", "--json").json["total"] == 1
    assert "巡河湖" in run("patrols", "--subject", wang).out
    assert refused(run("patrols", "--subject", wang, "--target", "-1"))


def test_diary_limit_and_open_filters(run, wang):
    from datetime import date

    from dutylog.services import Dutylog, LogRequest

    with Dutylog.open() as svc:
        ids = [svc.log(LogRequest(kind="diary", subject="王明", date=date(2026, 9, d),
                                  place="东村" if d % 2 else "西村", note=f"问题{d}")).id
               for d in range(1, 21)]
        assert [r.id for r in svc.diary("王明", limit=3)] == ids[::-1][:3]
        assert [r.date for r in svc.diary("王明", place="西村", limit=2)] == [date(2026, 9, 20), date(2026, 9, 18)]
        assert svc.diary("王明", place="南村", limit=5) == []
        svc.follow_up(ids[0], date(2026, 10, 1))   # 问题1, overdue: red
        svc.follow_up(ids[11], date(2026, 10, 30))  # 问题12
        opened = svc.diary("王明", open_only=True)
        assert [r.note for r in opened] == ["问题12", "问题1"]
        assert [r.color for r in opened] == ["blue", "red"]
        assert [r.note for r in svc.diary("王明", open_only=True, search="题1")] == ["问题12", "问题1"]
        assert [r.note for r in svc.diary("王明", open_only=True, place="西村")] == ["问题12"]
        assert svc.diary("王明", open_only=True, as_of=date(2026, 8, 31)) == []
