"""One catalog of user-facing strings, Chinese first. `t(key, lang)`; `DUTYLOG_LANG` picks the default."""

from __future__ import annotations

import os

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # statuses
    "status.met": ("已完成", "met"),
    "status.on_track": ("进度正常", "on track"),
    "status.behind": ("落后", "behind"),
    "status.missed": ("未完成", "missed"),
    "status.over": ("超出上限", "over"),
    "status.none": ("无指标", "no target"),
    "status.open": ("进行中", "open"),
    "status.future": ("未开始", "future"),
    # periods
    "period.year": ("年度", "year"),
    "period.half": ("半年", "half-year"),
    "period.quarter": ("季度", "quarter"),
    "period.month": ("月度", "month"),
    "period.fortnight": ("双周", "fortnight"),
    "period.window": ("一季度内", "by end of Q1"),
    # units
    "unit.days": ("天", "days"),
    "unit.count": ("次", "times"),
    "unit.share": ("占比", "share"),
    "unit.rate": ("比率", "rate"),
    "unit.links": ("个", "linked"),
    "unit.topics": ("个", "topics"),
    "unit.items": ("项", "items"),
    "unit.projects": ("个", "projects"),
    # table headings
    "col.rule": ("职责", "Duty"),
    "col.progress": ("进度", "Progress"),
    "col.actual": ("完成/目标", "Actual/target"),
    "col.expected": ("应达", "Expected"),
    "col.status": ("状态", "Status"),
    "col.id": ("编号", "ID"),
    "col.date": ("日期", "Date"),
    "col.kind": ("类别", "Kind"),
    "col.days": ("天数", "Days"),
    "col.title": ("标题", "Title"),
    "col.place": ("地点", "Place"),
    "col.by": ("记录人", "Recorded by"),
    "col.subject": ("对象", "Subject"),
    "col.roles": ("角色", "Roles"),
    "col.name": ("名称", "Name"),
    "col.type": ("类型", "Type"),
    "col.since": ("起", "Since"),
    "col.until": ("止", "Until"),
    "msg.no_entries": ("没有记录。", "No entries."),
    "msg.no_subjects": ("还没有对象。用 dutylog subject add 姓名 --role leader 添加。",
                        "No subjects yet. Add one: dutylog subject add NAME --role leader"),
    "msg.as_of": ("截至", "as of"),
    "msg.year": ("年度", "year"),
    "msg.four_no": ("四不两直", "unannounced"),
    "msg.no_target": ("无指标", "no target"),
    "msg.deleted": ("已删除", "deleted"),
}


def default_lang() -> str:
    lang = os.environ.get("DUTYLOG_LANG", "zh").strip().lower()[:2]
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str = "zh") -> str:
    zh, en = STRINGS.get(key, (key, key))
    return en if lang == "en" else zh
