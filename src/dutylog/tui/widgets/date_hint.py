"""What a date field's text names, shown beside it before anything is saved.

Typing 上周五 in a date field shows "= 2026-11-20 星期五"; text that names no date shows
why, in words (the same refusal the save would give). Nothing is written: the service
parses the text with the app's one today, as the save will.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import t

from ..errors import explain


def weekday_word(day: date, lang: str) -> str:
    return t("date.weekdays", lang).split(",")[day.weekday()]


def describe(service, text: str, lang: str, allow_future: bool = True, empty: str = "") -> Text:
    """"= 2026-11-20 星期五" for text naming a date; the refusal in words; `empty` (what a
    blank field means) when there is no text."""
    if not (text or "").strip():
        return Text(empty, style="dim")
    try:
        day = service.date(text, "date", allow_future)
    except InvalidInput as exc:
        words = explain(exc, lang).plain.splitlines()
        return Text(words[0] if words else str(exc), style="red")
    return Text(f"= {day.isoformat()} {weekday_word(day, lang)}", style="green")


class DateHint(Static):
    """A line beside a date input; `show(text)` reads it with the screen's service."""

    def __init__(self, allow_future: bool = True, empty: str = "", *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="date-hint", markup=False)
        self.allow_future = allow_future
        self.empty = empty

    def show(self, text: str) -> None:
        screen = self.screen
        self.update(describe(screen.service, text, screen.lang, self.allow_future, self.empty))
