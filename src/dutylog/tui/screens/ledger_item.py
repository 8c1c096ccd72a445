"""One ledger item: its dates and colour, and the history of its progress reports."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding

from dutylog.domain.errors import DutylogError
from dutylog.services.results import LedgerDetail
from dutylog.tui.fmt import ledger_type_word

from .. import fmt
from .base import TableScreen
from .ledger import colour_text


class LedgerItemScreen(TableScreen):
    BINDINGS = [Binding("escape", "back", "key.back")]

    NAME = "item"

    def __init__(self, item_id: str, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.item_id = item_id
        self.record: LedgerDetail | None = None

    def on_mount(self) -> None:
        self.open_table("col.date", "item.note", "item.by")

    def reload(self) -> None:
        lg, w = self.lang, self.word
        table = self.table
        table.clear()
        try:
            self.record = r = self.service.ledger_detail(self.item_id, self._as_of)
        except DutylogError as exc:
            self.say(self.words.refusal(exc))
            return
        head = Text()
        head.append(f"{ledger_type_word(self.service.policy, r.type, lg)} · ", style="bold")
        head.append(r.title or r.id[:8], style="bold")
        head.append("  ")
        head.append_text(colour_text(r.color, lg))
        due = (r.due.isoformat() if r.due else "—") + (f" ({w('ledger.est')})" if r.due_estimated else "")
        head.append(f"\n{w('ledger.opened')} {r.opened} · {w('ledger.due')} {due} · "
                    f"{w('ledger.closed')} {r.closed or '—'}")
        if r.late:
            head.append(f" · {w('ledger.late')}", style="bold red")
        if r.note:
            head.append(f"\n{r.note}")
        if r.entry:
            head.append(f"\n{w('item.from')} {r.entry[:8]}", style="dim")
        self.title_line(head)
        for p in r.progress:
            table.add_row(Text(p.date.isoformat()), fmt.cell(p.note), fmt.cell(p.recorded_by))
        self.say("" if r.progress else w("item.none"))

    def action_back(self) -> None:
        self.dismiss(None)
