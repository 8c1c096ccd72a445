"""The main screen: where the selected subject stands this year, and the activity calendar."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from dutylog.i18n import t
from dutylog.services import ui

from .. import fmt
from ..widgets.heatmap import Heatmap
from ..widgets.rules_list import RulesList
from ..widgets.side_panel import SidePanel
from .base import BaseScreen
from .entry_rows import fill_entry_table, setup_entry_table


class DashboardScreen(BaseScreen):
    BINDINGS = [
        Binding("c", "toggle_calendar", "key.calendar"),
        Binding("g", "app.open('ledger')", "key.ledger"),
    ]

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(id="subject-line")
        with TabbedContent(initial="progress"):
            with TabPane(t("dash.progress", lang), id="progress"):
                with Horizontal():
                    yield RulesList(id="rules")
                    yield SidePanel(id="side")
            with TabPane(t("dash.calendar", lang), id="calendar"):
                yield Heatmap(lang, id="heatmap")
                yield Static(id="day-title")
                yield DataTable(id="day-entries")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        setup_entry_table(self.query_one("#day-entries", DataTable), self.lang, with_subject=False)
        self.reload()
        self.query_one(RulesList).focus()

    def reload(self) -> None:
        app = self.app
        if app.subject is None:
            return
        data = ui.dashboard(app.service, app.subject, app.year)
        self.dashboard_data = data
        lang = self.lang
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(t("dash.header", lang, subject=data.subject.name,
                      roles=fmt.roles_text(app.service.policy, data.subject.roles, lang),
                      year=data.year, as_of=data.as_of.isoformat()), style="bold")
        if app.demo:
            head.append("   " + t("app.demo", lang), style="italic dim")
        self.query_one("#subject-line", Static).update(head)
        self.query_one(RulesList).show(data, lang)
        self.query_one(SidePanel).show(data)
        heatmap = self.query_one(Heatmap)
        heatmap.show(data.year, data.day_counts, data.as_of)
        self.query_one("#day-title", Static).update(Text(t("hm.title", lang, year=data.year), style="bold"))
        self.query_one("#day-entries", DataTable).clear()

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        if getattr(self, "_covered", False):
            self._covered = False
            self.reload()  # a screen above may have changed ledgers, links or entries

    # ---- actions
    def action_toggle_calendar(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == "calendar":
            tabs.active = "progress"
            self.query_one(RulesList).focus()
        else:
            self.show_calendar()

    def show_calendar(self) -> None:
        self.query_one(TabbedContent).active = "calendar"
        self.query_one(Heatmap).focus()

    def on_option_list_option_selected(self, event: RulesList.OptionSelected) -> None:
        rule = self.app.service.policy.rule(event.option.id or "")
        if rule is not None and rule.kinds:
            self.app.action_log(rule.kinds[0])

    def on_heatmap_day_selected(self, event: Heatmap.DaySelected) -> None:
        app = self.app
        entries = ui.day_entries(app.service, app.subject, event.day)
        self.query_one("#day-title", Static).update(
            Text(t("hm.day", self.lang, date=event.day.isoformat(), n=len(entries)), style="bold"))
        table = self.query_one("#day-entries", DataTable)
        fill_entry_table(app.service, table, entries, self.lang, names=ui.link_names(app.service, app.subject),
                         clear=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.action_edit(event.row_key.value)
