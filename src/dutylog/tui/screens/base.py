"""The one base of dutylog's screens and dialogs, and the layouts some of them share.

Every screen is a `DutylogScreen`, every dialog a `DutylogDialog` (the same, modal). Each has:

- its context, injected: `service`, `lang` and `as_of` given when it is made, else the
  app's (the app `make_app` builds holds the service, the interface language and today);
  `word(key, …)` is the one catalog's word (dutylog.i18n) in that language;
- footer words from the catalog: a binding's description is a catalog key ("key.back"),
  shown in the screen's language (`active_bindings`);
- `announce(what, record)` after a write: a `DataChanged` to the app, which hands it to
  every screen on the stack; a screen answers in `data_changed` (by default `reload()`),
  and in `selection_changed` when the app's subject or year moves;
- no cursor blink when the app asks for none (tests, screenshots).

`MainScreen` adds the keys that work from the main screens (dashboard, entries, calendar);
`TableScreen` the title–table–message layout of the list screens.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from dutylog.console import ascii_mode
from dutylog.i18n import STRINGS, Words, t, words

from ..messages import DataChanged, SelectionChanged
from ..widgets.footer import COMPACT_BELOW, footer

ResultT = TypeVar("ResultT")
RowT = TypeVar("RowT")


class DutylogScreen(Screen[ResultT]):
    # F1 first in every footer, the dialogs' too (? where no input takes it)
    BINDINGS = [Binding("f1,question_mark", "app.help", "key.help")]

    def __init__(self, *, service: Any = None, lang: str | None = None, as_of: date | None = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._service, self._lang, self._as_of = service, lang, as_of

    # ---- the context ------------------------------------------------------------------
    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    @property
    def as_of(self) -> date:
        return self._as_of or getattr(self.app, "today", None) or self.service.today

    @property
    def given(self) -> dict[str, Any]:
        """What this screen was given, to hand on to a screen it opens."""
        return {"service": self._service, "lang": self._lang, "as_of": self._as_of}

    @property
    def words(self) -> Words:
        """The one catalog in this screen's language (built once per run)."""
        return words(self.lang)

    def word(self, key: str, /, **values) -> str:
        return self.words(key, **values)

    def refusal(self, exc: Exception) -> str:
        """A refusal's one line in this screen's language (worded by its code)."""
        return self.words.refusal(exc)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = self.lang
        return {key: active._replace(binding=_worded(active.binding, lang))
                for key, active in super().active_bindings.items()}

    # ---- changes ----------------------------------------------------------------------
    def announce(self, what: str, record: str | None = None) -> None:
        """Something was written: every open screen hears of it (`data_changed`)."""
        self.app.post_message(DataChanged(what, record))

    def data_changed(self, message: DataChanged) -> None:
        """A write happened somewhere: read what the screen shows again."""
        self.reload()

    def selection_changed(self, message: SelectionChanged) -> None:
        """The app's subject or year moved."""
        self.reload()

    def reload(self) -> None:
        """Re-read what the screen shows."""

    def footer(self) -> Footer:
        """The footer, its keys as close together as the terminal's width wants."""
        return footer(self.app.size.width)

    @on(events.Resize)
    def _footer_fits(self, event: events.Resize) -> None:
        """Under 120 columns the footer's keys sit closer, so more of them are in sight."""
        for shown in self.query(Footer):
            shown.compact = event.size.width < COMPACT_BELOW

    @on(events.Mount)
    def _quiet_inputs(self) -> None:
        quiet_inputs(self)
        if ascii_mode():  # Textual's header icon is an ambiguous-width "⭘"
            for header in self.query(Header):
                header.icon = "*"


class DutylogDialog(ModalScreen[ResultT], DutylogScreen[ResultT]):
    """A dialog: a modal `DutylogScreen`. `ModalScreen` comes first: Textual takes a
    screen's default CSS (the dimmed screen underneath) along the first base only."""

    def __init__(self, *, service: Any = None, lang: str | None = None, as_of: date | None = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._service, self._lang, self._as_of = service, lang, as_of

    @on(events.Mount)
    def _own_footer(self) -> None:
        """A footer of the dialog's own keys (else the dimmed one beneath shows the screen's)."""
        if not self.query(Footer):
            self.mount(self.footer())


@lru_cache(maxsize=512)
def _worded(binding: Binding, lang: str) -> Binding:
    """The binding with its catalog key ("key.back") replaced by the word in `lang`."""
    if binding.description in STRINGS:
        return replace(binding, description=t(binding.description, lang))
    return binding


def quiet_inputs(screen) -> None:
    """Tests and screenshots ask for no cursor blink."""
    if not getattr(screen.app, "blink", True):
        for widget in screen.query(Input):
            widget.cursor_blink = False


class MainScreen(DutylogScreen):
    """The dashboard, the entries and the calendar: the keys that work from any of them."""

    # A Chinese IME in Chinese mode takes the letters: every key shown has a function key
    # (shown, first) and keeps its letter (README "Keys"): F1 help (the app's), F2 log,
    # F3 entries, F4 calendar, F5 links, F6 subject, F7/F8 year, F9 the screen's own.
    BINDINGS = [
        Binding("f2,n", "app.log", "key.log"),
        Binding("f3,e", "app.entries", "key.entries"),
        Binding("f4,c", "app.calendar", "key.calendar"),
        Binding("f5,k", "app.links", "key.links"),
        Binding("f6,s", "app.next_subject", "key.subject"),
        Binding("f7,left_square_bracket", "app.year(-1)", "key.prev_year"),
        Binding("f8,right_square_bracket", "app.year(1)", "key.next_year"),
        # a priority key, as the app's (which would hide it from the footer otherwise)
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
        Binding("q", "app.quit", "key.quit", show=False),
    ]


class TableScreen(DutylogScreen):
    """A title line, a table with a row cursor, a message line and the footer, with the ids
    `#NAME-title`, `#NAME-table` and `#NAME-message`; `filters()` go between title and table."""

    NAME = "table"

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.NAME}-title", markup=False)
        yield from self.filters()
        yield DataTable(id=f"{self.NAME}-table", cursor_type="row", zebra_stripes=True)
        yield Static(id=f"{self.NAME}-message", markup=False)
        yield self.footer()

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
        self.query_one(f"#{self.NAME}-title", Static).update(_safe(text))

    def say(self, text) -> None:
        self.query_one(f"#{self.NAME}-message", Static).update(_safe(text))

    def selected_row(self, rows: list[RowT], pick: str) -> RowT | None:
        """The row under the cursor; none (and the catalog's `pick` said) when there is none."""
        table = self.table
        if not rows or table.cursor_row is None or table.cursor_row >= len(rows):
            self.say(self.word(pick))
            return None
        return rows[table.cursor_row]

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def move_to(self, keys: list[str], key: str | None) -> None:
        """Put the cursor on the row `key` when the table lists it."""
        if key is not None and key in keys:
            self.table.move_cursor(row=keys.index(key))


def _safe(text):
    """A title or message may hold a subject's name or an error quoting the user's text:
    every control character made visible (a Text is already built from safe words)."""
    from dutylog.textsafe import shown_line
    from dutylog.tui.fmt import glyph_text

    return glyph_text(shown_line(text)) if isinstance(text, str) else text
