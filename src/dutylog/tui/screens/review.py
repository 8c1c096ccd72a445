"""Pending entries of a subject (recorded by someone else, not yet confirmed): confirm or
reject them. Rejecting deletes the entry (a tombstone) and `u` brings it back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from dutylog.domain.errors import DutylogError

from .history import HistoryScreen

WORDS = {
    "title": ("待确认的记录 · {name} · {n} 条", "Awaiting confirmation · {name} · {n}"),
    "date": ("日期", "Date"), "kind": ("类别", "Kind"), "days": ("天数", "Days"),
    "place": ("地点", "Place"), "what": ("标题", "Title"), "by": ("记录人", "Recorded by"),
    "empty": ("没有待确认的记录。", "Nothing awaits confirmation."),
    "confirmed": ("已确认 {id}", "Confirmed {id}"),
    "rejected": ("已退回（删除）{id}，按 u 撤销", "Rejected (deleted) {id}; press u to undo"),
    "undone": ("已撤销退回 {id}", "Brought back {id}"),
    "nothing_to_undo": ("没有可撤销的退回。", "Nothing to undo."),
    "no_row": ("先选中一条记录。", "Select an entry first."),
}


def word(key: str, lang: str, **fmt) -> str:
    zh, en = WORDS[key]
    return (en if lang == "en" else zh).format(**fmt)


class ReviewScreen(Screen):
    """Push with `app.push_screen(ReviewScreen())` (the app's subject) or `ReviewScreen(name)`."""

    BINDINGS = [
        Binding("c", "confirm", "确认 Confirm"),
        Binding("r", "reject", "退回 Reject"),
        Binding("u", "undo", "撤销 Undo"),
        Binding("h", "history", "历史 History"),
        Binding("escape", "app.pop_screen", "返回 Back"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #review-title { padding: 0 1; text-style: bold; }
    ReviewScreen #review-message { padding: 0 1; height: auto; }
    ReviewScreen DataTable { height: 1fr; }
    """

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None):
        super().__init__()
        self._subject = subject
        self._service = service
        self._lang = lang
        self.rejected: list[str] = []  # ids rejected here, newest last: the undo stack

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def subject(self) -> str:
        """The subject given, else the one selected in the app."""
        return self._subject or self.app.subject

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    def compose(self) -> ComposeResult:
        yield Static(id="review-title", markup=False)
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="review-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        lg = self.lang
        table = self.query_one("#review-table", DataTable)
        table.add_columns(*(word(k, lg) for k in ("date", "kind", "days", "place", "what", "by")))
        self.reload()
        if not table.row_count:
            self.say(word("empty", lg))
        table.focus()

    # ---- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        lg = self.lang
        table = self.query_one("#review-table", DataTable)
        row = table.cursor_row
        table.clear()
        try:
            pending = self.service.pending(self.subject)
        except DutylogError as exc:
            self.say(str(exc))
            return
        policy = self.service.policy
        for e in pending:
            kind = policy.kind(e.kind)
            label = kind.name.get(lg) if kind else e.kind
            days = "" if e.days is None else f"{e.days:g}"
            title = " · ".join(x for x in (e.title, e.note) if x)
            table.add_row(*(Text(c) for c in (e.date.isoformat(), label, days, e.place or "",
                                              title, e.recorded_by)), key=e.id)
        self.query_one("#review-title", Static).update(
            word("title", lg, name=self.subject, n=len(pending)))
        if pending:
            table.move_cursor(row=min(row, len(pending) - 1))

    def selected(self) -> str | None:
        table = self.query_one("#review-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def say(self, text: str) -> None:
        self.query_one("#review-message", Static).update(text)

    def _act(self, fn, message: str, entry_id: str) -> bool:
        try:
            fn()
        except DutylogError as exc:
            self.say(str(exc))
            return False
        self.say(word(message, self.lang, id=entry_id[:8]))
        changed = getattr(self.app, "changed", None)  # every open screen reloads, this one too
        if changed is not None:
            changed()
        else:
            self.reload()
        return True

    # ---- actions -----------------------------------------------------------------------------
    def action_confirm(self) -> None:
        entry_id = self.selected()
        if entry_id is None:
            self.say(word("no_row", self.lang))
            return
        self._act(lambda: self.service.confirm(entry_id, self.subject), "confirmed", entry_id)

    def action_reject(self) -> None:
        entry_id = self.selected()
        if entry_id is None:
            self.say(word("no_row", self.lang))
            return
        if self._act(lambda: self.service.delete(entry_id, self.subject), "rejected", entry_id):
            self.rejected.append(entry_id)

    def action_undo(self) -> None:
        if not self.rejected:
            self.say(word("nothing_to_undo", self.lang))
            return
        entry_id = self.rejected[-1]
        if self._act(lambda: self.service.undelete(entry_id, self.subject), "undone", entry_id):
            self.rejected.pop()

    def action_history(self) -> None:
        entry_id = self.selected()
        if entry_id is not None:
            self.app.push_screen(HistoryScreen(entry_id, self._service, self._lang))
