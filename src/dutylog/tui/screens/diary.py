"""The people's diary (民情日记, clause 15): entries by date with place, people met, what
they raised and the follow-up state; full-text search with the matches highlighted,
filters by place and by open follow-ups, and a key that raises a follow-up item."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Static

from dutylog.domain.errors import DutylogError
from dutylog.tui.dialogs.form import FormDialog, FormField
from dutylog.tui.screens.ledger import colour_text

WORDS = {
    "title": ("民情日记", "People's diary"), "date": ("日期", "Date"), "place": ("地点", "Place"),
    "people": ("走访对象", "People met"), "raised": ("反映问题", "What was raised"),
    "follow": ("跟进", "Follow-up"), "search": ("搜索（任意字词）", "Search (any text)"),
    "place_f": ("按地点筛选", "Filter by place"), "open": ("只看未办结的跟进", "Open follow-ups only"),
    "none": ("没有符合条件的日记。", "No diary entries match."), "raise": ("提出跟进事项", "Raise a follow-up"),
    "due": ("期限", "Due"), "item": ("跟进事项标题", "Follow-up title"),
    "pick": ("先选中一条日记。", "Select an entry first."),
    "more": ("只显示最新的 {n} 条；输入搜索词或地点缩小范围。",
             "Showing the newest {n}; search or filter by place to narrow."), "no_item": ("这条日记还没有跟进事项；按 f 提出。",
                                                         "No follow-up yet; press f to raise one."),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


def highlighted(text: str | None, query: str) -> Text:
    """`text` as a Text (never markup) with every occurrence of `query` highlighted."""
    out = Text(text or "")
    if query:
        out.highlight_words([query], style="bold reverse", case_sensitive=False)
    return out


ROWS = 300  # newest rows shown; search and filters reach the whole diary


class DiaryScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "返回 Back"),
        Binding("f", "raise_follow_up", "跟进 Follow up"),
        Binding("o", "open_item", "查看跟进 Open"),
        Binding("slash", "focus_search", "搜索 Search"),
    ]
    DEFAULT_CSS = """
    DiaryScreen #diary-title { padding: 0 1; text-style: bold; }
    DiaryScreen #diary-filters { height: auto; }
    DiaryScreen #diary-search { width: 2fr; }
    DiaryScreen #diary-place { width: 1fr; }
    DiaryScreen #diary-message { padding: 0 1; }
    DiaryScreen DataTable { height: 1fr; }
    """

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__()
        self.subject = subject
        self._service, self._lang, self._as_of = service, lang, as_of
        self.rows: list[dict] = []
        self._ready = False

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
        lg = self.lang
        yield Static(id="diary-title", markup=False)
        with Horizontal(id="diary-filters"):
            yield Input(placeholder=_w("search", lg), id="diary-search")
            yield Input(placeholder=_w("place_f", lg), id="diary-place")
            yield Checkbox(_w("open", lg), id="diary-open")
        yield DataTable(id="diary-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="diary-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(_w(k, self.lang) for k in ("date", "place", "people", "raised", "follow")))
        self._ready = True
        self.reload()
        table.focus()

    def filters(self) -> tuple[str, str, bool]:
        return (self.query_one("#diary-search", Input).value.strip(),
                self.query_one("#diary-place", Input).value.strip(),
                self.query_one("#diary-open", Checkbox).value)

    def reload(self, select: str | None = None) -> None:
        lg, table = self.lang, self.query_one(DataTable)
        search, place, open_only = self.filters()
        message = self.query_one("#diary-message", Static)
        try:
            self.rows = self.service.diary(self.subject, search=search or None, place=place or None,
                                           open_only=open_only, as_of=self.as_of, limit=ROWS)
        except DutylogError as exc:
            message.update(str(exc))
            return
        table.clear()
        for r in self.rows:
            raised = " · ".join(x for x in (r["title"], r["note"]) if x)
            table.add_row(Text(r["date"]), highlighted(r["place"], search),
                          highlighted(r["people"], search), highlighted(raised, search),
                          self.state(r), key=r["id"])
        self.query_one("#diary-title", Static).update(
            f"{_w('title', lg)} · {self.subject or ('all' if lg == 'en' else '全部')} · {len(self.rows)}")
        more = _w("more", lg).format(n=ROWS) if len(self.rows) >= ROWS else ""
        message.update(more if self.rows else _w("none", lg))
        if select is not None:
            ids = [r["id"] for r in self.rows]
            if select in ids:
                table.move_cursor(row=ids.index(select))

    def state(self, row: dict) -> Text:
        if row["follow_up"] is None:
            return Text("—", style="dim")
        if row["follow_up"] == "closed":
            return colour_text("closed", self.lang)
        text = colour_text(row["color"], self.lang)
        due = min(i["due"] for i in row["items"] if i["color"] != "closed" and i["due"])
        text.append(f" {due}")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._ready:
            self.reload()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self._ready:
            self.reload()

    def selected(self) -> dict | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            self.query_one("#diary-message", Static).update(_w("pick", self.lang))
            return None
        return self.rows[table.cursor_row]

    def action_focus_search(self) -> None:
        self.query_one("#diary-search", Input).focus()

    def action_raise_follow_up(self) -> None:
        row, lg, svc = self.selected(), self.lang, self.service
        if row is None:
            return
        default = row["title"] or row["note"] or row["place"] or ""
        fields = [FormField("due", _w("due", lg), placeholder="YYYY-MM-DD"),
                  FormField("title", _w("item", lg), value=default[:60])]

        def submit(v: dict):
            return svc.follow_up(row["id"], svc.date(v["due"], "due"), v["title"] or None)

        self.app.push_screen(FormDialog(f"{_w('raise', lg)} · {row['date']}", fields, submit),
                             lambda item: item is not None and self._written(row["id"]))

    def _written(self, select: str) -> None:
        changed = getattr(self.app, "changed", None)
        if callable(changed):
            changed()  # every open screen reloads: the dashboard's counts too
        self.reload(select=select)

    def action_open_item(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row["items"]:
            self.query_one("#diary-message", Static).update(_w("no_item", self.lang))
            return
        from dutylog.tui.screens.ledger_item import LedgerItemScreen

        item = next((i for i in row["items"] if i["color"] != "closed"), row["items"][-1])
        self.app.push_screen(LedgerItemScreen(item["id"], self._service, self._lang, self.as_of),
                             lambda _: self.reload(select=row["id"]))
