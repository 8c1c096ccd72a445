"""The people's diary (民情日记, clause 15): entries by date with place, people met, what
they raised and the follow-up state; full-text search with the matches highlighted,
filters by place and by open follow-ups, and a key that raises a follow-up item."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input

from dutylog.domain.errors import DutylogError
from dutylog.services.results import DiaryRow
from dutylog.textsafe import shown_line
from dutylog.tui.dialogs.form import FormDialog, FormField

from .. import fmt
from .base import TableScreen
from .ledger import colour_text

COLUMNS = ("col.date", "col.place", "diary.people", "diary.raised", "diary.follow")


def highlighted(text: str | None, query: str) -> Text:
    """`text` as a Text (never markup) with every occurrence of `query` highlighted."""
    out = Text(shown_line(text))
    if query:
        out.highlight_words([query], style="bold reverse", case_sensitive=False)
    return out


ROWS = 300  # newest rows shown; search and filters reach the whole diary


class DiaryScreen(TableScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("f2,f", "raise_follow_up", "key.follow_up"),
        Binding("f3,o", "open_item", "key.open_follow_up"),
        Binding("ctrl+f,slash", "focus_search", "key.search"),
    ]

    NAME = "diary"

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.subject = subject
        self.rows: list[DiaryRow] = []
        self._ready = False

    def filters(self) -> ComposeResult:
        w = self.word
        with Horizontal(id="diary-filters"):
            yield Input(placeholder=w("diary.search"), id="diary-search")
            yield Input(placeholder=w("diary.place_f"), id="diary-place")
            yield Checkbox(w("diary.open"), id="diary-open")

    def on_mount(self) -> None:
        self._ready = True
        self.open_table(*COLUMNS)

    def filter_values(self) -> tuple[str, str, bool]:
        return (self.query_one("#diary-search", Input).value.strip(),
                self.query_one("#diary-place", Input).value.strip(),
                self.query_one("#diary-open", Checkbox).value)

    def reload(self, select: str | None = None) -> None:
        table, w = self.table, self.word
        search, place, open_only = self.filter_values()
        try:
            self.rows = self.service.diary(self.subject, search=search or None, place=place or None,
                                           open_only=open_only, as_of=self.as_of, limit=ROWS)
        except DutylogError as exc:
            self.say(self.words.refusal(exc))
            return
        table.clear()
        for r in self.rows:
            raised = fmt.glyph_text(" · ").join(x for x in (r.title, r.note) if x)
            table.add_row(Text(r.date.isoformat()), highlighted(r.place, search),
                          highlighted(r.people, search), highlighted(raised, search),
                          self.state(r), key=r.id)
        self.title_line(f"{w('diary.title')} · {self.subject or w('screen.all')} · {len(self.rows)}")
        more = w("diary.more", n=ROWS) if len(self.rows) >= ROWS else ""
        self.say(more if self.rows else w("diary.none"))
        self.move_to([r.id for r in self.rows], select)

    def data_changed(self, message) -> None:
        self.reload(select=self.cursor_key())  # a follow-up raised: the row stays under the cursor

    def state(self, row: DiaryRow) -> Text:
        if row.follow_up is None:
            return Text("—", style="dim")
        if row.follow_up == "closed":
            return colour_text("closed", self.lang)
        text = colour_text(row.color, self.lang)
        due = min(i.due for i in row.items if i.color != "closed" and i.due)
        text.append(f" {due}")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._ready:
            self.reload()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self._ready:
            self.reload()

    def selected(self) -> DiaryRow | None:
        return self.selected_row(self.rows, "diary.pick")

    def action_focus_search(self) -> None:
        self.query_one("#diary-search", Input).focus()

    def action_raise_follow_up(self) -> None:
        row, w, svc = self.selected(), self.word, self.service
        if row is None:
            return
        default = row.title or row.note or row.place or ""
        fields = [FormField("due", w("ledger.due"), "date", placeholder="YYYY-MM-DD"),
                  FormField("title", w("diary.item"), value=default[:60])]

        def submit(v: dict):
            return svc.follow_up(row.id, svc.date(v["due"], "due"), v["title"] or None)

        self.app.push_screen(FormDialog(f"{w('diary.raise')} · {row.date}", fields, submit,
                                        changes="ledger", **self.given))

    def action_open_item(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.items:
            self.say(self.word("diary.no_item"))
            return
        from dutylog.tui.screens.ledger_item import LedgerItemScreen

        item = next((i for i in row.items if i.color != "closed"), row.items[-1])
        self.app.push_screen(LedgerItemScreen(item.id, **self.given))
