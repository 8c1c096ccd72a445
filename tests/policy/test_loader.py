"""A user's copy of the preset: accepted when well formed, refused with the file, the rule id
and what is wrong when not (CATALOG.md: "a user must be able to change any target in their
own copy of the preset without touching code"; loader: "Every error names the file, the rule
id and what is wrong").

Copies are built in memory from the built-in text and parsed under a file name, so no file
is written.
"""

import re
from datetime import date

import pytest

from dutylog.domain.errors import PolicyError
from dutylog.domain.model import Entry
from dutylog.domain.progress import evaluate
from dutylog.i18n import words
from dutylog.policy import builtin_text, load_policy, parse_policy

SOURCE = "/home/wang/my-policy.toml"
TEXT = builtin_text()


def edit_rule(rule_id: str, old: str, new: str, text: str = TEXT) -> str:
    """Replace `old` by `new` inside the [[rules]] block whose id is `rule_id` only."""
    blocks = text.split("[[rules]]")
    hits = [i for i, b in enumerate(blocks) if re.match(rf'\s*id = "{re.escape(rule_id)}"\s*\n', b)]
    assert len(hits) == 1, rule_id
    i = hits[0]
    assert blocks[i].count(old) == 1, (rule_id, old)
    blocks[i] = blocks[i].replace(old, new)
    return "[[rules]]".join(blocks)


def refused(text: str) -> str:
    """The refusal's English wording (checked here); its Chinese one is checked to name the
    file and to say what is wrong in Chinese (the file's own terms aside)."""
    with pytest.raises(PolicyError) as exc:
        parse_policy(text, source=SOURCE)
    msg, zh = words("en").refusal(exc.value), words("zh").refusal(exc.value)
    for line in (msg, zh):
        assert SOURCE in line  # names the file
        assert "\n" not in line and "[policy." not in line  # one line, every code worded
    assert zh.startswith(f"政策文件 {SOURCE}：")
    reason = exc.value.params.get("what")
    if reason is not None:  # (a TOML syntax error: the parser's own words)
        assert re.search(r"[\u4e00-\u9fff]", words("zh").refusal(reason)), zh
    return msg


def test_builtin_loads_and_equals_its_text():
    a = load_policy()
    b = parse_policy(TEXT, source="builtin")
    assert a.rules == b.rules
    assert a.source == "builtin"


def test_user_copy_with_changed_target_is_used():
    # research-days lowered from 60 to 45: pace 45 × 181 / 365 = 22.315 → 22.32; 23 ≥ 22.32 → on_track
    policy = parse_policy(edit_rule("research-days", "target = { min = 60 }", "target = { min = 45 }"), source=SOURCE)
    assert policy.source == SOURCE
    e = Entry("e1", "s1", "field-research", date(2025, 3, 1), days=23.0)
    (r,) = [x for x in evaluate(policy.rules, ("leader",), [e], [], 2025, date(2025, 6, 30)) if x.rule.id == "research-days"]
    assert r.as_dict()["target"] == {"min": 45, "max": None}
    assert (r.expected, r.status) == (22.32, "on_track")


def test_user_copy_can_give_a_target_to_a_tracked_rule():
    policy = parse_policy(edit_rule("patrols", 'unit = "count"', 'unit = "count"\ntarget = { min = 12 }'), source=SOURCE)
    assert policy.rule("patrols").target.min == 12


def test_bad_toml_refused_with_file():
    msg = refused(edit_rule("research-days", "target = { min = 60 }", "target = { min = 60 "))
    assert "TOML" in msg


def test_bad_toml_names_the_rule():
    msg = refused(edit_rule("research-days", "target = { min = 60 }", "target = { min = 60 "))
    assert "research-days" in msg


@pytest.mark.parametrize(
    "rule_id, old, new, what",
    [
        ("research-days", 'metric = "sum_days"', 'metric = "sum_hours"', "sum_hours"),  # unknown metric
        ("research-days", "target = { min = 60 }", "target = { min = -60 }", "-60"),  # negative min
        ("research-topics", "target = { min = 1, max = 2 }", "target = { min = 3, max = 2 }", "below min"),  # max < min
        ("law-lectures", 'roles = ["party-group"]', 'roles = ["party-grp"]', "party-grp"),  # unknown role
        ("research-report", 'kinds = ["research-report"]', 'kinds = ["research-reprot"]', "research-reprot"),  # unknown kind
        ("theory-study", 'period = "month"', 'period = "monthly"', "monthly"),  # unknown period
        ("enterprise-visits", 'link_type = "enterprise"', 'link_type = "company"', "link_type"),  # bad link type
        ("major-items", 'window = ["01-01", "03-31"]', 'window = ["01-01"]', "window"),  # window needs two days
        ("linked-enterprises", '{ role = "econ-dept-head", min = 2, max = 2 }',
         '{ role = "econ-dept-head", min = 2, max = 1 }', "below min"),  # per-role max < min
        ("linked-enterprises", '{ role = "econ-dept-head", min = 2, max = 2 }',
         '{ role = "cadre", min = 2, max = 2 }', "role"),  # role_targets for a role the rule lacks
        ("research-days", "clause = 11", 'clause = "eleven"', "clause"),
    ],
)
def test_malformed_rule_refused_with_rule_id_and_reason(rule_id, old, new, what):
    msg = refused(edit_rule(rule_id, old, new))
    assert rule_id in msg
    assert what in msg


