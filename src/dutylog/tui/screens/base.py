"""What dutylog screens share: the keys that work from anywhere; the service, language and
day a screen was given; the title–table–message layout of the list screens."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from dutylog.i18n import t


class BaseScreen(Screen):
    BINDINGS = [
        Binding("n", "app.log", "key.log"),
        Binding("e", "app.entries", "key.entries"),
        Binding("k", "app.links", "key.links"),
        Binding("s", "app.next_subject", "key.subject"),
        Binding("left_square_bracket", "app.year(-1)", "key.prev_year", key_display="["),
        Binding("right_square_bracket", "app.year(1)", "key.next_year", key_display="]"),
        Binding("q", "app.quit", "key.quit"),
    ]

    @property
    def lang(self) -> str:
        return self.app.lang

    def on_mount(self) -> None:
        quiet_inputs(self)

    def reload(self) -> None:
        """Re-read what the screen shows (after a save, a subject or year switch)."""


def quiet_inputs(screen) -> None:
    """Tests and screenshots ask for no cursor blink."""
    if not screen.app.blink:
        for widget in screen.query(Input):
            widget.cursor_blink = False


class AppScreen:
    """Mixed into a screen (before `Screen`): the service, language and day it was given,
    else the app's; `word(key)` from the one catalog (dutylog.i18n) in that language."""

    _service = None
    _lang: str | None = None
    _as_of: date | None = None

    def given(self, service=None, lang: str | None = None, as_of: date | None = None) -> None:
        self._service, self._lang, self._as_of = service, lang, as_of

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    @property
    def as_of(self) -> date:
        return self._as_of or getattr(self.app, "today", None) or self.service.today

    def word(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


class TableScreen(AppScreen):
    """A title line, a table with a row cursor, a message line and the footer, with the ids
    `#NAME-title`, `#NAME-table` and `#NAME-message`; `filters()` go between title and table."""

    NAME = "table"

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.NAME}-title", markup=False)
        yield from self.filters()
        yield DataTable(id=f"{self.NAME}-table", cursor_type="row", zebra_stripes=True)
        yield Static(id=f"{self.NAME}-message", markup=False)
        yield Footer()

    def filters(self) -> ComposeResult:
        yield from ()

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#{self.NAME}-table", DataTable)

    def open_table(self, *columns: str) -> DataTable:
        """Head the table with these catalog words, fill it (`reload`) and focus it."""
        table = self.table
        table.add_columns(*(self.word(key) for key in columns))
        self.reload()
        table.focus()
        return table

    def title_line(self, text) -> None:
        self.query_one(f"#{self.NAME}-title", Static).update(text)

    def say(self, text) -> None:
        self.query_one(f"#{self.NAME}-message", Static).update(text)

    def selected_row(self, rows: list[dict], pick: str) -> dict | None:
        """The row under the cursor; none (and the catalog's `pick` said) when there is none."""
        table = self.table
        if not rows or table.cursor_row is None or table.cursor_row >= len(rows):
            self.say(self.word(pick))
            return None
        return rows[table.cursor_row]

    def written(self, select: str | None = None) -> None:
        """After a save: every open screen reloads (the dashboard's counts too), then this
        one with the row `select` under the cursor."""
        changed = getattr(self.app, "changed", None)
        if callable(changed):
            changed()
        self.reload(select=select)
