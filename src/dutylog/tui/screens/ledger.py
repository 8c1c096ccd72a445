"""The ledger screen (台账): items most urgent first — red, yellow, blue, closed — with
keys to add an item, report progress, close it and open its history of reports."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from dutylog.domain.ledger import LEDGER_TYPES
from dutylog.tui.dialogs.form import FormDialog, FormField

WORDS = {
    "title": ("台账", "Ledger"), "colour": ("状态", "Colour"), "type": ("类型", "Type"),
    "what": ("事项", "Item"), "opened": ("收到", "Opened"), "due": ("期限", "Due"),
    "closed": ("办结", "Closed"), "subject": ("对象", "Subject"), "est": ("估算", "est."),
    "late": ("超期", "late"), "none": ("没有台账事项。按 a 新增。", "No items. Press a to add one."),
    "add": ("新增台账事项", "New ledger item"), "progress": ("报告进展", "Report progress"),
    "close": ("办结", "Close item"), "date": ("日期", "Date"), "note": ("进展情况", "Progress"),
    "title_f": ("标题", "Title"), "note_f": ("备注", "Note"), "opened_f": ("收到日期", "Opened"),
    "due_f": ("期限", "Due"),
    "due_hint": ("YYYY-MM-DD；督办件、会签、纪要可留空＝3个工作日",
                 "YYYY-MM-DD; blank = 3 working days for supervision, cosign, minutes"),
    "who": ("对象", "Subject"), "pick": ("先选中一项。", "Select an item first."),
}
TYPE_NAMES = {
    "supervision": ("督办件", "supervision"), "cosign": ("文件会签", "co-signature"),
    "minutes": ("会议纪要", "minutes"), "rectification": ("约谈整改", "rectification"),
    "petition-case": ("信访包案", "petition case"), "follow-up": ("跟进事项", "follow-up"),
}
COLOURS = {  # a mark and a word with every colour, so colour is never the only cue
    "red": ("● 红", "● red", "bold red"), "yellow": ("◐ 黄", "◐ yellow", "bold yellow"),
    "blue": ("○ 蓝", "○ blue", "bold blue"), "closed": ("✓ 办结", "✓ closed", "dim"),
}


def word(key: str, lang: str, table=WORDS) -> str:
    zh, en = table.get(key, (key, key))[:2]
    return en if lang == "en" else zh


def colour_text(colour: str, lang: str) -> Text:
    zh, en, style = COLOURS[colour]
    return Text(en if lang == "en" else zh, style=style)


class LedgerScreen(Screen):
    """Push with `app.push_screen(LedgerScreen(subject))`; Escape goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "返回 Back"),
        Binding("a", "add", "新增 Add"),
        Binding("p", "progress", "进展 Progress"),
        Binding("c", "close_item", "办结 Close"),
        Binding("o", "open_item", "查看 Open"),
    ]
    DEFAULT_CSS = """
    LedgerScreen #ledger-title { padding: 0 1; text-style: bold; }
    LedgerScreen #ledger-message { padding: 0 1; color: $error; }
    LedgerScreen DataTable { height: 1fr; }
    """

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__()
        self.subject = subject
        self._service, self._lang, self._as_of = service, lang, as_of
        self.items: list[dict] = []

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    @property
    def as_of(self) -> date:
        return self._as_of or getattr(self.app, "today", None) or self.service.today

    def compose(self) -> ComposeResult:
        yield Static(id="ledger-title", markup=False)
        yield DataTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="ledger-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(word(k, self.lang) for k in
                            ("colour", "type", "what", "opened", "due", "closed", "subject")))
        self.reload()
        table.focus()

    def reload(self, select: str | None = None) -> None:
        lg, table = self.lang, self.query_one(DataTable)
        table.clear()
        self.items = self.service.ledger_list(self.subject, as_of=self.as_of)
        for r in self.items:
            due = r["due"] or "—"
            if r["due_estimated"]:
                due += f" ({word('est', lg)})"
            if r["late"]:
                due += f" {word('late', lg)}"
            table.add_row(colour_text(r["color"], lg), Text(word(r["type"], lg, TYPE_NAMES)),
                          Text(r["title"] or ""), Text(r["opened"]), Text(due),
                          Text(r["closed"] or ""), Text(r["subject"]), key=r["id"])
        red = sum(r["color"] == "red" for r in self.items)
        yellow = sum(r["color"] == "yellow" for r in self.items)
        counts = f"红 {red} · 黄 {yellow}" if lg != "en" else f"red {red} · yellow {yellow}"
        self.query_one("#ledger-title", Static).update(
            f"{word('title', lg)} · {self.subject or ('all' if lg == 'en' else '全部')} · {self.as_of} · {counts}")
        self.query_one("#ledger-message", Static).update("" if self.items else word("none", lg))
        if select is not None:
            ids = [r["id"] for r in self.items]
            if select in ids:
                table.move_cursor(row=ids.index(select))

    def selected(self) -> dict | None:
        table = self.query_one(DataTable)
        if not self.items or table.cursor_row is None or table.cursor_row >= len(self.items):
            self.query_one("#ledger-message", Static).update(word("pick", self.lang))
            return None
        return self.items[table.cursor_row]

    def _after(self, result) -> None:
        if result is None:
            return
        changed = getattr(self.app, "changed", None)
        if callable(changed):
            changed()  # every open screen reloads: the dashboard's red/yellow counts too
        self.reload(select=getattr(result, "item_id", None) or getattr(result, "id", None))

    # ---- actions ------------------------------------------------------------------------
    def action_add(self) -> None:
        lg, svc = self.lang, self.service
        fields = []
        if not self.subject:
            names = [s.name for s in svc.subjects()]
            fields.append(FormField("subject", word("who", lg), "select",
                                    options=tuple((n, n) for n in names)))
        fields += [
            FormField("type", word("type", lg), "select", "supervision",
                      tuple((word(t, lg, TYPE_NAMES), t) for t in LEDGER_TYPES)),
            FormField("title", word("title_f", lg)),
            FormField("opened", word("opened_f", lg), value=self.as_of.isoformat()),
            FormField("due", word("due_f", lg), placeholder=word("due_hint", lg)),
            FormField("note", word("note_f", lg)),
        ]

        def submit(v: dict):
            return svc.ledger_add(
                v["type"], v.get("subject") or self.subject,
                svc.date(v["opened"], "opened", allow_future=False), title=v["title"],
                due=svc.date(v["due"], "due") if v["due"] else None, note=v["note"])

        self.app.push_screen(FormDialog(word("add", lg), fields, submit), self._after)

    def action_progress(self) -> None:
        item, lg, svc = self.selected(), self.lang, self.service
        if item is None:
            return
        fields = [FormField("date", word("date", lg), value=self.as_of.isoformat()),
                  FormField("note", word("note", lg))]

        def submit(v: dict):
            return svc.ledger_progress(item["id"], svc.date(v["date"], "date", allow_future=False),
                                       v["note"])

        title = f"{word('progress', lg)} · {item['title'] or item['id'][:8]}"
        self.app.push_screen(FormDialog(title, fields, submit), self._after)

    def action_close_item(self) -> None:
        item, lg, svc = self.selected(), self.lang, self.service
        if item is None:
            return
        fields = [FormField("date", word("date", lg), value=self.as_of.isoformat())]

        def submit(v: dict):
            return svc.ledger_close(item["id"], svc.date(v["date"], "date", allow_future=False))

        title = f"{word('close', lg)} · {item['title'] or item['id'][:8]}"
        self.app.push_screen(FormDialog(title, fields, submit), self._after)

    def action_open_item(self) -> None:
        item = self.selected()
        if item is None:
            return
        from dutylog.tui.screens.ledger_item import LedgerItemScreen

        self.app.push_screen(LedgerItemScreen(item["id"], self._service, self._lang, self.as_of),
                             lambda _: self.reload(select=item["id"]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()
