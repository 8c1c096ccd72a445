"""Browse, filter, edit and delete the subject's entries, a page at a time.

The table is virtual (`VirtualTable`): it paints only the rows on screen, read by offset
from a small cache of pages of PAGE rows (`services.ui.entry_page`), so every key costs
the same at row 100 and at row 19,000 of a database of 200,000 entries. The table holds
the whole count from the start, so End reaches the last row at once (issue 14 §7: the last
of 10,000 rows within a second; it used to grow by PAGE rows a press, ~100 presses).
Deleting offers an undo right away (`u`).
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Iterator, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import t
from dutylog.services import ui

from ..errors import explain
from ..widgets.virtual_table import VirtualTable
from .base import MainScreen
from .entry_rows import entry_cells, setup_entry_table

PAGE = 100
CACHED_PAGES = 8  # 800 entries: the screen's worth around the cursor, and where it came from
CACHED_CELLS = 300  # rows' table cells: a few screens
DEBOUNCE = 0.3


class EntryPages:
    """The filtered entries by position, read a page at a time (offset paging) and kept
    in a small LRU cache; the table cells of the rows painted lately in another. Forget
    everything with `clear()`."""

    def __init__(self, screen: "EntriesScreen") -> None:
        self.screen = screen
        self.pages: OrderedDict[int, list] = OrderedDict()
        self.cells: OrderedDict[int, list[Text]] = OrderedDict()

    def clear(self) -> None:
        self.pages.clear()
        self.cells.clear()

    def page(self, number: int) -> list:
        rows = self.pages.get(number)
        if rows is not None:
            self.pages.move_to_end(number)
            return rows
        screen = self.screen
        rows = ui.entry_page(screen.service, screen.filter, PAGE, offset=number * PAGE)
        self.pages[number] = rows
        while len(self.pages) > CACHED_PAGES:
            self.pages.popitem(last=False)
        return rows

    def entry(self, index: int):
        """The entry of row `index`; an IndexError past the end of the list."""
        return self.page(index // PAGE)[index % PAGE]

    def row(self, index: int) -> tuple[str, list[Text]]:
        """(id, cells) of row `index`, for the table."""
        entry = self.entry(index)
        cells = self.cells.get(index)
        if cells is None:
            screen = self.screen
            cells = entry_cells(screen.service, entry, screen.lang, screen.names,
                                screen.app.subject)
            self.cells[index] = cells
            if len(self.cells) > CACHED_CELLS:
                self.cells.popitem(last=False)
        return entry.id, cells


class Reached(Sequence):
    """The entries the table lists, read through the page cache: `screen.loaded[i]`,
    `len(screen.loaded)`, iteration."""

    def __init__(self, pages: EntryPages, count: int) -> None:
        self._pages = pages
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._pages.entry(index)

    def __iter__(self) -> Iterator:
        for i in range(self._count):
            yield self[i]


class EntriesScreen(MainScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("delete,x", "delete", "key.delete"),
        Binding("ctrl+z,u", "undo", "key.undo"),
        Binding("f9,h", "history", "key.history"),
        Binding("ctrl+f,slash", "focus_search", show=False),
    ]

    def __init__(self, **context) -> None:
        super().__init__(**context)
        self.pages = EntryPages(self)
        self.loaded: Reached = Reached(self.pages, 0)
        self.total = 0
        self.names: dict[str, str] = {}
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
        yield VirtualTable(id="entries", row_at=self.pages.row)
        yield self.footer()

    def on_mount(self) -> None:
        setup_entry_table(self.query_one(VirtualTable), self.lang)
        self.reload()
        self.query_one(VirtualTable).focus()
        # Scrolling reads a page of entries per ~100 rows; those objects outlive the
        # young GC generations, so every ~10 pages CPython runs a full collection over the
        # whole heap (the app, Textual, Rich: ~90,000 objects), ~70-100 ms that land on a
        # key. Freezing what exists now (it lives as long as this screen anyway) leaves
        # the full collections only the objects made since: a few ms. Thawed on unmount.
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    # ---- loading
    def reload(self, keep_cursor: bool = True) -> None:
        """Re-read the list; after an edit or delete the cursor stays where it was."""
        app = self.app
        table = self.query_one(VirtualTable)
        keep = table.cursor_row if keep_cursor and table.row_count else 0
        self.query_one("#entries-title", Static).update(
            Text(t("ent.title", self.lang, subject=app.subject or ""), style="bold"))
        try:
            self.filter = self.read_filter()
        except InvalidInput as exc:
            self.query_one("#count", Static).update(explain(exc, self.lang))
            return
        self.names = ui.link_names(self.service, app.subject)
        self.total = ui.entry_count(self.service, self.filter)
        self.pages.clear()
        self.loaded = Reached(self.pages, self.total)
        # every row listed (read when painted); the cursor stays where it was
        self.query_one(VirtualTable).set_row_count(self.total, min(keep, max(0, self.total - 1)))
        self.show_count()

    def read_filter(self) -> ui.EntryFilter:
        svc = self.service
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

    def show_count(self) -> None:
        self.query_one("#count", Static).update(
            Text(t("ent.count", self.lang, n=self.total, m=len(self.loaded)) + self.range_words(),
                 style="dim"))

    def range_words(self) -> str:
        """The dates the from/to fields name, as the list reads them (上周一 → 2026-11-16)."""
        flt = self.filter
        if flt.date_from is None and flt.date_to is None:
            return ""
        days = [d.isoformat() if d else "…" for d in (flt.date_from, flt.date_to)]
        return t("ent.range", self.lang, start=days[0], end=days[1])

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
        self.query_one(VirtualTable).focus()

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        if event.key:
            self.app.action_edit(event.key)

    # ---- actions
    def action_focus_search(self) -> None:
        self.query_one("#f-search", Input).focus()

    def current_id(self) -> str | None:
        table = self.query_one(VirtualTable)
        if not table.row_count:
            return None
        return self.loaded[table.cursor_row].id

    def action_history(self) -> None:
        entry_id = self.current_id()
        if entry_id is not None:
            self.app.action_history(entry_id)

    def action_delete(self) -> None:
        entry_id = self.current_id()
        if entry_id is None:
            return
        svc = self.service
        e = svc.delete(entry_id)
        what = f"{e.date} {e.title or svc.policy.kind(e.kind).name.get(self.lang)}"
        self.deleted.append((e.id, what))
        self.announce("entry", e.id)  # this screen reloads too; the cursor stays on row n
        self.notify(t("ent.deleted", self.lang, what=what), markup=False, timeout=8)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify(t("ent.nothing_to_undo", self.lang), markup=False)
            return
        entry_id, what = self.deleted.pop()
        self.service.undelete(entry_id)
        self.announce("entry", entry_id)
        self.notify(t("ent.restored", self.lang, what=what), markup=False)
