"""The dashboard's rule rows: title, quota bar with pace mark, actual/target, status word.

One OptionList (keyboard and mouse for free, one widget however many rules): each rule
is an option whose prompt is a few lines of `rich.text.Text` laid out by screen cells.
User and policy text is appended as plain text, never parsed as markup.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dutylog.domain.progress import MET, OVER, PeriodResult, RuleResult
from dutylog.fmt import rule_line
from dutylog.i18n import t
from dutylog.textcells import pad

from .. import fmt

TITLE_W, BAR_W, NUM_W, STATUS_W, PACE_W = 22, 15, 12, 13, 10
DETAIL_W = BAR_W + 1 + NUM_W + 1 + STATUS_W
# the title column follows the list's width (RulesList.on_resize): never under MIN_TITLE_W,
# never wider than the longest title; the rest of the line is this wide
MIN_TITLE_W = 10
NARROW_BAR_W = 8  # when a 15-cell bar would leave the title under WANT_TITLE_W
WANT_TITLE_W = 16
FIXED_W = 1 + 1 + 1 + NUM_W + 1 + STATUS_W  # with the bar's cells: the line beside the title
GUTTER_W = 3  # the list's left padding and its scrollbar
BAR_BG = {"met": "on green", "on_track": "on dark_cyan", "behind": "on yellow",
          "missed": "on red", "over": "on magenta", "none": "on grey35"}
EMPTY_BG = "on grey30"
YEARLY = ("year", "window")
PACE_SHOWN_FROM = 4  # "应达0.46" of a once-a-year duty says nothing; the bar's mark still shows


class RulesList(OptionList):
    """Rules grouped by the policy's sections. Selecting a rule asks to log its kind.

    One line a rule at any width: the title column takes what the bar, numbers and status
    leave (cut with "…", the whole title is the rule's tooltip in the status table and the
    side panel), and lines never wrap (app.tcss `#rules`)."""

    def __init__(self, *options, data=None, lang: str = "zh",
                 columns: tuple[int, int, bool, bool] = (TITLE_W, BAR_W, True, False), **kwargs) -> None:
        """`columns`: those the `options` were made for (`column_widths`); when they are the
        ones the list's width wants, its first resize draws nothing again."""
        super().__init__(*options, **kwargs)
        self.data, self.lang = data, lang
        self.columns = columns

    def on_resize(self) -> None:
        if self.data is None:
            return
        columns = column_widths(self.data, self.lang, self.size.width)
        if columns != self.columns:
            self.columns = columns
            self.show(self.data, self.lang)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """A title cut to fit is whole in the list's tooltip while its rule is highlighted."""
        self.tooltip = self.full_title(event.option.id)

    def full_title(self, rule_id: str | None) -> str | None:
        if self.data is None or rule_id is None:
            return None
        for _, results in self.data.sections:
            for r in results:
                if r.rule.id == rule_id:
                    title = fmt.rule_title(r, self.lang)
                    return title if cell_len(title) > self.columns[0] else None
        return None

    def show(self, data, lang: str) -> None:
        self.data, self.lang = data, lang
        # another subject's titles and pending counts: other columns (for the width the
        # list has, or, not laid out yet, the one it will have)
        self.columns = column_widths(data, lang, self.size.width or list_width(self.app.size.width))
        options = rule_options(data, lang, *self.columns)
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted


# The side panel's width at each of the app's horizontal breakpoints (app.tcss `.-w80
# #side`, `.-w100 #side`; SidePanel's own 40): the rules list has the rest, less its padding
SIDE_W = ((120, 40), (100, 32), (0, 26))


def list_width(screen_width: int) -> int:
    """The rules list's width on a dashboard `screen_width` cells wide (tests check it
    against the laid-out list at 80, 100, 120 and 140 columns)."""
    side = next(w for at, w in SIDE_W if screen_width >= at)
    return max(1, screen_width - side - 1)


