"""An entry's history: every version, oldest first, with who changed it and what changed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from dutylog.domain.errors import DutylogError

FIELDS = {
    "kind": "类别", "date": "日期", "days": "天数", "four_no": "四不两直", "title": "标题",
    "place": "地点", "people": "人员", "note": "备注", "object": "联系对象", "appeared": "出庭",
    "patrol": "巡查", "confirmed_by": "确认", "sensitive": "敏感", "deleted": "删除",
}
WORDS = {
    "title": ("记录的历史版本", "Entry history"),
    "when": ("修改时间", "Changed at"), "by": ("修改人", "By"), "how": ("方式", "How"),
    "date": ("日期", "Date"), "days": ("天数", "Days"), "what": ("标题/备注", "Title / note"),
    "changes": ("改动", "Changed fields"), "first": ("（首个版本）", "(first version)"),
    "deleted": ("已删除", "deleted"), "back": ("返回", "Back"),
}
REASONS = {
    "add": ("新增", "added"), "edit": ("修改", "edited"), "delete": ("删除", "deleted"),
    "undelete": ("恢复", "restored"), "confirm": ("确认", "confirmed"),
    "import": ("导入", "imported"), "import-older": ("导入（较早）", "imported (older)"),
}


def word(key: str, lang: str, table=WORDS) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def changed_fields(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return []
    return [f for f in FIELDS if before.get(f) != after.get(f)]


class HistoryScreen(Screen):
    """Push with `app.push_screen(HistoryScreen(entry_id))`; Escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "返回 Back")]
    DEFAULT_CSS = """
    HistoryScreen #history-title { padding: 0 1; text-style: bold; }
    HistoryScreen #history-message { padding: 0 1; color: $error; }
    HistoryScreen DataTable { height: 1fr; }
    """

    def __init__(self, entry_id: str, service=None, lang: str | None = None):
        super().__init__()
        self.entry_id = entry_id
        self._service = service
        self._lang = lang
        self.versions: list[dict] = []

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(*(word(k, self.lang) for k in ("when", "by", "how", "date", "days", "what", "changes")))
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Read the versions again (the app calls this after any write)."""
        lg = self.lang
        table = self.query_one("#history-table", DataTable)
        table.clear()
        try:
            self.versions = self.service.history(self.entry_id)
        except DutylogError as exc:
            self.query_one("#history-message", Static).update(str(exc))
            return
        self.query_one("#history-title", Static).update(
            f"{word('title', lg)} · {self.entry_id[:8]} · {len(self.versions)}")
        before = None
        for i, v in enumerate(self.versions):
            changes = [FIELDS[f] if lg == "zh" else f for f in changed_fields(before, v)]
            shown = ("、" if lg == "zh" else ", ").join(changes) if before is not None else word("first", lg)
            what = " · ".join(str(x) for x in (v.get("title"), v.get("note")) if x)
            if v.get("deleted"):
                what = f"[{word('deleted', lg)}] {what}"
            table.add_row(*(Text(str(c)) for c in (
                (v.get("changed_at") or "")[:19].replace("T", " "), v.get("changed_by") or "",
                word(v.get("reason") or "", lg, REASONS), v.get("date") or "",
                "" if v.get("days") is None else f"{v['days']:g}", what, shown)), key=str(i))
            before = v
        if self.versions:
            table.move_cursor(row=len(self.versions) - 1)
