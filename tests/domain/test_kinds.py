"""Kinds as people type them (issue 11 part 2): `resolve_kind(policy, text)` against the
built-in preset, by id, Chinese name, unambiguous Chinese prefix, English name and pinyin
initials; ambiguous and unknown texts are refused in one line."""

from __future__ import annotations

import dataclasses

import pytest

from dutylog.domain.errors import InvalidInput
from dutylog.domain.kinds import close_kinds, matches, resolve_kind
from dutylog.domain.rules import Kind, Text
from dutylog.i18n import words
from dutylog.policy import load_policy

POLICY = load_policy()

said = words("en").refusal  # a refusal in English, as its code words it


@pytest.mark.parametrize(
    "text, kind_id",
    [
        # ids, case ignored
        ("frontline-office", "frontline-office"),
        ("Frontline-Office", "frontline-office"),
        ("research-report", "research-report"),
        # Chinese names, spaces and full-width forms ignored
        ("一线办公", "frontline-office"),
        (" 一线 办公 ", "frontline-office"),
        ("调研报告", "research-report"),
        ("巡河湖、巡湾、巡林", "patrol"),
        # an unambiguous beginning of one Chinese name
        ("一线", "frontline-office"),
        ("一", "frontline-office"),
        ("民情", "diary"),
        ("调研", "research-report"),  # 调研报告 is the only name starting 调研
        ("重大", "major-item-report"),
        ("指导", "org-life-guidance"),
        ("巡", "patrol"),
        ("党风", "integrity-meeting"),
        # English names, case and repeated spaces ignored
        ("Frontline office", "frontline-office"),
        ("frontline  OFFICE", "frontline-office"),
        ("Research report", "research-report"),
        ("people's diary", "diary"),
        # pinyin initials, whole codes, case ignored, full-width letters read as ASCII
        ("yxbg", "frontline-office"),
        ("YXBG", "frontline-office"),
        ("ｙｘｂｇ", "frontline-office"),
        ("dybg", "research-report"),
        ("jdk", "party-lecture"),
        ("dflzzthy", "integrity-meeting"),
        ("ztyjysxtgz", "ideology-study"),
    ],
)
def test_resolves(text, kind_id):
    assert resolve_kind(POLICY, text).id == kind_id


@pytest.mark.parametrize(
    "text",
    [
        "ybg",  # a piece of 调研报告's code dybg, and not 一线办公's yxbg: names nothing
        "yxb",  # the beginning of a code is not the code
        "bg",
        "dflzztth",  # the old wrong code of 党风廉政专题会议
        "ztyjysxt",  # the old short code of 专题研究意识形态工作
        "frontline",  # the beginning of an English name is not the name
        "一线办公室",  # longer than the name
    ],
)
def test_pinyin_and_english_are_whole_words(text):
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, text)
    assert "unknown kind" in said(exc.value)


def test_ybg_is_refused_with_both_likely_kinds():
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, "ybg")
    msg = said(exc.value)
    assert "一线办公 (frontline-office, yxbg)" in msg and "调研报告 (research-report, dybg)" in msg
    assert exc.value.field == "kind" and msg.startswith("kind: ") and "\n" not in msg


@pytest.mark.parametrize(
    "text, candidates",
    [
        ("调", {"research-report", "indicator-dispatch", "investment-dispatch", "investment-map-update"}),
        ("调度", {"indicator-dispatch", "investment-dispatch"}),
        ("重点", {"research-topic", "investment-project-dispatch", "investment-bulletin"}),
        ("重点招商项目", {"investment-project-dispatch", "investment-bulletin"}),
        ("参加", {"dlm-guidance", "org-life-attend"}),
        ("检查", {"strict-governance-check", "party-building-check"}),
        ("经济指标", {"econ-weekly-dispatch", "econ-monthly-analysis"}),
    ],
)
def test_ambiguous_prefix_names_the_candidates(text, candidates):
    assert {k.id for k in matches(POLICY, text)} == candidates
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, text)
    msg = said(exc.value)
    assert "could be" in msg and "\n" not in msg and exc.value.field == "kind"
    for kind_id in candidates:
        assert kind_id in msg
    assert msg.count("(") == len(candidates)  # no other kind named


def test_unknown_lists_a_few_close_ones():
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, "报告")  # a piece of several names, the beginning of none
    msg = said(exc.value)
    assert msg.startswith("kind: unknown kind '报告'; did you mean ")
    assert "调研报告" in msg and "形势政策报告" in msg
    assert len(close_kinds(POLICY, "报告")) <= 4
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, "reserch-report")  # a typing slip
    assert "research-report" in said(exc.value).split("did you mean", 1)[1]


def test_unknown_with_nothing_close_lists_the_ids():
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, "xyz")
    msg = said(exc.value)
    assert "kinds: field-research, frontline-office" in msg and "\n" not in msg


@pytest.mark.parametrize("text", ["", "   ", None])
def test_nothing_typed(text):
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, text)
    assert exc.value.field == "kind"


def test_field_is_named():
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(POLICY, "xyz", field="kinds")
    assert exc.value.field == "kinds" and said(exc.value).startswith("kinds: ")


def test_every_preset_kind_resolves_by_each_of_its_names():
    for k in POLICY.kinds:
        for text in (k.id, k.name.zh, k.name.en, k.name.en.upper(), k.pinyin):
            assert resolve_kind(POLICY, text) is k, (k.id, text)


def _policy(*kinds: Kind):
    return dataclasses.replace(POLICY, kinds=kinds, _kind_index={})


def test_stronger_level_wins():
    # A code equal to another kind's id: the id wins; a name equal to another's code: the
    # English name (level 3) beats the code (level 4).
    a = Kind("abc", Text("甲乙", "Alpha"), pinyin="zz")
    b = Kind("zz", Text("丙丁", "abc x"), pinyin="bd")
    c = Kind("c", Text("戊己", "bd"), pinyin="wj")
    pol = _policy(a, b, c)
    assert resolve_kind(pol, "zz") is b
    assert resolve_kind(pol, "abc") is a
    assert resolve_kind(pol, "bd") is c
    # an exact Chinese name beats a prefix of a longer one
    d = Kind("d", Text("会议", "Meeting"), pinyin="hy")
    e = Kind("e", Text("会议纪要", "Minutes"), pinyin="hyjy")
    pol = _policy(d, e)
    assert resolve_kind(pol, "会议") is d
    assert resolve_kind(pol, "会议纪") is e


def test_two_kinds_with_one_code_are_ambiguous_not_guessed():
    pol = _policy(Kind("a", Text("调研", "A"), pinyin="dy"), Kind("b", Text("定员", "B"), pinyin="dy"))
    with pytest.raises(InvalidInput) as exc:
        resolve_kind(pol, "dy")
    assert "could be" in said(exc.value)


def test_a_policy_without_codes():
    pol = _policy(Kind("a", Text("甲", "A")), Kind("b", Text("乙", "B")))
    assert resolve_kind(pol, "乙").id == "b"
    with pytest.raises(InvalidInput):
        resolve_kind(pol, "")