def column_widths(data, lang: str, width: int) -> tuple[int, int, bool, bool]:
    """(title cells, bar cells, pace shown, short pending word) for a list `width` cells
    wide: the pace column gives way first, then the bar narrows, then 含待确认 N becomes
    待N, then the title is cut."""
    longest = max((cell_len(fmt.rule_title(r, lang)) for _, results in data.sections for r in results),
                  default=TITLE_W)
    counts = [n for n in getattr(data, "pending", {}).values() if n]
    most = max(counts, default=0)
    long_w = 1 + cell_len(t("dash.pending", lang, n=most)) if most else 0
    short_w = 1 + cell_len(t("dash.pending_short", lang, n=most)) if most else 0
    room = width - GUTTER_W - FIXED_W - BAR_W - long_w  # 含待确认 N stays on the line too
    if room - 1 - PACE_W >= longest:
        return longest, BAR_W, True, False
    if room >= min(longest, WANT_TITLE_W):
        return min(longest, room), BAR_W, False, False
    narrow = room + BAR_W - NARROW_BAR_W
    short = narrow < min(longest, WANT_TITLE_W)
    if short:
        narrow += long_w - short_w
    return max(MIN_TITLE_W, min(longest, narrow)), NARROW_BAR_W, False, short


def rule_options(data, lang: str, title_w: int = TITLE_W, bar_w: int = BAR_W,
                 pace: bool = True, short: bool = False) -> list[Option]:
    options: list[Option] = []
    policy = getattr(data, "policy", None)
    for section, results in data.sections:
        options.append(Option(Text(section.name.get(lang), style="bold underline"),
                              id=f"section-{section.id}", disabled=True))
        for r in results:
            pending = getattr(data, "pending", {}).get(r.rule.id, 0)
            options.append(Option(rule_text(r, data.as_of, lang, policy, title_w, bar_w, pace, pending, short),
                                  id=r.rule.id))
    return options


def rule_text(r: RuleResult, as_of: date, lang: str, policy=None, title_w: int = TITLE_W,
              bar_w: int = BAR_W, pace: bool = True, pending: int = 0, short: bool = False) -> Text:
    """The lines of one rule, in the words of `fmt.rule_line` (the status table's and the
    report's too): title, bar with pace mark, actual / target, status; then the periods
    (or the objects) and why, when there is something to say."""
    view = rule_line(r, policy, as_of, lang)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(pad(fmt.rule_title(r, lang), title_w))
    line.append(" ")
    line.append_text(bar(view.fraction, view.pace_at, r.status, view.fraction is None, bar_w))
    line.append(" ")
    line.append(pad(fmt.glyph_text(view.progress), NUM_W, "right"))
    line.append(" ")
    style = fmt.STATUS_STYLE.get(r.status, "")
    if view.word == t("dash.closes_today", lang):
        style = fmt.STATUS_STYLE["open"]
    line.append(pad(f"{fmt.glyph_text(view.mark)} {view.word}", STATUS_W), style=style)
    if pending:  # entries someone else recorded, counted here, not yet confirmed; before
        line.append(" ")  # the pace: on a narrow terminal the line is cut at its end
        line.append(t("dash.pending_short" if short else "dash.pending", lang, n=pending), style="bold yellow")
    if pace and view.expected and r.status not in (MET, OVER) and (r.target.min or 0) >= PACE_SHOWN_FROM:
        line.append(" ")
        line.append(pad(t("dash.pace", lang, x=view.expected), PACE_W), style="dim")
    lines = [line]
    if r.metric.per_object:
        lines.extend(_object_lines(r, as_of, lang, title_w))
    elif r.rule.period not in YEARLY:
        lines.append(_strip_line(r, as_of, lang, title_w))
    unlinked = r.metric.per_object and not any(p.objects for p in r.periods)
    if view.detail and not unlinked:  # one line under the bar, cut to fit (the table has it whole)
        # (a rule with nothing linked already says so with the key to link, just above)
        lines.append(Text(pad("", title_w) + " " + pad(fmt.glyph_text(view.detail), DETAIL_W - BAR_W + bar_w).rstrip(), style="dim"))
    if r.breakdown:
        lines.append(_breakdown_line(r, lang, policy, title_w))
    out = Text("\n").join(lines)
    out.no_wrap, out.overflow = True, "ellipsis"  # every line stays one line, cut at the edge
    return out


