"""The year at a glance on the dashboard: one cell a week, coloured by the week's entries.

A single line (cheap to paint). Clicking a week opens the calendar heatmap on it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from dutylog.i18n import t
from dutylog.textcells import pad

from .heatmap import LEVELS

FUTURE = "on grey19"

LABEL_W = 10


def week_level(n: int, busiest: int) -> int:
    """0 for an empty week, else 1–4 relative to the year's busiest week."""
    if n <= 0 or busiest <= 0:
        return 0
    return 1 + min(3, (n - 1) * 4 // busiest)


class WeekStrip(Widget):
    DEFAULT_CSS = """
    WeekStrip { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.year, self.as_of, self.weeks = 2000, date(2000, 12, 31), Counter()

    def show(self, year: int, counts: Counter, as_of: date) -> None:
        self.year, self.as_of = year, as_of
        self.weeks = Counter()
        for day, n in counts.items():
            self.weeks[self.week_of(day)] += n
        self.refresh()

    def first_monday(self) -> date:
        jan1 = date(self.year, 1, 1)
        return jan1 - timedelta(jan1.weekday())

    def week_of(self, day: date) -> int:
        return (day - self.first_monday()).days // 7

    def render(self) -> Text:
        out = Text(no_wrap=True)
        out.append(pad(t("strip.label", self.lang), LABEL_W), style="dim")
        last = self.week_of(date(self.year, 12, 31))
        busiest = max(self.weeks.values(), default=0)
        for w in range(last + 1):
            start = self.first_monday() + timedelta(7 * w)
            style = FUTURE if start > self.as_of else LEVELS[week_level(self.weeks.get(w, 0), busiest)]
            out.append("  ", style=style)
        return out

    def on_click(self, event) -> None:
        week = (event.x - self.styles.padding.left - LABEL_W) // 2
        if event.x - self.styles.padding.left < LABEL_W or week < 0:
            return
        day = max(date(self.year, 1, 1), self.first_monday() + timedelta(7 * week))
        if day.year == self.year:
            self.app.action_calendar(day.isoformat())