def test_duplicate_rule_id_refused():
    # party-lecture renamed to research-report: the second research-report is refused
    msg = refused(edit_rule("party-lecture", 'id = "party-lecture"', 'id = "research-report"'))
    assert "research-report" in msg
    assert "duplicate" in msg


def test_every_rule_of_the_preset_has_a_short_of_its_own():
    """The desk's column heads (issue 14 part 5): 2–4 Chinese characters, ≤ 10 letters, no two alike."""
    rules = load_policy().rules
    assert len(rules) == 41
    for lang, lo, hi in (("zh", 2, 4), ("en", 1, 10)):
        words = [r.short.get(lang) for r in rules if r.short is not None]
        assert len(words) == len(rules)
        assert all(lo <= len(w) <= hi for w in words), [w for w in words if not lo <= len(w) <= hi]
        assert len({w.casefold() for w in words}) == len(words)
    short = {r.id: r.short for r in rules}
    assert (short["research-four-no-share"].zh, short["frontline-office"].zh, short["petition-reception"].zh) \
        == ("四不两直", "一线办公", "接访")


@pytest.mark.parametrize("old, new", [
    ('short = { zh = "党课", en = "Lecture" }', 'short = { zh = "四不两直", en = "Lecture" }'),  # a Chinese twin
    ('short = { zh = "党课", en = "Lecture" }', 'short = { zh = "党课", en = "surprise %" }'),  # an English one
    ('short = { zh = "党课", en = "Lecture" }', 'short = "四不两直"'),  # a plain word is both
])
def test_a_short_already_taken_is_refused(old, new):
    with pytest.raises(PolicyError) as exc:
        parse_policy(edit_rule("party-lecture", old, new), source=SOURCE)
    assert exc.value.code.startswith("policy.")  # coded, as the other refusals of a copy
    msg = words("en").refusal(exc.value)
    assert SOURCE in msg and "party-lecture" in msg and "research-four-no-share" in msg
    assert "short" in msg
    zh = words("zh").refusal(exc.value)
    assert "简称" in zh and "research-four-no-share" in zh and "party-lecture" in zh


def test_a_copy_without_shorts_is_still_read():
    """A copy exported before shorts existed: the desk falls back to its titles."""
    text = re.sub(r"\nshort = \{ zh = \"[^\"]*\", en = \"[^\"]*\" \}(?=\nduty)", "", TEXT)
    assert text.count("\nshort = ") == 12  # the roles' and link types' shorts stay
    assert all(r.short is None for r in parse_policy(text, source=SOURCE).rules)

def test_a_duplicate_rule_id_is_refused_in_chinese():
    with pytest.raises(PolicyError) as exc:
        parse_policy(edit_rule("party-lecture", 'id = "party-lecture"', 'id = "research-report"'),
                     source=SOURCE)
    assert words("zh").refusal(exc.value) == (
        f"政策文件 {SOURCE}：规则 research-report：编号重复（前面已有同一编号的规则）")
    assert words("en").refusal(exc.value) == f"{SOURCE}: rule research-report: duplicate rule id"


def test_a_toml_syntax_error_names_its_line_in_chinese():
    with pytest.raises(PolicyError) as exc:
        parse_policy(edit_rule("research-days", "target = { min = 60 }", "target = { min = 60 "),
                     source=SOURCE)
    zh = words("zh").refusal(exc.value)
    assert re.fullmatch(rf"政策文件 {re.escape(SOURCE)}：规则 research-days：第 \d+ 行第 \d+ 列不是有效的 TOML：.+", zh), zh


def test_a_policy_without_rules_refused():
    head = TEXT.split("[[rules]]")[0]
    assert "no [[rules]]" in refused(head)



# ---- the metric registry checks what each metric needs (domain/metrics.py) ---------------


def test_a_share_judged_over_a_month_is_refused():
    msg = refused(edit_rule("research-four-no-share", 'period = "year"', 'period = "month"'))
    assert "research-four-no-share" in msg and "period must be" in msg


def test_a_link_rule_without_a_link_type_is_refused():
    msg = refused(edit_rule("linked-town", 'link_type = "town"\n', ""))
    assert "linked-town" in msg and "link_type" in msg


def test_an_unknown_metric_names_the_known_ones():
    msg = refused(edit_rule("party-lecture", 'metric = "count"', 'metric = "average"'))
    assert "average" in msg and "per_object" in msg


def test_a_role_implying_an_unknown_role_is_refused():
    text = TEXT.replace('implies = ["cadre"]', 'implies = ["boss"]', 1)
    assert "boss" in refused(text)


def test_an_older_copy_without_vocabulary_tables_takes_the_builtin_ones():
    import tomllib

    text = TEXT
    for table in ("link_types", "patrol_types", "ledger_types"):
        head = f"[[{table}]]"
        while head in text:  # drop every block of that table, as a revision-1 copy has none
            start = text.index(head)
            nxt = min(i for i in (text.find("\n[[", start + 1), text.find("\n# ", start + 1)) if i != -1)
            text = text[:start] + text[nxt + 1:]
    assert "link_types" not in tomllib.loads(text)
    policy = parse_policy(text, source=SOURCE)
    assert policy.link_type_ids == ("enterprise", "department-head", "town", "village")
    assert "supervision" in policy.ledger_type_ids and "river" in policy.patrol_type_ids
