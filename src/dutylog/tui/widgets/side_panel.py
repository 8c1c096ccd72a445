"""The dashboard's right column: what is due next, what is missed, and room for ledgers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from dutylog.i18n import t

from .. import fmt

MAX_DUE, MAX_MISSED = 12, 12


class SidePanel(VerticalScroll, can_focus=False):
    """One text (a widget a part cost a new dashboard ~25 ms of layout): the headings in
    bold, each with a blank line above it as their `margin-top: 1` had."""

    DEFAULT_CSS = """
    SidePanel { width: 40; padding: 0 1; border-left: solid $foreground 20%; }
    """

    def __init__(self, data, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data, self.lang = data, lang

    def compose(self) -> ComposeResult:
        yield Static("" if self.data is None else panel_text(self.data, self.lang), id="side-text")

    def show(self, data) -> None:
        self.data = data
        self.query_one("#side-text", Static).update(panel_text(data, self.lang))


def panel_text(data, lang: str) -> Text:
    """What is due next, what is missed and, when there is one, the ledgers' summary."""
    out = Text()
    parts = [(t("dash.due", lang), _due_lines(data, lang)),
             (t("dash.missed", lang), _missed_lines(data, lang))]
    for heading, lines in parts:
        out.append("\n")
        out.append(heading, style="bold")
        out.append("\n")
        out.append_text(lines)
        out.append("\n")
    if data.ledger is not None:
        out.append("\n")
        out.append_text(_ledger(data, lang))
    out.rstrip()
    return out


def _missed_lines(data, lang: str) -> Text:
    return _lines([(fmt.missed_text(m, data.as_of, lang), "red") for m in data.missed],
                  MAX_MISSED, t("dash.nothing_missed", lang))


def _ledger(data, lang: str) -> Text:
    return ledger_text(data.ledger, lang) if data.ledger is not None else Text()


def _due_lines(data, lang: str) -> Text:
    """Two lines an item: what (bold), then when and how long is left (coloured by urgency)."""
    if not data.due:
        return Text(t("dash.nothing_due", lang), style="dim")
    out = Text()
    for i, item in enumerate(data.due[:MAX_DUE]):
        what, when = fmt.due_text(item, data.as_of, lang)
        if i:
            out.append("\n")
        out.append(fmt.glyph_text("•" + what if lang_zh(what) else "• " + what))
        out.append("\n  " + when, style=_urgency(item.days_left) or "dim")
    if len(data.due) > MAX_DUE:
        out.append(fmt.glyph_text("\n…") + f" +{len(data.due) - MAX_DUE}", style="dim")
    return out


def _urgency(days_left: int) -> str:
    if days_left <= 2:
        return "bold red"
    if days_left <= 7:
        return "yellow"
    return ""


def _lines(items: list[tuple[str, str]], limit: int, empty: str) -> Text:
    if not items:
        return Text(empty, style="dim")
    out = Text()
    for i, (line, style) in enumerate(items[:limit]):
        if i:
            out.append("\n")
        out.append(fmt.glyph_text("•" + line if lang_zh(line) else "• " + line), style=style)
    if len(items) > limit:
        out.append(fmt.glyph_text("\n…") + f" +{len(items) - limit}", style="dim")
    return out


def lang_zh(line: str) -> bool:
    """A Chinese line has no spaces to wrap at: the bullet must not be a word of its own."""
    return " " not in line


def ledger_text(summary, lang: str) -> Text:
    """Red/yellow ledger items and open trips (a `LedgerSummary`)."""
    out = Text(t("dash.ledger", lang) + "\n", style="bold")
    red, yellow, trips = summary.red, summary.yellow, summary.open_trips
    out.append(t("dash.ledger_line", lang, red=red, yellow=yellow, trips=trips),
               style="bold red" if red else ("yellow" if yellow else ""))
    return out
