"""The year's activity as a heatmap; choosing a day lists its entries (Enter edits one)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from dutylog.i18n import t
from dutylog.services import ui

from ..widgets.heatmap import Heatmap
from .base import MainScreen
from .entry_rows import EntryTable, fill_entry_table, setup_entry_table


class CalendarScreen(MainScreen):
    BINDINGS = [
        Binding("escape,f4,c", "app.pop_screen", "key.back"),
    ]

    def __init__(self, day: date | None = None, **context) -> None:
        super().__init__(**context)
        self.start_day = day

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="calendar-title")
        yield Heatmap(self.lang, id="heatmap")
        yield Static(id="day-title")
        yield EntryTable(id="day-entries")
        yield self.footer()

    def on_mount(self) -> None:
        setup_entry_table(self.query_one("#day-entries", DataTable), self.lang)
        self.reload()
        self.query_one(Heatmap).focus()

    def reload(self) -> None:
        app = self.app
        data = ui.calendar(self.service, app.subject, app.year)
        self.query_one("#calendar-title", Static).update(
            Text(f"{app.subject}　" + t("hm.title", self.lang, year=data.year), style="bold"))
        heat = self.query_one(Heatmap)
        heat.show(data.year, data.day_counts, data.as_of)
        if self.start_day is not None and self.start_day.year == data.year:
            heat.cursor, self.start_day = self.start_day, None
        self.query_one("#day-title", Static).update("")
        self.query_one("#day-entries", DataTable).clear()

    def on_heatmap_day_selected(self, event: Heatmap.DaySelected) -> None:
        app, svc = self.app, self.service
        entries = ui.day_entries(svc, app.subject, event.day)
        self.query_one("#day-title", Static).update(
            Text(t("hm.day", self.lang, date=event.day.isoformat(), n=len(entries)), style="bold"))
        fill_entry_table(svc, self.query_one("#day-entries", DataTable), entries, self.lang,
                         names=ui.link_names(svc, app.subject), clear=True, subject=app.subject)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.action_edit(event.row_key.value)
