"""Subjects changed through the roster (issue 14 part 1): rename, roles, since, archive
and restore, each a version in the subject's history with who made it."""

from __future__ import annotations

from datetime import date

import pytest

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import words
from dutylog.services import Dutylog

TODAY = date(2025, 6, 18)


@pytest.fixture
def svc():
    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    service.add_subject("李华", ["dept-head"], since=date(2025, 1, 1))
    yield service
    service.close()


def test_archive_hides_keeps_and_restores(svc):
    archived = svc.archive_subject("李华", by="李秘书")
    assert archived.archived == TODAY
    assert [s.name for s in svc.subjects()] == ["王明"]
    assert [s.name for s in svc.subjects(include_archived=True)] == ["王明", "李华"]
    assert svc.subject("李华").name == "李华"  # still found by name: status, history
    with pytest.raises(InvalidInput) as info:
        svc.archive_subject("李华")
    assert words("en").refusal(info.value).startswith("subject: 李华 is already archived")
    assert svc.restore_subject("李华", by="李秘书").archived is None
    assert [s.name for s in svc.subjects()] == ["王明", "李华"]
    with pytest.raises(InvalidInput) as info:
        svc.restore_subject("李华")
    assert words("en").refusal(info.value) == "subject: 李华 is not archived"
    assert words("zh").refusal(info.value) == "对象：李华 没有归档"
    versions = svc.roster.subject_history("李华")
    assert [v["reason"] for v in versions] == ["add", "archive", "restore"]
    assert [v["changed_by"] for v in versions][1:] == ["李秘书", "李秘书"]


def test_rename_roles_and_since_are_versions_by_the_operator(svc):
    svc.update_subject("王明", roles=["leader", "party-group-member"], by="李秘书")
    svc.update_subject("王明", name="王明明", since=date(2025, 3, 1), by="李秘书")
    subj = svc.subject("王明明")
    assert subj.roles == ("leader", "party-group-member") and subj.since == date(2025, 3, 1)
    versions = svc.roster.subject_history("王明明")
    assert [v["name"] for v in versions] == ["王明", "王明", "王明明"]
    assert [v["changed_by"] for v in versions][1:] == ["李秘书", "李秘书"]
    with pytest.raises(InvalidInput, match="future"):
        svc.update_subject("王明明", since=date(2025, 6, 19))


def test_an_ended_link_reopens_once(svc):
    firm = svc.link("王明", "enterprise", "甲公司", date(2025, 1, 1))
    svc.unlink("王明", "enterprise", "甲公司", TODAY)
    assert svc.reopen_link(firm.id).until is None
    with pytest.raises(Exception) as info:
        svc.reopen_link(firm.id)
    assert words("en").refusal(info.value) == "link '甲公司' has not ended"
    svc.unlink("王明", "enterprise", "甲公司", TODAY)
    svc.link("王明", "enterprise", "甲公司", TODAY)  # linked again meanwhile: no second active
    with pytest.raises(Exception) as info:
        svc.reopen_link(firm.id)
    assert words("en").refusal(info.value) == "'甲公司' is linked again already"
    assert words("zh").refusal(info.value) == "名称：'甲公司' 已经重新建立了联系"
