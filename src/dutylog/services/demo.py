"""A realistic sample year for `dutylog demo`, the first-run screen and the screenshots.

Two vice mayors and a Party-member cadre with their linked enterprises, department heads,
town and village, and a year of activities up to `svc.today` (and the whole year before),
with the gaps real diaries have: a fortnight without frontline office, a month without a
petition reception day, an enterprise not visited in a quarter. Every write goes through
the `Dutylog` service, so every entry is validated exactly as a user's would be.
The same seed gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .core import Dutylog, LogRequest

SECRETARY = "办公室 周敏"
TOWNS = ["凤城街道", "方圆街道", "东村街道", "留格庄镇", "盘石店镇", "郭城镇", "徐家店镇",
         "发城镇", "小纪镇", "行村镇", "辛安镇", "二十里店镇", "朱吴镇"]
TOPICS = ["农村人居环境整治", "海水养殖产业发展", "安全生产大检查", "乡村振兴示范片区建设",
          "苹果产业提质增效", "重点项目建设进度", "农村养老服务中心运营", "中小学校舍安全",
          "汛前防汛准备", "秸秆禁烧和森林防火", "农村饮水安全", "营商环境问题收集"]
PEOPLE = ["镇党委书记、镇长及相关部门负责人", "市直有关部门负责人", "村党支部书记、村民代表",
          "企业负责人", "街道办事处主任、社区书记"]


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]
    diligence: float  # 0..1: how often a due activity actually happens
    links: tuple[tuple[str, str], ...] = ()
    topics: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


PEOPLE_OF_DEMO = (
    Person("张海峰", ("leader", "party-group-member"), 0.9,
           (("enterprise", "海阳新能源装备有限公司"), ("enterprise", "海阳海洋食品有限公司"),
            ("enterprise", "海阳绿源纺织有限公司"), ("department-head", "市发展和改革局 刘建国"),
            ("department-head", "市工业和信息化局 陈志强"), ("town", "凤城街道"),
            ("village", "凤城街道北城阳村")),
           ("海水养殖产业转型升级", "县域营商环境优化"),
           ("核电装备产业园二期建设", "城区老旧小区改造", "海阳港综合物流园招商")),
    Person("李晓梅", ("leader", "party-group-member"), 0.7,
           (("enterprise", "海阳华信电子科技有限公司"), ("enterprise", "海阳金港物流有限公司"),
            ("enterprise", "海阳丰源食品有限公司"), ("department-head", "市商务局 赵立新"),
            ("department-head", "市农业农村局 孙红"), ("town", "留格庄镇"),
            ("village", "留格庄镇东留格庄村")),
           ("农村集体经济发展",),
           ("跨境电商产业园建设", "农产品冷链物流体系")),
    Person("王建军", ("party-member",), 0.8),
)


def fill_demo(svc: Dutylog, years: int = 2, seed: int = 2022) -> list[str]:
    """Add the demo subjects, their links and `years` years of entries up to `svc.today`."""
    today = svc.today
    first = today.year - years + 1
    for person in PEOPLE_OF_DEMO:
        svc.add_subject(person.name, list(person.roles), date(first, 1, 1))
        for link_type, name in person.links:
            svc.link(person.name, link_type, name, date(first, 1, 1))
    for person in PEOPLE_OF_DEMO:
        for year in range(first, today.year + 1):
            rng = random.Random(f"{seed}-{person.name}-{year}")
            _Year(svc, person, year, rng).fill()
    return [p.name for p in PEOPLE_OF_DEMO]


class _Year:
    def __init__(self, svc: Dutylog, person: Person, year: int, rng: random.Random):
        self.svc, self.p, self.year, self.rng = svc, person, year, rng
        self.until = svc.today  # nothing is logged after the service's today
        self.roles = svc.policy.expand_roles(person.roles)  # leader → cadre, as the rules see it

    # ---- helpers
    def log(self, kind: str, when: date, **fields: Any) -> None:
        if when > self.until or when.year != self.year:
            return
        if self.p.roles[0] == "leader" and "by" not in fields and self.rng.random() < 0.3:
            fields["by"] = SECRETARY
        self.svc.log(LogRequest(kind=kind, subject=self.p.name, date=when, **fields))

    def does(self, bonus: float = 0.0) -> bool:
        return self.rng.random() < min(1.0, self.p.diligence + bonus)

    def weekday(self, start: date, end: date) -> date:
        days = [start + timedelta(n) for n in range((end - start).days + 1)]
        work = [d for d in days if d.weekday() < 5] or days
        return self.rng.choice(work)

    def month(self, m: int) -> tuple[date, date]:
        nxt = date(self.year + (m == 12), m % 12 + 1, 1)
        return date(self.year, m, 1), nxt - timedelta(1)

    def quarter(self, q: int) -> tuple[date, date]:
        return self.month(3 * q - 2)[0], self.month(3 * q)[1]

    def links(self, link_type: str) -> list[str]:
        return [name for t, name in self.p.links if t == link_type]

    # ---- the year
    def fill(self) -> None:
        if "cadre" in self.roles:
            self.frontline()
            self.diary()
        if "leader" in self.roles:
            self.research()
            self.monthly_leader()
            self.quarterly_leader()
            self.yearly_leader()
        if "party-member" in self.roles:
            self.party_member()

    def frontline(self) -> None:
        jan1 = date(self.year, 1, 1)
        for k in range(26):
            start = jan1 + timedelta(14 * k)
            end = date(self.year, 12, 31) if k == 25 else start + timedelta(13)
            if self.does(0.05):
                town = self.rng.choice(TOWNS)
                self.log("frontline-office", self.weekday(start, end), title=f"{town}一线办公",
                         place=f"{town}便民服务中心", people=self.rng.choice(PEOPLE))

    def diary(self) -> None:
        for m in range(1, 13):
            for _ in range(self.rng.randint(1, 3)):
                town = self.rng.choice(TOWNS)
                self.log("diary", self.weekday(*self.month(m)), title=f"{town}群众反映{self.rng.choice(TOPICS)}问题",
                         place=town, note="已转相关部门办理，跟踪反馈。")

    def research(self) -> None:
        week = date(self.year, 1, 2)
        while week.year == self.year:
            visits = self.rng.choices([0, 1, 2], [1 - self.p.diligence, 0.55, self.p.diligence * 0.5])[0]
            for _ in range(visits):
                town = self.rng.choice(TOWNS)
                topic = self.rng.choice(TOPICS)
                self.log("field-research", self.weekday(week, week + timedelta(4)),
                         days=self.rng.choice([0.5, 1.0, 1.0, 1.5]),
                         four_no=self.rng.random() < self.p.diligence * 0.7,
                         title=f"{topic}调研", place=town, people=self.rng.choice(PEOPLE))
            week += timedelta(7)

    def monthly_leader(self) -> None:
        for m in range(1, 13):
            span = self.month(m)
            if self.does(0.08):
                self.log("petition-reception", self.weekday(span[0] + timedelta(9), span[1]),
                         days=1.0, title="市级领导公开接访日", place="市信访局接待大厅")
            if self.does(0.1):
                self.log("indicator-dispatch", self.weekday(*span), title=f"{m}月分管领域考核指标调度会")
            if self.does():
                self.log("investment-dispatch", self.weekday(*span), title="重点招商项目推进调度")
            if self.rng.random() < 0.5:
                self.log("patrol", self.weekday(*span), patrol=self.rng.choice(["river", "bay", "forest"]),
                         title="河湖林长巡查", place=self.rng.choice(TOWNS))

    def quarterly_leader(self) -> None:
        for q in range(1, 5):
            span = self.quarter(q)
            for name in self.links("enterprise"):
                if self.does(0.05):
                    self.log("enterprise-visit", self.weekday(*span), object=name,
                             title="走访企业了解生产经营情况", place=name)
            if self.does(0.1):
                self.log("major-item-report", self.weekday(span[0] + timedelta(30), span[1]),
                         title=f"第{q}季度重大事项进展汇报")
            if self.does(0.1):
                self.log("integrity-meeting", self.weekday(*span), title="分管领域党风廉政建设专题会议")

    def yearly_leader(self) -> None:
        y = self.year
        for item in self.p.items:
            self.log("major-item", self.weekday(date(y, 2, 10), date(y, 3, 25)), title=item)
        for topic in self.p.topics:
            self.log("research-topic", self.weekday(date(y, 1, 10), date(y, 2, 28)), title=topic)
        for head in self.links("department-head"):
            if self.does(0.05):
                self.log("integrity-talk", self.weekday(date(y, 3, 1), date(y, 10, 31)),
                         object=head, title="廉政谈话", place="市政府机关")
        once = [("dlm-guidance", (1, 10), (1, 31), "指导分管部门领导班子民主生活会"),
                ("org-life-attend", (2, 1), (2, 28), "参加所在党支部组织生活会"),
                ("org-life-guidance", (3, 1), (3, 31), "指导联系党支部组织生活会"),
                ("party-building-check", (4, 1), (4, 30), "检查分管部门党建工作"),
                ("party-lecture", (6, 20), (7, 10), "七一专题党课"),
                ("policy-report", (9, 1), (9, 30), "形势政策报告会"),
                ("research-report", (11, 1), (12, 20), f"关于{self.p.topics[0]}的调研报告")]
        for kind, (m1, d1), (m2, d2), title in once:
            self.log(kind, self.weekday(date(y, m1, d1), date(y, m2, d2)), title=title)
        town = self.links("town")[0]
        self.log("strict-governance-check", self.weekday(date(y, 5, 1), date(y, 5, 31)),
                 object=town, title=f"到{town}检查全面从严治党工作", place=town)
        for _ in range(self.rng.randint(1, 3)):
            when = self.weekday(date(y, 2, 1), date(y, 11, 30))
            self.log("court-case", when, appeared=self.rng.random() < self.p.diligence + 0.15,
                     title=f"（{y}）鲁0687行初{self.rng.randint(10, 99)}号行政诉讼案件出庭应诉",
                     place="海阳市人民法院")

    def party_member(self) -> None:
        y = self.year
        projects = ["社区老年食堂志愿服务", "困难家庭子女课业辅导", "小区垃圾分类宣传",
                    "楼道环境整治", "防范电信诈骗宣传"]
        for title in projects[: self.rng.randint(3, 4)]:
            self.log("service-project", self.weekday(date(y, 2, 1), date(y, 4, 30)), title=title,
                     place="凤城街道海滨社区")
        for m in range(1, 13):
            if self.does():
                self.log("community-service", self.weekday(*self.month(m)),
                         title=self.rng.choice(projects), place="凤城街道海滨社区")
