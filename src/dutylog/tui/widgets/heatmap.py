"""A calendar heatmap of a year's activity: weeks as columns, Monday to Sunday as rows.

Each day is two cells of background colour (no glyph whose width a terminal could
disagree on), or one cell when the year does not fit two (under ~112 columns: 80×24
shows the whole year, its cursor in the grid). Arrow keys move a cursor (left/right a week, up/down a day); Enter or a
click posts `Heatmap.DaySelected`.
"""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from dutylog.i18n import t
from dutylog.textcells import pad

LEVELS = ("on grey23", "on #0e4429", "on #006d32", "on #26a641", "on #39d353")
FUTURE = "on grey11"
LABEL_W = 4


def level(n: int) -> int:
    return 0 if n <= 0 else min(4, n)


class Heatmap(Widget, can_focus=True):
    DEFAULT_CSS = """
    Heatmap { height: 10; width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: clip; }
    """
    BINDINGS = [
        Binding("left", "move(-7)", show=False), Binding("right", "move(7)", show=False),
        Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1))

    class DaySelected(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, lang: str = "zh", **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.year = 2000
        self.as_of = date(2000, 12, 31)
        self.counts: Counter = Counter()

    def show(self, year: int, counts: Counter, as_of: date) -> None:
        self.year, self.counts, self.as_of = year, counts, as_of
        last = min(as_of, date(year, 12, 31))
        self.cursor = last if last.year == year else date(year, 1, 1)
        self.refresh()

    # ---- geometry
    @property
    def first_monday(self) -> date:
        jan1 = date(self.year, 1, 1)
        return jan1 - timedelta(jan1.weekday())

    @property
    def weeks(self) -> int:
        return (date(self.year, 12, 31) - self.first_monday).days // 7 + 1

    @property
    def cell_w(self) -> int:
        """Cells a day: two when the year fits the widget (or before it is laid out), else one."""
        width = self.content_region.width
        return 2 if not width or width >= LABEL_W + 2 * self.weeks else 1

    def day_at(self, x: int, y: int) -> date | None:
        row, col = y - 1, (x - LABEL_W) // self.cell_w
        if not 0 <= row < 7 or x < LABEL_W:
            return None
        day = self.first_monday + timedelta(7 * col + row)
        return day if day.year == self.year else None

    # ---- drawing
    def render(self) -> Text:
        weeks = self.weeks
        out = Text(no_wrap=True)
        out.append_text(self._month_line(weeks))
        labels = t("hm.weekdays", self.lang).split(",")
        for row in range(7):
            out.append("\n")
            out.append(pad(labels[row], LABEL_W), style="dim")
            for col in range(weeks):
                day = self.first_monday + timedelta(7 * col + row)
                out.append_text(self._cell(day))
        out.append("\n")
        out.append_text(self._legend())
        return out

    def _cell(self, day: date) -> Text:
        blank = " " * self.cell_w
        if day.year != self.year:
            return Text(blank)
        style = FUTURE if day > self.as_of else LEVELS[level(self.counts.get(day, 0))]
        if day == self.cursor:
            mark = ("[]" if self.has_focus else "<>") if self.cell_w == 2 else ("@" if self.has_focus else "o")
            return Text(mark, style=f"bold white {style}" if self.has_focus else f"white {style}")
        return Text(blank, style=style)

    def _month_line(self, weeks: int) -> Text:
        line = Text(no_wrap=True)
        pos = 0
        for m in range(1, 13):
            col = LABEL_W + self.cell_w * ((date(self.year, m, 1) - self.first_monday).days // 7)
            label = f"{m}月" if self.lang == "zh" else calendar.month_abbr[m]
            col = max(col, pos + 1 if pos else 0)
            line.append(" " * (col - pos))
            line.append(label, style="dim")
            pos = col + cell_len(label)
        return line

    def _legend(self) -> Text:
        n = self.counts.get(self.cursor, 0)
        out = Text(pad("", LABEL_W))
        out.append(t("hm.day", self.lang, date=self.cursor.isoformat(), n=n), style="bold")
        out.append("   " + t("hm.less", self.lang) + " ", style="dim")
        for style in LEVELS:
            out.append("  ", style=style)
        out.append(" " + t("hm.more", self.lang) + "   ", style="dim")
        out.append(t("hm.hint", self.lang), style="dim")
        return out

    # ---- input
    def on_resize(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        day = self.cursor + timedelta(days)
        if day.year == self.year:
            self.cursor = day

    def action_choose(self) -> None:
        self.post_message(self.DaySelected(self.cursor))

    def on_click(self, event) -> None:
        day = self.day_at(event.x - self.styles.padding.left, event.y)
        if day is not None:
            self.cursor = day
            self.post_message(self.DaySelected(day))
