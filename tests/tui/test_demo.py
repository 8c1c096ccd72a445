"""The demo year: realistic, reproducible, written through the service, with real gaps."""

from __future__ import annotations

from datetime import date

from dutylog.services import Dutylog, ui
from dutylog.services.demo import fill_demo

TODAY = date(2025, 6, 18)


def demo_rows(home) -> list[tuple]:
    with Dutylog.open(home=home, today=TODAY) as svc:
        fill_demo(svc)
        return sorted((svc.subject_of(e).name, e.kind, e.date, e.title, e.days)
                      for e in svc.entries())


def test_demo_is_reproducible_and_never_in_the_future(tmp_path):
    first, second = demo_rows(tmp_path / "a"), demo_rows(tmp_path / "b")
    assert first == second
    assert len(first) > 400
    assert max(r[2] for r in first) <= TODAY
    assert min(r[2] for r in first).year == TODAY.year - 1


def test_demo_has_two_leaders_a_party_member_and_gaps(tmp_path):
    with Dutylog.open(home=tmp_path, today=TODAY) as svc:
        names = fill_demo(svc)
        roles = {s.name: s.roles for s in svc.subjects()}
        assert [roles[n][0] for n in names] == ["leader", "leader", "party-member"]
        for name in names:
            board = ui.dashboard(svc, name, 2025)
            assert board.missed, f"{name} should have missed something this year"
        links = {ln.link_type for ln in svc.links(names[0])}
        assert links == {"enterprise", "department-head", "town", "village"}
        # a secretary recorded some of the leaders' entries
        assert any(e.recorded_by != "张海峰" for e in svc.entries("张海峰"))


def test_demo_command_is_registered(run):
    result = run("demo", "--help")
    assert result.code == 0 and "临时目录" in result.out
