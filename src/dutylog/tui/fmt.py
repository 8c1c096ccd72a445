"""Words and colours the screens share: numbers by unit, targets, statuses, period names."""

from __future__ import annotations

import calendar
from datetime import date

from rich.text import Text

from dutylog.domain.progress import PeriodResult, RuleResult
from dutylog.domain.rules import Target
from dutylog.fmt import STATUS_MARK, num  # noqa: F401  (STATUS_MARK: one table for CLI and TUI)
from dutylog.fmt import target_text as _target_text
from dutylog.i18n import t
from dutylog.textsafe import shown_line

# Status colours (work on dark and light themes); the word always goes with the colour.
STATUS_STYLE = {
    "met": "bold green", "on_track": "cyan", "behind": "bold yellow", "missed": "bold red",
    "over": "bold magenta", "none": "dim", "open": "yellow", "future": "dim",
    "unreachable": "bold red", "untracked": "grey50",
}
# Period strip: a shape per status, so colour is never the only cue (untracked: greyed).
STRIP_MARK = {"met": "●", "over": "▲", "missed": "✗", "open": "○", "future": "·", "untracked": "–"}
# The same in ASCII, for terminals that draw ambiguous-width glyphs two cells wide
# (`--ascii`, DUTYLOG_ASCII=1, the saved glyph setting; dutylog.console.ascii_mode).
STRIP_ASCII = {"met": "o", "over": "^", "missed": "x", "open": "_", "future": ".", "untracked": "-"}
# the bar: (filled cell, empty cell, pace mark, no target, cut text)
BAR_GLYPHS = (" ", " ", "│", "·", "…")
BAR_ASCII = ("#", "-", "|", ".", "~")


def ascii_glyphs() -> bool:
    from dutylog.console import ascii_mode

    return ascii_mode()


def strip_marks() -> dict[str, str]:
    return STRIP_ASCII if ascii_glyphs() else STRIP_MARK


def bar_glyphs() -> tuple[str, str, str, str, str]:
    return BAR_ASCII if ascii_glyphs() else BAR_GLYPHS


# the ambiguous-width characters of numbers and targets ("≥4", "1–3", "—"), in ASCII
ASCII_TEXT = str.maketrans({"≥": ">=", "≤": "<=", "–": "-", "—": "-", "…": "~", "·": ".", "●": "o", "•": "*",
                             "✓": "+", "✗": "x", "■": "#", "▼": "v", "▲": "^", "█": "#", "─": "-",
                             "│": "|", "○": "o"})


def glyph_text(text: str) -> str:
    """`text` as drawn: unchanged, or its ambiguous-width characters in ASCII."""
    return text.translate(ASCII_TEXT) if ascii_glyphs() else text


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
    if kind == "week":
        if p.start <= as_of <= p.end:
            return t("pl.week_now", lang)
        return t("pl.week", lang, n=_week_number(p.start))
    if kind == "month":
        return t("pl.month", lang, m=p.start.month, mon=calendar.month_abbr[p.start.month])
    if kind == "quarter":
        return t("pl.quarter", lang, q=(p.start.month - 1) // 3 + 1)
    if kind == "half":
        return t("pl.half1" if p.start.month == 1 else "pl.half2", lang)
    if kind == "window":
        return t("pl.window", lang)
    return t("pl.year", lang, y=p.start.year)


def _week_number(start: date) -> int:
    """1 for the week holding 1 January, then one more at every Monday."""
    jan1 = date(start.year, 1, 1)
    to_monday = (7 - jan1.weekday()) % 7
    days = (start - jan1).days
    mondays = 0 if days < to_monday else (days - to_monday) // 7 + 1
    return mondays if jan1.weekday() == 0 else mondays + 1


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
    # days left with today counted, as the 无法完成 reason counts them ("剩余 32 天")
    left = t("dash.closes_today", lang) if item.days_left == 0 else t("dash.days_left", lang, n=item.days_left + 1)
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


def _word(term, code: str | None, lang: str) -> str:
    """A term's word in `lang`; a code the policy does not name stays as it is."""
    return term.word(lang) if term is not None else (code or "")


def roles_text(policy, roles, lang: str) -> str:
    """Short role words for a header line ('市政府领导、班子成员'), from the policy."""
    return ("、" if lang == "zh" else ", ").join(_word(policy.role(r), r, lang) for r in roles)


def link_type_word(policy, link_type: str, lang: str) -> str:
    """'企业' for `enterprise`: the short word of the policy's [[link_types]]."""
    return _word(policy.link_type(link_type), link_type, lang)


def patrol_word(policy, patrol: str | None, lang: str) -> str:
    """'巡河湖' for `river`: the word of the policy's [[patrol_types]]."""
    return _word(policy.patrol_type(patrol or ""), patrol, lang)


def ledger_type_word(policy, ledger_type: str, lang: str) -> str:
    """'督办件' for `supervision`: the name of the policy's [[ledger_types]]."""
    return _word(policy.ledger_type(ledger_type), ledger_type, lang)


def cell(text, style: str = "", justify=None) -> Text:
    """A table cell holding user text: a Text (never markup), on one line, every control
    character made visible (issue 12: ESC/OSC sequences in a title must not reach the
    terminal)."""
    return Text(shown_line("" if text is None else str(text)), style=style, justify=justify)
