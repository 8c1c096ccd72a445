"""The use cases behind `Dutylog`, each on a real store in the temporary DUTYLOG_HOME."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from dutylog.domain.errors import InvalidInput, NotFound, StoreError
from dutylog.i18n import words
from dutylog.services import Dutylog, LogRequest
from dutylog.services.backups import BackupFolder
from dutylog.services.logbook import EntryFilter

TODAY = date(2025, 6, 18)

said = words("en").refusal  # a refusal in English, as its code words it


@pytest.fixture
def svc():
    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    yield service
    service.close()


def test_today_is_injected_once_and_cannot_be_moved(svc):
    with pytest.raises(AttributeError):
        svc.today = date(2030, 1, 1)  # type: ignore[misc]
    assert svc.today == TODAY
    assert not hasattr(svc, "store")


def test_another_day_is_another_facade_over_the_same_data(svc):
    earlier = svc.on(date(2025, 3, 1))
    assert earlier.today == date(2025, 3, 1) and svc.today == TODAY
    svc.log(LogRequest("diary", "王明", date(2025, 2, 1), note="记"))
    assert [e.note for e in earlier.entries("王明")] == ["记"]
    with pytest.raises(InvalidInput) as info:
        earlier.log(LogRequest("diary", "王明", date(2025, 4, 1), note="还没到"))
    assert re.search("future", said(info.value)), said(info.value)
    earlier.close()  # does not close the shared store
    assert svc.subjects()[0].name == "王明"
    assert svc.on(TODAY) is svc


def test_roster_links_by_date_and_names_them(svc):
    firm = svc.roster.link("王明", "enterprise", "甲公司", date(2025, 1, 1))
    assert svc.link_names("王明") == {firm.id: "甲公司"}
    assert svc.link_name(firm.id) == "甲公司"
    subj = svc.subject("王明")
    assert svc.roster.object_on(subj, "甲公司", "enterprise", date(2025, 5, 1)) == firm
    with pytest.raises(InvalidInput) as info:
        svc.roster.object_on(subj, "甲公司", "enterprise", date(2024, 12, 31))
    assert re.search("not linked", said(info.value)), said(info.value)
    with pytest.raises(NotFound) as info:
        svc.roster.subject("李华")
    assert re.search("known: 王明", said(info.value)), said(info.value)


def test_logbook_pages_newest_first_and_counts(svc):
    for day in range(1, 6):
        svc.log(LogRequest("diary", "王明", date(2025, 5, day), note=f"第{day}天"))
    flt = EntryFilter(subject="王明")
    first = svc.logbook.page(flt, limit=2)
    assert [e.date.day for e in first] == [5, 4]
    assert [e.date.day for e in svc.logbook.page(flt, limit=2, after=first[-1])] == [3, 2]
    assert svc.logbook.count(flt) == 5
    assert svc.logbook.count(EntryFilter(subject="王明", search="第3")) == 1
    entry = first[0]
    assert svc.subject_of(entry).name == "王明"
    assert len(svc.year_entries(svc.subject("王明"), 2025)) == 5


def test_tracker_resolves_the_year_from_the_injected_today(svc):
    assert svc.tracker.resolve_year(None, None) == (2025, TODAY)
    assert svc.tracker.resolve_year(2024, None) == (2024, date(2024, 12, 31))
    progress = svc.tracker.progress("王明")
    assert progress.as_of == TODAY and progress.results


def test_records_only_the_subject_confirms(svc):
    entry = svc.log(LogRequest("diary", "王明", date(2025, 6, 1), note="代记", by="李秘书"))
    assert svc.records.pending("王明") == [entry]
    with pytest.raises(InvalidInput) as info:
        svc.records.confirm(entry.id, "李秘书")
    assert re.search("only the subject", said(info.value)), said(info.value)
    svc.records.confirm(entry.id, "王明")
    assert svc.records.pending("王明") == []
    assert [v.reason for v in svc.records.history(entry.id)] == ["add", "confirm"]


def test_preferences_keep_language_and_recorder(svc):
    assert svc.prefs.saved_lang() is None
    svc.prefs.save_lang("en")
    svc.prefs.save_recorder("  李秘书 ")
    assert (svc.prefs.saved_lang(), svc.prefs.recorder()) == ("en", "李秘书")


def test_preferences_keep_theme_and_glyphs_for_the_next_start(dutylog_home):
    with Dutylog.open(today=TODAY) as service:
        assert (service.prefs.theme(), service.prefs.glyphs()) == (None, None)
        service.prefs.save_theme("nord")
        service.prefs.save_glyphs("ascii")
        with pytest.raises(ValueError, match="glyphs"):
            service.prefs.save_glyphs("wide")
    with Dutylog.open(today=TODAY) as service:
        assert (service.prefs.theme(), service.prefs.glyphs()) == ("nord", "ascii")


def test_backup_folder_lists_and_restores_without_the_database_open(dutylog_home):
    with Dutylog.open(today=TODAY) as service:
        service.add_subject("王明", ["leader"])
        copy = service.backup_now()
        service.add_subject("李华", ["leader"])
    folder = BackupFolder(today=TODAY)
    assert copy in [b.path for b in folder.backups()]
    plan = folder.plan_restore(copy.name)
    assert plan.source == copy and plan.replaces
    kept = folder.restore(plan)
    assert kept is not None and kept.name.startswith("replaced-")
    with Dutylog.open(today=TODAY) as service:
        assert [s.name for s in service.subjects()] == ["王明"]


def test_backup_folder_refuses_a_restore_while_in_use(svc):
    copy = svc.backup_now()
    with pytest.raises(StoreError) as info:
        BackupFolder(today=TODAY).plan_restore(str(copy))
    assert re.search("in use", said(info.value)), said(info.value)


def test_a_restore_asks_whether_the_database_is_in_use_holding_the_folder_lock(
        dutylog_home, monkeypatch):
    """The check runs under the data folder's exclusive lock: a dutylog opening meanwhile
    waits (here: a shared lock asked for in the check is refused), so nothing opens the
    database between the check and the answer."""
    from dutylog.store import homelock, restore

    with Dutylog.open(today=TODAY) as service:
        copy = service.backup_now()
    seen: list[str] = []
    real = restore.ensure_not_in_use

    def check(db_path: Path) -> None:
        try:
            homelock.HomeLock(db_path.parent).shared(timeout=0.1).release()
            seen.append("free")
        except homelock.Busy:
            seen.append("held")
        real(db_path)

    monkeypatch.setattr(restore, "ensure_not_in_use", check)
    BackupFolder(today=TODAY).plan_restore(copy.name)
    assert seen == ["held"]
    with Dutylog.open(today=TODAY) as service, pytest.raises(StoreError) as info:
        BackupFolder(today=TODAY).plan_restore(copy.name)  # the app open: refused
    assert re.search("in use", said(info.value)), said(info.value)
    assert seen == ["held"]  # refused by the lock, before the check


def test_the_tui_and_the_cli_never_reach_into_the_store():
    """Everything they need goes through a service method (issue 13)."""
    root = Path(__file__).parents[2] / "src" / "dutylog"
    reach = re.compile(r"svc\.store|\.store\.|\bservice\.store\b|^\s*(from|import) dutylog\.store",
                       re.MULTILINE)
    found = [f"{path.relative_to(root)}: {m.group(0)}"
             for layer in ("tui", "cli") for path in sorted((root / layer).rglob("*.py"))
             for m in reach.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
