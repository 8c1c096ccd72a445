"""The main screen: where the selected subject stands this year.

Kept lean (one OptionList of rules, one side panel): it is what paints at start-up. The
calendar heatmap is one key away (`c`, screens/calendar.py).
"""

from __future__ import annotations

import gc
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Static

from dutylog.i18n import t
from dutylog.services import ui

from .. import fmt
from ..widgets.rules_list import RulesList, column_widths, list_width, rule_options
from ..widgets.side_panel import SidePanel
from ..widgets.week_strip import WeekStrip
from .base import MainScreen


class DashboardScreen(MainScreen):
    BINDINGS = [
        Binding("f9,g", "app.open('ledger')", "key.ledger"),
        Binding("ctrl+r,r", "app.open('review')", "key.review"),
        Binding("ctrl+o,o", "confirmed_only", "key.confirmed_only"),
        Binding("ctrl+w,w", "app.desk", "key.desk"),
    ]
    confirmed_only = False  # progress without pending entries (the CLI's --confirmed-only)
    # The app keeps one dashboard for the desk's Enter (app.board): shown again for another
    # subject or year, or after a write made while it was off the stack, it reads again.
    shown_for: tuple | None = None  # (subject, year) of what it shows
    stale = False  # a write happened while it was not on the stack
    ready: ui.Dashboard | None = None  # what to show next, made ahead (app.show_subject)
    filled_later = False  # made ahead by the app (app.warm_board): empty until first shown

    @property
    def active_bindings(self):
        """The review key says how many entries await confirmation ("待确认 3")."""
        found = super().active_bindings
        data = getattr(self, "dashboard_data", None)
        for key, active in found.items():
            if active.binding.action == "app.open('review')" and data is not None:
                found[key] = active._replace(binding=replace(
                    active.binding, description=t("key.review_n", self.lang, n=data.pending_total)))
        return found

    def action_confirmed_only(self) -> None:
        self.confirmed_only = not self.confirmed_only
        self.reload()

    def compose(self) -> ComposeResult:
        # The first data goes straight into the widgets: no empty first paint, no relayout.
        # Made ahead (`filled_later`), it is made empty: its first showing reads (the
        # subject is not known yet, and the desk's keys go on meanwhile).
        data = None if self.filled_later else self.load()
        yield Header()
        yield Static(self.headline(data) if data else "", id="subject-line")
        yield WeekStrip(self.lang, id="week-strip")
        with Horizontal(id="board"):
            if data is None:
                yield RulesList(lang=self.lang, id="rules")
            else:  # made for the width it will have (else made again on its first resize)
                columns = column_widths(data, self.lang, list_width(self.app.size.width))
                yield RulesList(*rule_options(data, self.lang, *columns), data=data,
                                lang=self.lang, columns=columns, id="rules")
            yield SidePanel(data, self.lang, id="side")
        yield self.footer()

    AUTO_FOCUS = "#rules"

    def on_mount(self) -> None:
        if not self.filled_later:
            self.show_weeks(self.dashboard_data)
        else:  # made ahead (app.warm_board): readied once its widgets have their styles
            self.set_timer(0.05, self._ready_unseen)

    def _ready_unseen(self) -> None:
        """What Textual does on a screen's first showing, done ahead: its layout, and the
        start of its update timer, whose first tick comes a frame (1/60 s) after it starts.
        Then the first Enter only fills and paints it (125 → ~65 ms for a county leader
        while the desk counts). Its objects are set aside from the cyclic collector, as the
        app's start is (app.on_mount)."""
        if not self.is_current:
            if hasattr(self, "_refresh_layout"):
                self._refresh_layout(self.app.size)
            timer = getattr(self, "_update_timer", None)
            if timer is not None:
                timer.resume()  # (it pauses itself on its tick: nothing to paint unseen)
        gc.freeze()

    def on_screen_resume(self) -> None:
        if self.stale or self.shown_for != (self.app.subject, self.app.year):
            self.reload()
        self.ready = None  # (unused: what it shows is still what it would read)

    def show_weeks(self, data) -> None:
        self.query_one(WeekStrip).show(data.year, data.day_counts, data.as_of)

    def load(self):
        app = self.app
        ready, self.ready = self.ready, None
        if ready is not None and not self.confirmed_only \
                and (ready.subject.name, ready.year) == (app.subject, app.year):
            self.dashboard_data = ready
        else:
            self.dashboard_data = ui.dashboard(self.service, app.subject, app.year,
                                               confirmed_only=self.confirmed_only)
        self.shown_for, self.stale = (app.subject, app.year), False
        return self.dashboard_data

    def reload(self) -> None:
        if self.app.subject is None:
            return
        data = self.load()
        self.query_one("#subject-line", Static).update(self.headline(data))
        self.query_one(RulesList).show(data, self.lang)
        self.query_one(SidePanel).show(data)
        self.show_weeks(data)
        self.refresh_bindings()  # the review key's count

    def headline(self, data) -> Text:
        svc, lang = self.service, self.lang
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(t("dash.header", lang, subject=data.subject.name,
                      roles=fmt.roles_text(svc.policy, svc.roles_of(data.subject), lang),
                      year=data.year, as_of=data.as_of.isoformat()), style="bold")
        if data.confirmed_only:
            head.append("   " + t("dash.confirmed_only", lang), style="bold yellow")
        if self.app.demo:
            head.append("   " + t("app.demo", lang), style="italic dim")
        return head

    def on_option_list_option_selected(self, event: RulesList.OptionSelected) -> None:
        rule = self.service.policy.rule(event.option.id or "")
        if rule is not None and rule.kinds:
            self.app.action_log(rule.kinds[0])
