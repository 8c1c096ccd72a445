"""Edit the subject's linked objects (the policy's link types: enterprises, department
heads, town, village in the preset)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Select, Static

from dutylog.domain.errors import DutylogError
from dutylog.i18n import t

from .. import fmt
from ..errors import explain
from ..screens.base import DutylogDialog
from ..widgets.date_hint import DateHint
from .ask import AskDialog


class LinksDialog(DutylogDialog[bool]):
    """Dismisses with whether a link was added or ended (each was announced already)."""

    BINDINGS = [
        Binding("escape", "close", "key.close"),
        Binding("delete,x", "end_link", "key.end_link"),
        Binding("u", "undo", "key.undo"),
    ]

    def __init__(self, subject: str, **context) -> None:
        super().__init__(**context)
        self.subject = subject
        self.changed = False
        self.ended: list[str] = []  # links ended here, newest last: what u brings back

    def compose(self) -> ComposeResult:
        lang, policy = self.lang, self.service.policy
        types = [(lt.word(lang), lt.id) for lt in policy.link_types]
        with Vertical(id="dialog"):
            yield Static(Text(t("links.title", lang, subject=self.subject), style="bold"))
            yield DataTable(id="links", cursor_type="row")
            with Horizontal(id="add-link"):
                yield Select(types, value=types[0][1] if types else Select.NULL,
                             allow_blank=not types, id="link-type")
                yield Input(placeholder=t("links.name_ph", lang), id="link-name")
                yield Input(self.as_of.isoformat(), id="link-since",
                            placeholder=t("links.since_default", lang, today=self.as_of.isoformat()))
                yield Button(t("links.add", lang), variant="primary", id="link-add")
            yield DateHint(id="link-since-hint")
            yield Static(id="link-error", classes="error shown")
            yield Static(Text(t("links.hint", lang), style="dim"), id="link-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("type", "col.type"), ("name", "col.name"), ("since", "col.since"),
                           ("until", "col.until")):
            table.add_column(self.word(label), key=key)
        self.reload()
        self.query_one("#link-name", Input).focus()

    def reload(self) -> None:
        lang, svc = self.lang, self.service
        table = self.query_one(DataTable)
        table.clear()
        for ln in svc.links(self.subject):
            until = ln.until.isoformat() if ln.until else t("links.active", lang)
            table.add_row(Text(fmt.link_type_word(svc.policy, ln.link_type, lang)), fmt.cell(ln.name),
                          Text(ln.since.isoformat() if ln.since else "—"),
                          Text(until, style="dim" if ln.until else "green"), key=ln.id)

    def error(self, message, style: str = "bold red") -> None:
        self.query_one("#link-error", Static).update(
            message if isinstance(message, Text) else Text(message, style=style))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "link-since":  # the day it names, before adding
            self.query_one("#link-since-hint", DateHint).show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.add()

    def add(self) -> None:
        svc, lang = self.service, self.lang
        name = self.query_one("#link-name", Input).value
        since_text = self.query_one("#link-since", Input).value.strip()
        try:
            since = svc.date(since_text, "since") if since_text else None
            link = svc.link(self.subject, self.query_one("#link-type", Select).value, name, since)
        except DutylogError as exc:
            self.error(explain(exc, self.lang))
            return
        self.changed = True
        self.query_one("#link-name", Input).value = ""
        self.query_one("#link-since", Input).value = self.as_of.isoformat()
        self.error(t("links.added", lang, name=link.name), style="green")
        self.announce("link", link.id)  # this list reloads too, and the dashboard's counts

    def action_end_link(self) -> None:
        """End the link under the table's cursor, today, after a question. Only from the
        table: `x` with the focus on 添加 or a field ends nothing."""
        table = self.query_one(DataTable)
        if self.focused is not table or not table.row_count:
            return
        link_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        svc = self.service
        link = next((ln for ln in svc.links(self.subject) if ln.id == link_id), None)
        if link is None or link.until is not None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                svc.unlink(self.subject, link.link_type, link.name, svc.today)
            except DutylogError as exc:
                self.error(explain(exc, self.lang))
                return
            self.changed = True
            self.ended.append(link.id)
            self.error(t("links.ended", self.lang, name=link.name), style="yellow")
            self.announce("link", link.id)

        question = t("links.ask_end", self.lang, name=link.name, day=svc.today.isoformat())
        self.app.push_screen(AskDialog(question, **self.given), callback=answered)

    def action_undo(self) -> None:
        if not self.ended:
            return
        link_id = self.ended[-1]
        try:
            link = self.service.reopen_link(link_id)
        except DutylogError as exc:
            self.error(explain(exc, self.lang))
            return
        self.ended.pop()
        self.error(t("links.end_undone", self.lang, name=link.name), style="green")
        self.announce("link", link.id)

    def action_close(self) -> None:
        self.dismiss(self.changed)
