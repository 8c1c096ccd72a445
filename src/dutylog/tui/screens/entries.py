"""Browse, filter, edit and delete the subject's entries, a page at a time.

Rows are read in pages of PAGE (keyset paging: the next page starts after the last row
shown), so the table stays quick on a database of 200,000 entries. Deleting offers an
undo right away (`u`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Static

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import t
from dutylog.services import ui

from ..errors import explain
from .base import BaseScreen
from .entry_rows import EntryTable, fill_entry_table, setup_entry_table

PAGE = 100
DEBOUNCE = 0.3


class EntriesScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("delete,x", "delete", "key.delete"),
        Binding("u", "undo", "key.undo"),
        Binding("h", "history", "key.history"),
        Binding("slash", "focus_search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list = []
        self.total = 0
        self.filter = ui.EntryFilter()
        self.deleted: list[tuple[str, str]] = []  # (id, what) of deletions that can be undone
        self._timer = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(id="entries-title")
        with Horizontal(id="filters"):
            yield Input(placeholder=t("ent.kind_ph", lang), id="f-kind")
            yield Input(placeholder=t("ent.from_ph", lang), id="f-from")
            yield Input(placeholder=t("ent.to_ph", lang), id="f-to")
            yield Input(placeholder=t("ent.search_ph", lang), id="f-search")
        yield Static(id="count")
        yield EntryTable(id="entries")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        setup_entry_table(self.query_one(DataTable), self.lang)
        self.reload()
        self.query_one(DataTable).focus()

    # ---- loading
    def reload(self, keep_cursor: bool = True) -> None:
        """Re-read the first page; after an edit or delete the cursor stays where it was."""
        app = self.app
        table = self.query_one(DataTable)
        keep = table.cursor_row if keep_cursor and table.row_count else 0
        self.query_one("#entries-title", Static).update(
            Text(t("ent.title", self.lang, subject=app.subject or ""), style="bold"))
        try:
            self.filter = self.read_filter()
        except InvalidInput as exc:
            self.query_one("#count", Static).update(explain(exc, self.lang))
            return
        self.names = ui.link_names(app.service, app.subject)
        self.total = ui.entry_count(app.service, self.filter)
        self.loaded = []
        table.clear()
        self.load_more()
        while keep >= len(self.loaded) - 1 and len(self.loaded) < self.total:
            self.load_more()  # the cursor was deep in the list: bring its page back
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def read_filter(self) -> ui.EntryFilter:
        svc = self.app.service
        kind_text = self.query_one("#f-kind", Input).value.strip()
        kinds: tuple[str, ...] = ()
        if kind_text:
            kinds = tuple(k.id for k in ui.match_kinds(svc.policy, kind_text))
            if not kinds:
                raise InvalidInput(t("ent.no_kind", self.lang, text=kind_text), "kind")
        dates = []
        for field in ("from", "to"):
            text = self.query_one(f"#f-{field}", Input).value.strip()
            dates.append(svc.date(text, field) if text else None)
        search = self.query_one("#f-search", Input).value.strip() or None
        return ui.EntryFilter(self.app.subject, kinds, dates[0], dates[1], search)

    def load_more(self) -> None:
        if self.loaded and len(self.loaded) >= self.total:
            return
        after = self.loaded[-1] if self.loaded else None
        page = ui.entry_page(self.app.service, self.filter, PAGE, after)
        self.loaded.extend(page)
        fill_entry_table(self.app.service, self.query_one(DataTable), page, self.lang, self.names)
        self.show_count()

    def show_count(self) -> None:
        self.query_one("#count", Static).update(
            Text(t("ent.count", self.lang, n=self.total, m=len(self.loaded)), style="dim"))

    # ---- events
    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.filter_changed)

    def filter_changed(self) -> None:
        self.reload(keep_cursor=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.filter_changed()
        self.query_one(DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.loaded) - 10:
            self.load_more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.action_edit(event.row_key.value)

    # ---- actions
    def action_focus_search(self) -> None:
        self.query_one("#f-search", Input).focus()

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_history(self) -> None:
        entry_id = self.current_id()
        if entry_id is not None:
            self.app.action_history(entry_id)

    def action_delete(self) -> None:
        entry_id = self.current_id()
        if entry_id is None:
            return
        svc = self.app.service
        e = svc.delete(entry_id)
        what = f"{e.date} {e.title or svc.policy.kind(e.kind).name.get(self.lang)}"
        self.deleted.append((e.id, what))
        self.app.changed()  # reloads this screen too; the cursor moves to the next entry
        self.notify(t("ent.deleted", self.lang, what=what), markup=False, timeout=8)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify(t("ent.nothing_to_undo", self.lang), markup=False)
            return
        entry_id, what = self.deleted.pop()
        self.app.service.undelete(entry_id)
        self.app.changed()
        self.notify(t("ent.restored", self.lang, what=what), markup=False)
