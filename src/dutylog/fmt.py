"""Numbers and targets in words, by unit: one form for the CLI and the TUI (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from dutylog.i18n import t


def num(value: float | None, unit: str) -> str:
    """'3', '0.5', '80%' (share and rate units), '—' for none."""
    if value is None:
        return "—"
    if unit in ("share", "rate"):
        return f"{value * 100:.0f}%"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def target_text(lo: float | None, hi: float | None, unit: str, lang: str) -> str:
    """'≥4', '≤2', '=1', '1–3', or 'no target'."""
    if lo is None and hi is None:
        return t("msg.no_target", lang)
    if lo is not None and hi is not None and lo != hi:
        return f"{num(lo, unit)}–{num(hi, unit)}"
    if lo is not None and hi is not None:
        return f"={num(lo, unit)}"
    if lo is not None:
        return f"≥{num(lo, unit)}"
    return f"≤{num(hi, unit)}"


# ---------------------------------------------------------------------- one rule, in words
# The dashboard, the `status` table and the 述职 report all show a rule through
# `rule_line`, so the three can never disagree about actual, target or status.
STATUS_MARK = {"met": "✓", "on_track": "·", "behind": "!", "missed": "✗", "over": "▲",
               "none": " ", "unreachable": "✗", "untracked": "–"}
# The same marks in ASCII, for the legacy Windows console (`--ascii`, console.ascii_mode)
ASCII_MARK = {"met": "+", "on_track": ".", "behind": "!", "missed": "x", "over": "^",
              "none": " ", "unreachable": "x", "untracked": "-"}


def status_mark(status: str) -> str:
    from dutylog.console import ascii_mode

    return (ASCII_MARK if ascii_mode() else STATUS_MARK).get(status, " ")
YEARLY = ("year", "window")


@dataclass(frozen=True, slots=True)
class RuleLine:
    progress: str  # "31.5 / ≥60", "8 / 11 月", "1 / 3 位"
    fraction: float | None  # how full the bar is (may pass 1: over the quota)
    pace_at: float | None  # where the pace mark stands on the bar (0–1)
    expected: str  # the pace value in words, "" when there is none
    status: str  # the rule's status (CONTRACT.md)
    word: str  # the status in words: 已完成, 达标中, 今天截止, 无法完成 …
    mark: str  # a shape for the status, so colour is never the only cue
    detail: str  # why, or what is missing: "剩余 33 天，还差 54 天", "尚缺：刘建国"
    target: str  # "≥60", "=3", "1–2", "no target"


def rule_line(r, policy, as_of, lang: str) -> RuleLine:
    """Everything a person is shown about one RuleResult of domain.progress."""
    rule, target, unit, measure = r.rule, r.target, r.rule.unit, r.metric
    tt = target_text(target.min, target.max, unit, lang)
    details: list[str] = []
    objects = measure.per_object
    if objects and rule.period in YEARLY:
        progress, fraction, pace_at, details = _object_year(r, policy, lang)
        expected = "" if r.expected is None else num(r.expected, "count")
    elif rule.period in YEARLY:
        progress = f"{num(r.actual, unit)} / {tt}" if not target.empty else num(r.actual, unit)
        goal = target.min or target.max
        fraction = None if (target.empty or r.actual is None or not goal) else r.actual / goal
        if fraction is not None and measure.falls and r.status != "over":
            fraction = min(1.0, fraction)  # a share above its minimum is not over a quota
        pace_at = (r.expected / goal) if (r.expected is not None and goal) else None
        expected = "" if r.expected is None else num(r.expected, unit)
    else:
        tracked = [p for p in r.periods if p.status != "untracked"]
        met = sum(1 for p in tracked if p.status in ("met", "over"))
        ended = sum(1 for p in tracked if p.end < as_of or p.status == "missed")
        word = t(f"pu.{rule.period}", lang)
        if target.empty:
            progress, fraction, pace_at = num(r.actual, unit), None, None
        elif not tracked:  # every period before record keeping started
            progress, fraction, pace_at = "—", None, None
        else:
            progress = f"{met} / {len(tracked)}{word}"
            fraction = met / len(tracked) if tracked else None
            pace_at = ended / len(tracked) if tracked else None
        expected = ""
        if objects:
            details = _object_now(r, policy, as_of, lang)
    status = r.status
    word = t(f"status.{status}", lang)
    now = r.current_period(as_of)
    if status == "on_track" and measure.falls and r.actual is not None \
            and target.min is not None and r.actual >= target.min:
        word = t("status.holding", lang)
    elif status in ("on_track", "behind") and now is not None and now.status == "open" and now.end == as_of:
        word = t("dash.closes_today", lang)
    if status == "unreachable":
        if measure.day_based and target.min is not None and r.actual is not None:
            details.insert(0, t("why.days_left", lang, left=r.days_left,
                                need=num(target.min - r.actual, unit)))
        elif measure.falls:  # a rate after a failure
            details.insert(0, t("why.rate", lang))
    if status == "untracked":
        details.insert(0, t("why.untracked", lang))
    if rule.target_reading is not None:
        details.append(rule.target_reading.get(lang))
    sep = "；" if lang == "zh" else "; "
    return RuleLine(progress, fraction, pace_at, expected, status, word,
                    status_mark(status), sep.join(details), tt)


def _object_year(r, policy, lang: str):
    """A yearly per-object rule (integrity talks): objects done of objects linked."""
    objs = r.periods[0].objects or []
    counter = _counter(policy, r.rule.link_type, lang)
    if not objs:
        return "—", None, None, [t("why.no_links", lang, what=_link_word(policy, r.rule.link_type, lang))]
    need = r.target.min or 0
    done = [o for o in objs if o.status in ("met", "over") or o.actual >= need > 0]
    missing = [o.name for o in objs if o not in done]
    pace_at = None
    if r.expected is not None and need:
        pace_at = r.expected / (need * len(objs))
    details = [t("why.missing", lang, names=_names(missing, lang))] if missing else []
    progress = f"{len(done)} / {len(objs)} {counter}" if lang == "en" else f"{len(done)} / {len(objs)}{counter}"
    return progress, len(done) / len(objs), pace_at, details


def _object_now(r, policy, as_of, lang: str) -> list[str]:
    """The current period of a per-object rule: who is still to be visited."""
    now = r.current_period(as_of)
    if now is None or now.status in ("future", "untracked"):
        return []
    if not now.objects:
        return [t("why.no_links", lang, what=_link_word(policy, r.rule.link_type, lang))]
    missing = [o.name for o in now.objects if o.status not in ("met", "over")]
    return [t("why.missing", lang, names=_names(missing, lang))] if missing else []


def _names(names: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def _link_word(policy, link_type: str | None, lang: str) -> str:
    term = policy.link_type(link_type) if policy is not None and link_type else None
    return term.word(lang) if term is not None else (link_type or "")


def _counter(policy, link_type: str | None, lang: str) -> str:
    term = policy.link_type(link_type) if policy is not None and link_type else None
    return term.counter.get(lang) if term is not None and term.counter is not None else ""


# ---------------------------------------------------------------------- times
def local_moment(stamp: str | None, tz=None):
    """A stored timestamp (ISO, UTC with its zone) as a datetime in the laptop's zone (or
    `tz`), to the minute; a stamp without a zone is taken as UTC. None when there is none,
    it cannot be read, or it falls off the calendar at a zone's edge (year 1 or 9999)."""
    from datetime import datetime

    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(tz).replace(second=0, microsecond=0)
    except (OverflowError, OSError, ValueError):
        return None


def local_time(stamp: str | None, tz=None) -> str:
    """`local_moment` as text: "2025-03-02 11:29" for 03:29 UTC on a laptop set to 北京时间;
    a stamp that cannot be placed is shown as it is."""
    from datetime import datetime

    if not stamp:
        return ""
    try:
        datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    moment = local_moment(stamp, tz)
    if moment is None:  # year 1 or 9999 at a zone's edge
        return stamp[:16].replace("T", " ")
    return moment.strftime("%Y-%m-%d %H:%M")
