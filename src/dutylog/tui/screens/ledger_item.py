"""One ledger item: its dates and colour, and the history of its progress reports."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from dutylog.domain.errors import DutylogError
from dutylog.tui.screens.ledger import TYPE_NAMES, colour_text, word

WORDS = {"date": ("日期", "Date"), "note": ("进展", "Progress"), "by": ("报告人", "By"),
         "none": ("还没有进展报告。", "No progress reports yet."),
         "from": ("来自民情日记", "raised from diary entry")}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


class LedgerItemScreen(Screen):
    BINDINGS = [Binding("escape", "back", "返回 Back")]
    DEFAULT_CSS = """
    LedgerItemScreen #item-head { padding: 0 1; height: auto; }
    LedgerItemScreen #item-message { padding: 0 1; }
    LedgerItemScreen DataTable { height: 1fr; }
    """

    def __init__(self, item_id: str, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__()
        self.item_id = item_id
        self._service, self._lang, self._as_of = service, lang, as_of
        self.record: dict | None = None

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    def compose(self) -> ComposeResult:
        yield Static(id="item-head")
        yield DataTable(id="item-progress", cursor_type="row", zebra_stripes=True)
        yield Static(id="item-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        lg = self.lang
        table = self.query_one(DataTable)
        table.add_columns(_w("date", lg), _w("note", lg), _w("by", lg))
        try:
            self.record = r = self.service.ledger_detail(self.item_id, self._as_of)
        except DutylogError as exc:
            self.query_one("#item-message", Static).update(str(exc))
            return
        head = Text()
        head.append(f"{word(r['type'], lg, TYPE_NAMES)} · ", style="bold")
        head.append(r["title"] or r["id"][:8], style="bold")
        head.append("  ")
        head.append_text(colour_text(r["color"], lg))
        due = (r["due"] or "—") + (f" ({word('est', lg)})" if r["due_estimated"] else "")
        head.append(f"\n{word('opened', lg)} {r['opened']} · {word('due', lg)} {due} · "
                    f"{word('closed', lg)} {r['closed'] or '—'}")
        if r["late"]:
            head.append(f" · {word('late', lg)}", style="bold red")
        if r.get("note"):
            head.append(f"\n{r['note']}")
        if r.get("entry"):
            head.append(f"\n{_w('from', lg)} {r['entry'][:8]}", style="dim")
        self.query_one("#item-head", Static).update(head)
        for p in r["progress"]:
            table.add_row(Text(p["date"]), Text(p["note"] or ""), Text(p["recorded_by"] or ""))
        if not r["progress"]:
            self.query_one("#item-message", Static).update(_w("none", lg))
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)
