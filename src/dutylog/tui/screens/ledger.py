"""The ledger screen (台账): items most urgent first — red, yellow, blue, closed — with
keys to add an item, report progress, close it and open its history of reports."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from dutylog.i18n import t
from dutylog.services.results import LedgerRecord
from dutylog.tui.dialogs.form import FormDialog, FormField
from dutylog.tui.fmt import ledger_type_word

from .. import fmt
from .base import TableScreen

COLOUR_STYLES = {"red": "bold red", "yellow": "bold yellow", "blue": "bold blue", "closed": "dim"}
COLUMNS = ("ledger.colour", "col.type", "ledger.what", "ledger.opened", "ledger.due", "ledger.closed",
           "col.subject")


def colour_text(colour: str, lang: str) -> Text:
    """A mark and a word with every colour, so colour is never the only cue."""
    return Text(fmt.glyph_text(t(f"ledger.colour.{colour}", lang)), style=COLOUR_STYLES[colour])


def due_hint(policy, lang: str) -> str:
    """'YYYY-MM-DD；督办件、文件会签、会议纪要可留空＝3个工作日': the types whose due day
    the policy sets, grouped by their number of working days."""
    from dutylog.domain.ledger import has_default_due

    by_days: dict[int, list[str]] = {}
    for lt in policy.ledger_types:
        if has_default_due(lt):
            by_days.setdefault(lt.due_workdays, []).append(lt.word(lang))
    sep = "、" if lang == "zh" else ", "
    parts = [t("ledger.due_hint", lang, types=sep.join(words), n=n) for n, words in by_days.items()]
    return ("；" if lang == "zh" else "; ").join(["YYYY-MM-DD", *parts])


class LedgerScreen(TableScreen):
    """Push with `app.push_screen(LedgerScreen(subject))`; Escape goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("f2,a", "add", "key.add"),
        Binding("f3,p", "progress", "key.progress"),
        Binding("f4,c", "close_item", "key.close_item"),
        Binding("f5,o", "open_item", "key.open"),
    ]

    NAME = "ledger"

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.subject = subject
        self.items: list[LedgerRecord] = []

    def on_mount(self) -> None:
        self.open_table(*COLUMNS)

    def reload(self, select: str | None = None) -> None:
        lg, table, w = self.lang, self.table, self.word
        policy = self.service.policy
        table.clear()
        self.items = self.service.ledger_list(self.subject, as_of=self.as_of)
        for r in self.items:
            due = r.due.isoformat() if r.due else "—"
            if r.due_estimated:
                due += f" ({w('ledger.est')})"
            if r.late:
                due += f" {w('ledger.late')}"
            table.add_row(colour_text(r.color, lg), Text(ledger_type_word(policy, r.type, lg)),
                          fmt.cell(r.title), Text(r.opened.isoformat()), Text(due),
                          Text(r.closed.isoformat() if r.closed else ""), fmt.cell(r.subject), key=r.id)
        red = sum(r.color == "red" for r in self.items)
        yellow = sum(r.color == "yellow" for r in self.items)
        self.title_line(f"{w('ledger.title')} · {self.subject or w('screen.all')} · {self.as_of} · "
                        f"{w('ledger.counts', red=red, yellow=yellow)}")
        self.say("" if self.items else w("ledger.none"))
        self.move_to([r.id for r in self.items], select)

    def data_changed(self, message) -> None:
        """The item just written (added, reported on, closed) goes under the cursor."""
        self.reload(select=message.record or self.cursor_key())

    def selected(self) -> LedgerRecord | None:
        return self.selected_row(self.items, "ledger.pick")

    def ask(self, title: str, fields: list[FormField], submit) -> None:
        """A form whose `submit` writes the ledger (then every screen hears of it)."""
        self.app.push_screen(FormDialog(title, fields, submit, changes="ledger", **self.given))

    # ---- actions ------------------------------------------------------------------------
    def action_add(self) -> None:
        w, svc = self.word, self.service
        types = tuple((lt.word(self.lang), lt.id) for lt in svc.policy.ledger_types)
        fields = []
        if not self.subject:
            names = [s.name for s in svc.subjects()]
            fields.append(FormField("subject", w("col.subject"), "select",
                                    options=tuple((n, n) for n in names)))
        fields += [
            FormField("type", w("col.type"), "select", types[0][1] if types else "", types),
            FormField("title", w("col.title")),
            FormField("opened", w("ledger.opened_f"), "date", self.as_of.isoformat(), future=False),
            FormField("due", w("ledger.due"), "date", placeholder=due_hint(svc.policy, self.lang)),
            FormField("note", w("form.note")),
        ]

        def submit(v: dict):
            return svc.ledger_add(
                v["type"], v.get("subject") or self.subject,
                svc.date(v["opened"], "opened", allow_future=False), title=v["title"],
                due=svc.date(v["due"], "due") if v["due"] else None, note=v["note"])

        self.ask(w("ledger.add"), fields, submit)

    def action_progress(self) -> None:
        item, w, svc = self.selected(), self.word, self.service
        if item is None:
            return
        fields = [FormField("date", w("col.date"), "date", self.as_of.isoformat(), future=False),
                  FormField("note", w("ledger.note"))]

        def submit(v: dict):
            return svc.ledger_progress(item.id, svc.date(v["date"], "date", allow_future=False),
                                       v["note"])

        title = f"{w('ledger.progress')} · {item.title or item.id[:8]}"
        self.ask(title, fields, submit)

    def action_close_item(self) -> None:
        item, w, svc = self.selected(), self.word, self.service
        if item is None:
            return
        fields = [FormField("date", w("col.date"), "date", self.as_of.isoformat(), future=False)]

        def submit(v: dict):
            return svc.ledger_close(item.id, svc.date(v["date"], "date", allow_future=False))

        title = f"{w('ledger.close')} · {item.title or item.id[:8]}"
        self.ask(title, fields, submit)

    def action_open_item(self) -> None:
        item = self.selected()
        if item is None:
            return
        from dutylog.tui.screens.ledger_item import LedgerItemScreen

        self.app.push_screen(LedgerItemScreen(item.id, **self.given))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()
