"""Write a realistic, deterministic merge bundle for benchmarks (CONTRACT "Merge bundles").

    python bench/generate.py OUT.jsonl [--subjects 20] [--years 10] [--end-year 2025]
                             [--per-subject-year 1000] [--seed 17] [--no-ledger] [--checksum]

Default: 20 subjects x 10 years (2016-2025), about 200,000 entries.

Proportions come from the policy preset (src/dutylog/policy/haiyang-2022-17.toml): every
rule's minimum, times the periods in a year (and the linked objects, for per-object rules),
is the base yearly count of its kind for a subject holding one of the rule's roles. The
kinds without a number (patrol, court cases) get a small fixed count. All base counts are
then multiplied by one common factor so that a subject-year holds `--per-subject-year`
entries on average, a quarter of them 民情日记 (diary) with Chinese text, as in a county
office where secretaries log every activity. The result: ~50,000 diary entries of 200,000,
field research ~5x its 70/yr minimum, frontline office ~5x its 26/yr, and so on.

Each (subject, year) draws from its own seeded random stream, so one subject-year holds
the same entries whatever `--subjects`/`--years` say (only the enterprise a visit names
differs, as one enterprise changes hands mid-way through a multi-year range): the
20-subject x 1-year bundle (20k) matches 2025 of the 20 x 10 one (200k), and `status` for
that subject-year compares like with like.

Besides entries: subjects, links (enterprises, department heads, town, village, with one
enterprise rotated mid-way), and unless `--no-ledger`, ledger items with progress reports
and trips (leave), as records of types `ledger`, `ledger_progress`, `trip`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tomllib
import uuid
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

PERIODS_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12, "fortnight": 26, "week": 53,
                    "window": 1}
# Kinds whose rules carry no number: a plausible yearly count for the roles that log them.
UNNUMBERED = {"patrol": 12, "court-case": 3}
DIARY_SHARE = 0.25
# The role mix of a county office's 20 laptops (cycled when --subjects differs).
# Roles as the catalog's revision 2 has them (implied ones written out: the generator does
# not read implications): most leaders are Party-group members, one is not; one body each.
_PGL = ["leader", "party-group-member", "cadre"]
_ECON = ["econ-dept-head", "dept-head", "cadre"]
ROLE_MIX = (
    _PGL, _ECON, ["cadre", "party-member"],
    _PGL, _ECON, ["cadre", "party-member"],
    _PGL, ["government"], ["leader", "cadre"], _ECON,
    ["cadre", "party-member"], _PGL, ["party-group"], _PGL,
    ["dept-head", "cadre"], ["cadre", "party-member"], _PGL,
    ["party-member"], _ECON, ["cadre", "party-member"],
)
LINKS_PER_ROLE = {"leader": {"enterprise": 3, "town": 1, "village": 1},
                  "party-group-member": {"department-head": 5},
                  "econ-dept-head": {"enterprise": 2}}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "明华建国军伟芳秀英丽强磊洋艳勇杰娟涛超霞平刚桂兰志红春梅海燕玉珍云峰宏斌文静鹏飞晓东立新凤德福永成瑞雪"
TOWNS = ("方圆街道", "东村街道", "凤城街道", "龙山街道", "留格庄镇", "盘石店镇", "郭城镇",
         "徐家店镇", "发城镇", "小纪镇", "行村镇", "辛安镇", "二十里店镇", "朱吴镇")
VILLAGE_SUFFIX = ("家庄村", "家疃村", "格庄村", "家店村", "家沟村", "家岭村", "家泊村", "家埠村")
FIRMS = ("海晟", "鑫源", "万润", "海川", "瑞丰", "华信", "金海", "龙港", "泰和", "东方", "丰源",
         "凯达", "润昌", "宏运", "正阳", "恒通", "新海", "百川", "远洋", "嘉禾")
INDUSTRIES = ("食品", "新材料", "海洋生物科技", "机械制造", "纺织服装", "电力设备", "农业发展",
              "水产", "现代物流", "精细化工", "核电装备", "果品冷链")
DEPTS = ("发改局", "财政局", "工信局", "商务局", "农业农村局", "自然资源局", "住建局",
         "交通运输局", "水务局", "应急管理局", "市场监管局", "人社局", "民政局", "卫健局", "教体局")
TOPICS = ("苹果种植", "樱桃采摘", "海水养殖", "地瓜收购", "乡村振兴", "人居环境整治", "农村饮水安全",
          "秸秆禁烧", "冬季清洁取暖", "道路硬化", "校园安全", "居家养老服务", "医保缴费", "就业帮扶",
          "防汛备汛", "森林防火", "安全生产", "渔船管理", "土地流转", "合作社发展", "村集体经济增收",
          "低保核查", "危房改造", "电商直播带货", "核电项目征地", "港口物流", "招商引资", "营商环境",
          "老旧小区改造", "垃圾分类", "河道清淤", "网格化管理", "矛盾纠纷化解", "退役军人服务")
DIARY_OPENINGS = ("到{place}走访{person}家，", "在{place}召开群众座谈会，", "入户走访{place}困难群众{person}，",
                  "同{place}党支部书记{person}座谈，", "随机走访{place}，", "接到{place}{person}来电，")
DIARY_ISSUES = ("群众反映{topic}方面的问题较多，", "了解{topic}工作推进情况，", "{person}反映{topic}补贴尚未到位，",
                "村里{topic}存在短板，", "现场查看{topic}落实情况，", "{person}对{topic}提出意见建议，")
DIARY_ACTIONS = ("当场协调{dept}研究解决。", "已交办{dept}限期办结，下周回访。", "记录在案，纳入下月重点工作。",
                 "群众表示满意。", "需{dept}进一步核实，跟踪督办。", "已向分管领导汇报，争取政策支持。")
TITLES = {
    "field-research": "{topic}专题调研", "frontline-office": "{place}一线办公",
    "enterprise-visit": "走访联系企业：{topic}", "petition-reception": "群众来访接待日",
    "indicator-dispatch": "考核指标调度会", "investment-dispatch": "重点招商项目调度会",
    "major-item-report": "重大事项进展报告", "integrity-talk": "廉政谈话",
    "integrity-meeting": "党风廉政建设专题会议", "theory-study": "理论学习中心组集中学习",
    "community-service": "社区志愿服务：{topic}", "patrol": "巡查{place}",
}


def load_policy_toml() -> dict:
    text = resources.files("dutylog.policy").joinpath("haiyang-2022-17.toml").read_text("utf-8")
    return tomllib.loads(text)


def base_counts(policy: dict) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """{role: {kind: yearly count the policy implies}}, and {kind: period} for spreading."""
    per_role: dict[str, dict[str, float]] = {}
    period_of: dict[str, str] = {}
    for rule in policy.get("rules", []):
        kinds = rule.get("kinds") or []
        if not kinds:
            continue
        period = rule.get("period", "year")
        nper = PERIODS_PER_YEAR.get(period, 1)
        minimum = (rule.get("target") or {}).get("min")
        metric = rule.get("metric")
        for role in rule.get("roles", []):
            tgt = next((t for t in rule.get("role_targets", []) if t.get("role") == role), None)
            lo = tgt.get("min") if tgt else minimum
            for kind in kinds:
                if metric == "sum_days":
                    n = (lo or 0) * nper / 0.85  # entries average 0.85 days
                elif metric == "share_flagged" or metric == "rate":
                    n = UNNUMBERED.get(kind, 0)
                elif metric == "per_object":
                    n = (lo or 1) * nper * LINKS_PER_ROLE.get(role, {}).get(rule.get("link_type", ""), 1)
                elif metric == "distinct_titles":
                    n = (rule.get("target") or {}).get("max") or lo or 1
                elif lo:
                    n = lo * nper
                else:
                    n = UNNUMBERED.get(kind, 0)
                per_role.setdefault(role, {})
                per_role[role][kind] = max(per_role[role].get(kind, 0), n)
                period_of.setdefault(kind, period)
    for kind in policy_kinds(policy):
        period_of.setdefault(kind, "year")
    return per_role, period_of


def policy_kinds(policy: dict) -> list[str]:
    return [k["id"] for k in policy.get("kinds", [])]


def subject_counts(per_role, roles) -> dict[str, float]:
    out: dict[str, float] = {}
    for role in roles:
        for kind, n in per_role.get(role, {}).items():
            out[kind] = max(out.get(kind, 0), n)
    out.pop("diary", None)
    return out


def scale_factor(per_role, per_subject_year: float) -> float:
    """The common factor that makes the standard 20-subject mix average `per_subject_year`
    entries, a quarter of them diary. Fixed by the standard mix, so a smaller bundle has
    the same density per subject-year."""
    base = sum(sum(subject_counts(per_role, roles).values()) for roles in ROLE_MIX)
    return per_subject_year * (1 - DIARY_SHARE) * len(ROLE_MIX) / base


def diary_per_cadre_year(per_subject_year: float) -> float:
    cadres = sum(1 for roles in ROLE_MIX if "cadre" in roles)
    return per_subject_year * DIARY_SHARE * len(ROLE_MIX) / cadres


class Gen:
    def __init__(self, seed: int):
        self.seed = seed

    def rng(self, *parts) -> random.Random:
        key = hashlib.sha256(repr((self.seed, *parts)).encode()).digest()
        return random.Random(int.from_bytes(key[:8], "big"))

    @staticmethod
    def uid(rng: random.Random) -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    @staticmethod
    def person(rng: random.Random) -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))

    @staticmethod
    def village(rng: random.Random) -> str:
        return rng.choice(SURNAMES) + rng.choice(VILLAGE_SUFFIX)


def stamp(day: date, rng: random.Random, later: int = 0) -> str:
    d = day + timedelta(days=later)
    return f"{d.isoformat()}T{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+08:00"


def period_slots(period: str, year: int) -> list[tuple[date, date]]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    if period == "month":
        return [(date(year, m, 1), (date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)))
                for m in range(1, 13)]
    if period == "quarter":
        return [(date(year, 3 * q + 1, 1), (date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - timedelta(days=1)))
                for q in range(4)]
    if period == "half":
        return [(start, date(year, 6, 30)), (date(year, 7, 1), end)]
    if period == "fortnight":
        slots = [(start + timedelta(days=14 * k), start + timedelta(days=14 * k + 13)) for k in range(25)]
        return slots + [(start + timedelta(days=14 * 25), end)]
    if period == "window":
        return [(start, date(year, 3, 31))]
    if period == "week":  # Monday–Sunday inside the year
        slots, lo = [], start
        while lo <= end:
            hi = min(end, lo + timedelta(days=6 - lo.weekday()))
            slots.append((lo, hi))
            lo = hi + timedelta(days=1)
        return slots
    return [(start, end)]


def pick_day(rng: random.Random, lo: date, hi: date) -> date:
    span = (hi - lo).days
    for _ in range(4):  # mostly working days
        d = lo + timedelta(days=rng.randint(0, span))
        if d.weekday() < 5:
            return d
    return d


def build_subjects(gen: Gen, n: int, first_year: int) -> list[dict]:
    subjects, names = [], set()
    for i in range(n):
        rng = gen.rng("subject", i)
        roles = ROLE_MIX[i % len(ROLE_MIX)]
        if roles == ["party-group"]:
            name = "市政府党组" if i < len(ROLE_MIX) else f"市政府党组{i // len(ROLE_MIX) + 1}"
        else:
            name = gen.person(rng)
            while name in names:
                name = gen.person(rng)
        names.add(name)
        sid = gen.uid(rng)
        subjects.append({"type": "subject", "id": sid, "name": name, "roles": roles,
                         "updated_at": f"{first_year}-01-02T08:00:00+08:00",
                         "_secretary": rng.choice(SURNAMES) + "秘书", "_index": i})
    return subjects


def build_links(gen: Gen, subj: dict, first_year: int, last_year: int) -> list[dict]:
    rng = gen.rng("links", subj["_index"])
    wanted: dict[str, int] = {}
    for role in subj["roles"]:
        for lt, n in LINKS_PER_ROLE.get(role, {}).items():
            wanted[lt] = max(wanted.get(lt, 0), n)
    links = []
    stamp0 = f"{first_year}-01-02T09:00:00+08:00"

    def link(lt, name, since, until=None, upd=stamp0):
        links.append({"type": "link", "id": gen.uid(rng), "subject": subj["id"], "link_type": lt,
                      "name": name, "since": since, "until": until, "updated_at": upd,
                      "deleted": False})

    for lt, n in wanted.items():
        for k in range(n):
            if lt == "enterprise":
                name = f"海阳市{rng.choice(FIRMS)}{rng.choice(INDUSTRIES)}有限公司"
            elif lt == "department-head":
                name = f"{DEPTS[(subj['_index'] + k) % len(DEPTS)]}{rng.choice(SURNAMES)}局长"
            elif lt == "town":
                name = TOWNS[subj["_index"] % len(TOWNS)]
            else:
                name = gen.village(rng)
            if any(x["name"] == name and x["link_type"] == lt for x in links):
                name += f"{k + 1}号"
            link(lt, name, f"{first_year}-01-01")
    # one enterprise handed over mid-way: the old link ends, a new one starts next day
    ents = [x for x in links if x["link_type"] == "enterprise"]
    if ents and last_year > first_year:
        mid = (first_year + last_year) // 2
        ents[0]["until"] = f"{mid}-06-30"
        ents[0]["updated_at"] = f"{mid}-06-30T17:00:00+08:00"
        link("enterprise", f"海阳市{rng.choice(FIRMS)}{rng.choice(INDUSTRIES)}股份有限公司",
             f"{mid}-07-01", upd=f"{mid}-07-01T09:00:00+08:00")
    return links


def active_links(links, lt, lo: date, hi: date) -> list[dict]:
    return [x for x in links if x["link_type"] == lt
            and (x["since"] is None or x["since"] <= hi.isoformat())
            and (x["until"] is None or x["until"] >= lo.isoformat())]


def diary_text(rng: random.Random, place: str, gen: Gen) -> tuple[str, str, str]:
    topic = rng.choice(TOPICS)
    person = gen.person(rng) + rng.choice(("", "大爷", "大娘", "书记", "主任"))
    dept = rng.choice(DEPTS)
    note = (rng.choice(DIARY_OPENINGS) + rng.choice(DIARY_ISSUES) + rng.choice(DIARY_ACTIONS)).format(
        place=place, person=person, topic=topic, dept=dept)
    if rng.random() < 0.5:
        note += rng.choice(DIARY_ISSUES).format(place=place, person=person, topic=rng.choice(TOPICS), dept=dept)
        note += rng.choice(DIARY_ACTIONS).format(place=place, person=person, topic=topic, dept=rng.choice(DEPTS))
    return f"{topic}民情日记", person, note


def build_entries(gen: Gen, subj: dict, links: list[dict], year: int, counts: dict[str, float],
                  diary_n: float, period_of: dict[str, str]):
    """Yield the entry records of one subject-year (deterministic per subject and year)."""
    rng = gen.rng("entries", subj["_index"], year)
    name, secretary = subj["name"], subj["_secretary"]
    leader = "leader" in subj["roles"]
    titles = {"research-topic": [f"{t}课题研究" for t in rng.sample(TOPICS, 2)],
              "major-item": [f"{year}年{t}重大事项" for t in rng.sample(TOPICS, 4)],
              "service-project": [f"认领{t}服务项目" for t in rng.sample(TOPICS, 5)]}
    plan = dict(counts)
    if diary_n:
        plan["diary"] = diary_n
    town = next((x["name"] for x in links if x["link_type"] == "town"), rng.choice(TOWNS))
    for kind, mean in plan.items():
        n = max(1, round(mean * rng.uniform(0.9, 1.1))) if mean else 0
        slots = period_slots(period_of.get(kind, "year"), year)
        for i in range(n):
            lo, hi = slots[i % len(slots)]
            day = pick_day(rng, lo, hi)
            place = f"{rng.choice(TOWNS)}{gen.village(rng)}" if rng.random() < 0.8 else town
            topic = rng.choice(TOPICS)
            rec = {"type": "entry", "id": gen.uid(rng), "subject": subj["id"], "kind": kind,
                   "date": day.isoformat(), "days": None, "four_no": False, "title": None,
                   "place": place, "people": None, "note": None, "object": None,
                   "recorded_by": name, "updated_at": stamp(day, rng, rng.choice((0, 0, 0, 1, 3))),
                   "deleted": False}
            if kind == "diary":
                rec["title"], rec["people"], rec["note"] = diary_text(rng, place, gen)
            else:
                rec["title"] = TITLES.get(kind, "{topic}").format(place=place, topic=topic)
                if rng.random() < 0.3:
                    rec["note"] = diary_text(rng, place, gen)[2]
                if rng.random() < 0.4:
                    rec["people"] = "、".join(gen.person(rng) for _ in range(rng.randint(1, 3)))
            if kind == "field-research":
                rec["days"] = rng.choice((0.5, 1.0, 1.0, 1.0, 1.0, 1.5))
                if rec["days"] > 1 and (day.month, day.day) == (12, 31):
                    rec["days"] = 1.0  # would run into next year, past the bench's "today"
                rec["four_no"] = rng.random() < 0.55
            elif kind == "petition-reception":
                rec["days"] = rng.choice((1.0, 1.0, 0.5))
            elif kind in titles:
                rec["title"] = rng.choice(titles[kind][:2] if kind == "research-topic" else titles[kind])
            elif kind in ("enterprise-visit", "integrity-talk"):
                lt = "enterprise" if kind == "enterprise-visit" else "department-head"
                objs = active_links(links, lt, lo, hi)
                if not objs:
                    continue
                obj = objs[i % len(objs)]
                rec["object"] = obj["id"]
                rec["title"] = f"{TITLES[kind].format(topic=topic, place=place)}（{obj['name']}）"
            elif kind == "court-case":
                rec["appeared"] = rng.random() < 0.9
            elif kind == "patrol":
                rec["patrol"] = rng.choice(("river", "bay", "forest"))
            if leader and rng.random() < 0.4:
                rec["recorded_by"] = secretary
                if rng.random() < 0.8:
                    rec["confirmed_by"] = name
            if rng.random() < 0.005:
                rec["sensitive"] = True
            if rng.random() < 0.01:
                rec["deleted"] = True
            yield rec


def build_ledger(gen: Gen, subj: dict, year: int):
    """Ledger items with progress reports, and trips, for a leader's year."""
    rng = gen.rng("ledger", subj["_index"], year)
    items, progress, trips = [], [], []
    for _ in range(rng.randint(15, 25)):
        lt = rng.choice(("supervision", "cosign", "minutes", "rectification", "petition-case", "follow-up"))
        opened = pick_day(rng, date(year, 1, 1), date(year, 12, 20))
        due = opened + timedelta(days=rng.choice((3, 5, 10, 30)))
        closed = opened + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.9 else None
        if closed is not None:  # closed within its year: the bench's "today" is 2025-12-31
            closed = min(closed, date(year, 12, 31))
        iid = gen.uid(rng)
        items.append({"type": "ledger", "id": iid, "subject": subj["id"], "ledger_type": lt,
                      "title": f"{rng.choice(TOPICS)}{rng.choice(('督办件', '会签件', '会议纪要', '整改事项', '信访案件', '跟踪事项'))}",
                      "note": None, "opened": opened.isoformat(), "due": due.isoformat(),
                      "due_given": True, "closed": closed.isoformat() if closed else None,
                      "updated_at": stamp(closed or opened, rng), "deleted": False})
        for k in range(rng.randint(0, 3)):
            d = opened + timedelta(days=k + 1)
            progress.append({"type": "ledger_progress", "id": gen.uid(rng), "item": iid,
                             "date": d.isoformat(), "note": f"第{k + 1}次进展：{rng.choice(DIARY_ACTIONS).format(dept=rng.choice(DEPTS))}",
                             "recorded_by": subj["_secretary"], "updated_at": stamp(d, rng)})
    for _ in range(rng.randint(3, 8)):
        depart = pick_day(rng, date(year, 1, 10), date(year, 12, 20))
        ret = depart + timedelta(days=rng.randint(1, 5))
        trips.append({"type": "trip", "id": gen.uid(rng), "subject": subj["id"],
                      "requested": (depart - timedelta(days=rng.choice((0, 1, 3, 5, 7)))).isoformat(),
                      "depart": depart.isoformat(), "return": ret.isoformat(),
                      "emergency": rng.random() < 0.1, "destination": rng.choice(("济南", "北京", "烟台", "青岛", "上海")),
                      "back": ret.isoformat() if rng.random() < 0.95 else None,
                      "updated_at": stamp(ret, rng), "deleted": False})
    return items, progress, trips