def bar(fraction: float | None, pace_at: float | None, status: str, no_target: bool,
        width: int = BAR_W) -> Text:
    """`width` cells of coloured background, a pace mark, and '+' beyond 100 % (it clamps).

    Built from a few runs, not a span per cell: the dashboard paints ~30 of these at start.
    """
    out = Text()
    full_cell, empty_cell, pace_mark, none_cell, _ = fmt.bar_glyphs()
    if no_target or fraction is None:
        out.append(pad(none_cell * width, width + 1), style="dim")
        return out
    filled = max(0, min(width, round(fraction * width)))
    if 0 < fraction and filled == 0:
        filled = 1
    pace_cell = None if pace_at is None else max(0, min(width - 1, round(pace_at * width) - 1))
    full = BAR_BG.get(status, BAR_BG["on_track"])
    cells = [(full_cell, full) if i < filled else (empty_cell, EMPTY_BG) for i in range(width)]
    if pace_cell is not None:
        cells[pace_cell] = (pace_mark, f"bold white {cells[pace_cell][1]}")
    for chars, style in _runs(cells):
        out.append(chars, style=style)
    out.append("+" if fraction > 1 else " ", style="bold magenta" if status == OVER else "bold green")
    return out


def _runs(cells: list[tuple[str, str]]):
    """Merge neighbouring cells of one style: ('  ', 'on green'), ('│', …), …"""
    run, style = "", None
    for chars, st in cells:
        if st != style and run:
            yield run, style
            run = ""
        run, style = run + chars, st
    if run:
        yield run, style


def strip(periods: list[PeriodResult], kind: str) -> Text:
    gap = "" if kind == "fortnight" else " "
    marks = fmt.strip_marks()
    cells = [(marks.get(p.status, "?") + gap, fmt.STATUS_STYLE.get(p.status, ""))
             for p in periods]
    out = Text()
    for chars, style in _runs(cells):
        out.append(chars, style=style)
    return out


def _strip_line(r: RuleResult, as_of: date, lang: str, title_w: int = TITLE_W) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(pad("  " + t(f"period.{r.rule.period}", lang), title_w), style="dim")
    line.append(" ")
    line.append_text(strip(r.periods, r.rule.period))
    now = r.current_period(as_of)
    if now is not None and not r.target.empty and now.status != "untracked":
        name = fmt.period_name(r.rule.period, now, as_of, lang)
        target = fmt.glyph_text(fmt.target_text(r.target, r.rule.unit, lang))
        line.append(f"  {name} {fmt.num(now.actual, r.rule.unit)}/{target}",
                    style=fmt.STATUS_STYLE.get(now.status, ""))
    return line


def _object_lines(r: RuleResult, as_of: date, lang: str, title_w: int = TITLE_W) -> list[Text]:
    names: dict[str, str] = {}
    for p in r.periods:
        for o in p.objects or []:
            names.setdefault(o.id, o.name)
    lines = []
    if not names:
        lines.append(Text("  " + t("form.no_links", lang), style="dim"))
    for oid, name in names.items():
        per = [_object_period(p, oid) for p in r.periods]
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(pad(f"  {fmt.bar_glyphs()[3]} {name}", title_w))
        line.append(" ")
        line.append_text(strip(per, "object"))
        lines.append(line)
    return lines


def _object_period(p: PeriodResult, oid: str) -> PeriodResult:
    for o in p.objects or []:
        if o.id == oid:
            return PeriodResult(p.start, p.end, o.actual, o.status)
    # not linked in that period: greyed like an untracked one, else nothing to do
    return PeriodResult(p.start, p.end, None, "untracked" if p.status == "untracked" else "future")


def _breakdown_line(r: RuleResult, lang: str, policy=None, title_w: int = TITLE_W) -> Text:
    def word(k: str) -> str:
        term = policy.patrol_type(k) if policy is not None and r.rule.breakdown == "patrol" else None
        return term.word(lang) if term is not None else k

    parts = [f"{word(k)} {v}" for k, v in sorted(r.breakdown.items())]
    return Text(pad("", title_w) + " " + "　".join(parts), style="dim", no_wrap=True)

