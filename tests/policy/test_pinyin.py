"""Every pinyin code of the preset is generated from its Chinese name (issue 11 part 2).

Codes are the first letters of the syllables of the kind's Chinese name, read with
pypinyin's phrase dictionary (so 调研 is diào yán, 调整 tiáo zhěng); punctuation such as
、 is skipped (巡河湖、巡湾、巡林 → xhhxwxl). A wrong code in the preset fails this test.

Polyphonic characters whose readings start with different letters are pinned in READINGS,
one entry per word they occur in, each with the reading and why; the expected code takes
the table's letters over pypinyin's, so a change in pypinyin's dictionaries cannot move the
expectation unnoticed (test_pypinyin_reads_the_table_alike says so instead). A name with a
watched polyphone outside the table fails until a person adds its word here.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from pypinyin import Style, lazy_pinyin

from dutylog.policy import load_policy

POLICY = load_policy()

# word → initials. Comment: the polyphone, the reading meant here, the one not meant.
READINGS = {
    "调研": "dy",  # 调 diào 调研 (to investigate); not tiáo
    "调度": "dd",  # 调 diào 调度 (to dispatch); not tiáo
    "调整": "tz",  # 调 tiáo 调整 (to adjust); not diào
    "重点": "zd",  # 重 zhòng 重点 (key); not chóng (again)
    "重大": "zd",  # 重 zhòng 重大 (major); not chóng
    "行政": "xz",  # 行 xíng 行政 (administration); not háng (a trade, 银行)
    "会议": "hy",  # 会 huì 会议 (meeting); not kuài (会计 accounting)
    "活会": "hh",  # 会 huì in 生活会 (life meeting); not kuài
    "参加": "cj",  # 参 cān 参加 (to attend); not shēn (人参) or cēn (参差)
    "检查": "jc",  # 查 chá 检查 (to check); not zhā (a surname)
    "意识": "ys",  # 识 shí 意识 (consciousness); not zhì (标识 a mark)
    "社区": "sq",  # 区 qū 社区 (community); not ōu (a surname)
    "清单": "qd",  # 单 dān 清单 (a list); not shàn (a surname) or chán (单于)
    "从严": "cy",  # 从 cóng 从严 (strictly); not zòng (合从, old reading)
    "听取": "tq",  # 听 tīng 听取 (to hear a report); not yǐn
    "服务": "fw",  # 服 fú 服务 (service); not fù (a dose, 一服药)
    "招商": "zs",  # 招 zhāo 招商 (attract investment); not sháo/qiáo (old readings)
}

# Polyphones of official Chinese whose readings start with different letters. A name that
# holds one outside a READINGS word fails test_watched_polyphones_are_in_the_table.
WATCHED = set("调重行会参查识区单从听服招长乐降将角觉省属宿校曾朝给便强率藏传解差都")

_HANZI = re.compile(r"[\u3400-\u9fff]")


def initials(name: str) -> str:
    """The code a name should have: first letters of its syllables, READINGS first."""
    hanzi = "".join(_HANZI.findall(name))
    letters = [p[0] for p in lazy_pinyin(hanzi, style=Style.FIRST_LETTER)]
    assert len(letters) == len(hanzi), name  # one letter per character
    for word, pinned in READINGS.items():
        start = hanzi.find(word)
        while start >= 0:
            letters[start:start + len(word)] = pinned
            start = hanzi.find(word, start + 1)
    return "".join(letters)


def wrong_codes(kinds) -> list[str]:
    return [f"{k.id} {k.name.zh}: code {k.pinyin!r}, expected {initials(k.name.zh)!r}"
            for k in kinds if k.pinyin != initials(k.name.zh)]


def test_every_preset_code_matches_its_name():
    assert len(POLICY.kinds) == 37
    assert wrong_codes(POLICY.kinds) == []


def test_fixed_codes():
    # the two codes issue 11 found wrong, and 巡河湖's 湖 that the preset had dropped
    assert initials("党风廉政专题会议") == "dflzzthy"
    assert initials("专题研究意识形态工作") == "ztyjysxtgz"
    assert initials("巡河湖、巡湾、巡林") == "xhhxwxl"
    assert initials("一线办公") == "yxbg"


@pytest.mark.parametrize("kind_id", [k.id for k in POLICY.kinds])
def test_a_wrong_code_fails(kind_id):
    # Drop the last letter, or swap in the old wrong spelling: the check must notice.
    kinds = [dataclasses.replace(k, pinyin=k.pinyin[:-1]) if k.id == kind_id else k for k in POLICY.kinds]
    assert [line.split()[0] for line in wrong_codes(kinds)] == [kind_id]


def test_the_old_wrong_codes_fail():
    for kind_id, old in (("integrity-meeting", "dflzztth"), ("ideology-study", "ztyjysxt"), ("patrol", "xhxwxl")):
        kinds = [dataclasses.replace(k, pinyin=old) if k.id == kind_id else k for k in POLICY.kinds]
        assert len(wrong_codes(kinds)) == 1


def test_codes_are_distinct_lowercase_and_not_another_kinds_id():
    codes = [k.pinyin for k in POLICY.kinds]
    assert all(re.fullmatch(r"[a-z]+", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert not set(codes) & set(POLICY.kind_ids)


def test_watched_polyphones_are_in_the_table():
    missing = []
    for k in POLICY.kinds:
        hanzi = "".join(_HANZI.findall(k.name.zh))
        covered = [False] * len(hanzi)
        for word in READINGS:
            start = hanzi.find(word)
            while start >= 0:
                covered[start:start + len(word)] = [True] * len(word)
                start = hanzi.find(word, start + 1)
        missing += [f"{ch} in {k.name.zh}" for ch, ok in zip(hanzi, covered, strict=True) if ch in WATCHED and not ok]
    assert missing == [], "add the word with its reading to READINGS"


def test_table_words_occur_in_the_preset():
    names = "".join("".join(_HANZI.findall(k.name.zh)) + "|" for k in POLICY.kinds)
    assert [w for w in READINGS if w not in names] == []


def test_pypinyin_reads_the_table_alike():
    # Phrase-aware pypinyin agrees with every pinned reading, in the words' own names too.
    for word, pinned in READINGS.items():
        assert "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)) == pinned, word
    for k in POLICY.kinds:
        hanzi = "".join(_HANZI.findall(k.name.zh))
        assert "".join(lazy_pinyin(hanzi, style=Style.FIRST_LETTER)) == initials(k.name.zh), k.id