def generate(out: Path, subjects: int = 20, years: int = 10, end_year: int = 2025,
             per_subject_year: float = 1000, seed: int = 17, ledger: bool = True,
             checksum: bool = False) -> dict[str, int]:
    """Write the bundle; return counts per record type (and "entries_by_kind")."""
    policy = load_policy_toml()
    per_role, period_of = base_counts(policy)
    factor = scale_factor(per_role, per_subject_year)
    diary_n = diary_per_cadre_year(per_subject_year)
    first_year = end_year - years + 1
    gen = Gen(seed)
    subs = build_subjects(gen, subjects, first_year)
    links = {s["id"]: build_links(gen, s, first_year, end_year) for s in subs}
    stats: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    tail: list[dict] = []
    # streamed: the records go to a body file as they are made (memory stays flat at county
    # size, 2.5 M entries); the header, which states their number, is written before it
    body_path = Path(f"{out}.body")
    body = open(body_path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    count = 0

    def emit(rec):
        nonlocal count
        rec = {k: v for k, v in rec.items() if not k.startswith("_")}
        stats[rec["type"]] = stats.get(rec["type"], 0) + 1
        body.write(json.dumps(rec, ensure_ascii=False, separators=(", ", ": ")) + "\n")
        count += 1

    for s in subs:
        emit(s)
    for s in subs:
        for ln in links[s["id"]]:
            emit(ln)
    for s in subs:
        counts = {k: v * factor for k, v in subject_counts(per_role, s["roles"]).items()}
        dn = diary_n if "cadre" in s["roles"] else 0
        for year in range(first_year, end_year + 1):
            for rec in build_entries(gen, s, links[s["id"]], year, counts, dn, period_of):
                by_kind[rec["kind"]] = by_kind.get(rec["kind"], 0) + 1
                emit(rec)
            if ledger and "leader" in s["roles"]:
                items, progress, trips = build_ledger(gen, s, year)
                tail.extend(items)
                tail.extend(progress)
                tail.extend(trips)
    order = {"ledger": 0, "ledger_progress": 1, "trip": 2}
    for rec in sorted(tail, key=lambda r: order[r["type"]]):
        emit(rec)
    body.close()
    header = {"format": "dutylog-bundle", "version": 1, "created": f"{end_year + 1}-01-01T09:00:00+08:00",
              "source": f"bench-generate seed={seed} subjects={subjects} years={years}"}
    if checksum:
        header["records"] = count
    digest = hashlib.sha256()
    try:
        with open(out, "wb") as fh, open(body_path, "rb") as src:
            first = (json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8")
            fh.write(first)
            digest.update(first)
            while chunk := src.read(1 << 20):
                fh.write(chunk)
                digest.update(chunk)
            if checksum:
                fh.write((json.dumps({"type": "end", "sha256": digest.hexdigest()}) + "\n").encode())
    finally:
        body_path.unlink(missing_ok=True)
    stats["entries_by_kind"] = by_kind  # type: ignore[assignment]
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--subjects", type=int, default=20)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--end-year", type=int, default=2025)
    ap.add_argument("--per-subject-year", type=float, default=1000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--no-ledger", action="store_true", help="Entries, subjects and links only.")
    ap.add_argument("--checksum", action="store_true",
                    help='State "records" in the header and end with the sha256 line.')
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    a = ap.parse_args(argv)
    stats = generate(a.out, a.subjects, a.years, a.end_year, a.per_subject_year, a.seed,
                     not a.no_ledger, a.checksum)
    if a.json:
        print(json.dumps(stats, ensure_ascii=False))
    elif not a.quiet:
        by_kind = stats.pop("entries_by_kind")
        print(json.dumps(stats, ensure_ascii=False))
        for kind, n in sorted(by_kind.items(), key=lambda kv: -kv[1]):
            print(f"  {kind:26} {n:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
