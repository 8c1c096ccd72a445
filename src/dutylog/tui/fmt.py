"""Words and colours the screens share: numbers by unit, targets, statuses, period names."""

from __future__ import annotations

import calendar
from datetime import date

from dutylog.domain.progress import PeriodResult, RuleResult
from dutylog.domain.rules import Target
from dutylog.fmt import num
from dutylog.fmt import target_text as _target_text
from dutylog.i18n import t

# Status colours (work on dark and light themes); the word always goes with the colour.
STATUS_STYLE = {
    "met": "bold green", "on_track": "cyan", "behind": "bold yellow", "missed": "bold red",
    "over": "bold magenta", "none": "dim", "open": "yellow", "future": "dim",
}
STATUS_MARK = {"met": "✓", "on_track": "·", "behind": "!", "missed": "✗", "over": "▲", "none": " "}
# Period strip: a shape per status, so colour is never the only cue.
STRIP_MARK = {"met": "●", "over": "▲", "missed": "✗", "open": "○", "future": "·"}


def target_text(target: Target, unit: str, lang: str) -> str:
    return _target_text(target.min, target.max, unit, lang)


def status_word(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def unit_word(unit: str, lang: str) -> str:
    return t(f"unit.{unit}", lang)


def period_name(kind: str, p: PeriodResult, as_of: date, lang: str) -> str:
    """'本双周', '6月', '第2季度', '上半年', '2025年' — or their English forms."""
    if kind == "fortnight":
        if p.start <= as_of <= p.end:
            return t("pl.fortnight_now", lang)
        return t("pl.fortnight", lang, n=(p.start - date(p.start.year, 1, 1)).days // 14 + 1)
    if kind == "month":
        return t("pl.month", lang, m=p.start.month, mon=calendar.month_abbr[p.start.month])
    if kind == "quarter":
        return t("pl.quarter", lang, q=(p.start.month - 1) // 3 + 1)
    if kind == "half":
        return t("pl.half1" if p.start.month == 1 else "pl.half2", lang)
    if kind == "window":
        return t("pl.window", lang)
    return t("pl.year", lang, y=p.start.year)


def rule_title(result: RuleResult, lang: str) -> str:
    return result.rule.title.get(lang)


def due_text(item, as_of: date, lang: str) -> tuple[str, str]:
    """('一线办公', '本双周尚未安排，还剩3天') for a DueItem of services.ui."""
    r = item.result
    what = rule_title(r, lang)
    if item.object_name:
        what += f"（{item.object_name}）" if lang == "zh" else f" ({item.object_name})"
    when = period_name(r.rule.period, item.period, as_of, lang)
    nothing_yet = item.need >= (r.target.min or 0)
    state = t("dash.not_yet", lang) if nothing_yet else t("dash.need", lang, need=num(item.need, r.rule.unit))
    left = t("dash.closes_today", lang) if item.days_left == 0 else t("dash.days_left", lang, n=item.days_left)
    if lang == "zh":
        return what, f"{when}{state}，{left}"
    return what, f"{when}: {state}, {left}"


def missed_text(item, as_of: date, lang: str) -> str:
    r = item.result
    sep = "：" if lang == "zh" else ": "
    what = rule_title(r, lang)
    if item.object_name:
        what += f"（{item.object_name}）" if lang == "zh" else f" ({item.object_name})"
    return f"{what}{sep}{period_name(r.rule.period, item.period, as_of, lang)}"


def roles_text(policy, roles, lang: str) -> str:
    """Short role words for a header line ('市政府领导、班子成员')."""
    return ("、" if lang == "zh" else ", ").join(t(f"role.{r}", lang) for r in roles)


def link_type_word(link_type: str, lang: str) -> str:
    return t(f"lt.{link_type}", lang)
