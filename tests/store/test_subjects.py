"""Subjects and links."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dutylog.domain.errors import Conflict, InvalidInput, NotFound
from dutylog.i18n import words

said = words("en").refusal  # a refusal in English, as its code words it


def test_add_get_list_subjects(store):
    wang = store.subjects.add_subject(" 王明 ", ["leader", "cadre", "leader"])
    assert wang.name == "王明" and wang.roles == ("leader", "cadre")
    assert store.subjects.get_subject("王明") == wang
    assert store.subjects.get_subject(wang.id) == wang
    li = store.subjects.add_subject("李华", ["party-member"])
    assert [s.name for s in store.subjects.list_subjects()] == ["王明", "李华"]
    assert store.subjects.subject_names() == {wang.id: "王明", li.id: "李华"}


def test_subject_refusals(store):
    store.subjects.add_subject("王明", ["leader"])
    with pytest.raises(Conflict) as info:
        store.subjects.add_subject("王明", ["cadre"])
    assert re.search("王明", said(info.value)), said(info.value)
    # the store checks the shape of a role; which roles exist is the policy's (services)
    with pytest.raises(InvalidInput) as info:
        store.subjects.add_subject("李华", ["Boss!"])
    assert re.search("roles", said(info.value)), said(info.value)
    with pytest.raises(InvalidInput):
        store.subjects.add_subject("李华", [])
    with pytest.raises(InvalidInput):
        store.subjects.add_subject("  ", ["leader"])
    with pytest.raises(NotFound) as info:
        store.subjects.get_subject("张三")
    assert re.search("known: 王明", said(info.value)), said(info.value)
    assert len(store.subjects.list_subjects()) == 1


def test_update_subject_keeps_history(store):
    wang = store.subjects.add_subject("王明", ["leader"])
    store.subjects.add_subject("李华", ["cadre"])
    new = store.subjects.update_subject(wang.id, name="王小明", roles=["leader", "cadre"], changed_by="办公室")
    assert new.name == "王小明" and new.roles == ("leader", "cadre")
    assert new.updated_at > wang.updated_at
    versions = store.entries.history("subject", wang.id)
    assert [v["name"] for v in versions] == ["王明", "王小明"]
    assert versions[-1]["changed_by"] == "办公室" and versions[-1]["reason"] == "edit"
    with pytest.raises(Conflict):
        store.subjects.update_subject(wang.id, name="李华")
    same = store.subjects.update_subject(wang.id, name="王小明")
    assert same.updated_at == new.updated_at  # nothing changed, nothing written


def test_links(store, wang):
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳某公司", date(2025, 1, 1))
    town = store.subjects.add_link(wang.id, "town", "留格庄镇")
    assert firm.since == date(2025, 1, 1) and firm.until is None
    with pytest.raises(Conflict) as info:
        store.subjects.add_link(wang.id, "enterprise", "海阳某公司")
    assert re.search("already has an active", said(info.value)), said(info.value)
    with pytest.raises(InvalidInput) as info:
        store.subjects.add_link(wang.id, "工厂", "x")
    assert re.search("link_type", said(info.value)), said(info.value)
    ended = store.subjects.end_link(firm.id, date(2025, 6, 30))
    assert ended.until == date(2025, 6, 30)
    with pytest.raises(Conflict):
        store.subjects.end_link(firm.id, date(2025, 7, 1))
    village = store.subjects.add_link(wang.id, "village", "村", date(2025, 5, 1))
    with pytest.raises(InvalidInput) as info:
        store.subjects.end_link(village.id, date(2025, 4, 1))
    assert re.search("before it starts", said(info.value)), said(info.value)
    assert [k.name for k in store.subjects.links(wang.id)] == ["海阳某公司", "留格庄镇", "村"]
    assert [k.name for k in store.subjects.links(wang.id, include_ended=False)] == ["留格庄镇", "村"]
    again = store.subjects.add_link(wang.id, "enterprise", "海阳某公司", date(2025, 8, 1))
    assert store.subjects.find_link(wang.id, "海阳某公司").id == again.id  # the active one
    assert store.subjects.find_link(wang.id, "海阳某公司", "enterprise").id == again.id
    with pytest.raises(NotFound) as info:
        store.subjects.find_link(wang.id, "别的公司")
    assert re.search("留格庄镇", said(info.value)), said(info.value)
    with pytest.raises(NotFound):
        store.subjects.find_link(wang.id, "留格庄镇", "enterprise")
    assert store.subjects.link_name(town.id) == "留格庄镇"
    assert [v["until"] for v in store.entries.history("link", firm.id)] == [None, "2025-06-30"]


def test_find_link_prefers_the_one_that_ended_last(store, wang):
    a = store.subjects.add_link(wang.id, "enterprise", "甲公司")
    store.subjects.end_link(a.id, date(2024, 12, 31))
    assert store.subjects.find_link(wang.id, "甲公司").id == a.id


def test_same_name_active_as_two_types_is_ambiguous(store, wang):
    store.subjects.add_link(wang.id, "town", "海阳")
    store.subjects.add_link(wang.id, "enterprise", "海阳")
    with pytest.raises(Conflict) as info:
        store.subjects.find_link(wang.id, "海阳")
    assert re.search("town", said(info.value)), said(info.value)
    assert store.subjects.find_link(wang.id, "海阳", "town").link_type == "town"
