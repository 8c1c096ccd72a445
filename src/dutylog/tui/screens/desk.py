"""The desk: all my leaders on one screen (services/desk.py). A row per kept subject: the
pending count, how many duties are behind, and one coloured cell per duty; above it what
is due this week across all of them. Enter opens that subject's dashboard.

Virtualised (`VirtualTable`), and counted off the UI thread: a row costs ≈ 10 ms to
evaluate (a subject's year of entries), so a thread worker (`count`) evaluates every
subject, the rows in sight first, then the rest, and reports in chunks (`Counted`); a row
not yet counted shows its name and "…", the due line says "正在统计 120/500" until all are
in. Keys answer meanwhile; while another screen (a dashboard) is in front of the desk the
count waits. `/` filters by role, town or status, `b` sorts by "most behind": while
counting, both read the rows counted so far and are applied again as the others arrive
(at most once a second, and when all are in; the cursor stays on its subject). `x`
exports what is shown to .xlsx or .csv, once counted. The rows are kept for the screen's
life and in the memo (services/desk.py): a desk opened again with nothing written starts
counted; a new year or a write (`DataChanged`) starts the count again."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from dutylog.domain.errors import DutylogError
from dutylog.i18n import t
from dutylog.services import desk as desk_service
from dutylog.services import ui

from ..fmt import glyph_text
from ..widgets.desk_heads import column_heads, column_width
from ..widgets.virtual_table import VirtualTable
from . import desk_export
from .base import DutylogScreen

CELL_STYLE = {"met": "black on green", "on_track": "black on dark_cyan",
              "due_soon": "black on orange1", "behind": "black on yellow",
              "unreachable": "white on magenta", "missed": "white on red"}
CELL_MARK = {"met": "✓", "on_track": "·", "due_soon": "!", "behind": "▼",
             "unreachable": "✗!", "missed": "✗"}
NAME_W, NUM_W = 10, 6
DUE_SHOWN = 6  # due items named on the line; the rest counted
WARM_S = 0.3  # seconds after the rows in sight are shown: the app's dashboard is made (app.warm_board)
AHEAD_REST_S = 0.25  # the cursor rested this long on a row: the count makes its dashboard
PAUSE_S = 0.05  # Enter waits at most this long for the count to pause
CHUNK, CHUNK_S, SIGHT_S = 25, 0.25, 0.1  # the worker reports after so many rows, or seconds
RESORT_S = 1.0  # while counting, "most behind" and a status filter are applied again this often
COUNT_GROUP = "desk-count"  # the counting worker's group (tests and the probe wait on it)


class DeskScreen(DutylogScreen):
    BINDINGS = [
        Binding("ctrl+f,slash", "filter", "key.filter"),
        Binding("f3,b", "sort", "key.sort"),
        Binding("f4,x", "export", "key.export"),
        Binding("ctrl+r,r", "review", "key.review"),
        Binding("f2,n", "log", "key.log"),
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
        Binding("q", "app.quit", "key.quit", show=False),
    ]

    class Counted(Message):
        """The worker evaluated the rows of `ids` in `desk` (the last report may be empty)."""

        def __init__(self, desk: desk_service.Desk, ids: list[str]) -> None:
            super().__init__()
            self.desk, self.ids = desk, ids

    def __init__(self, **context) -> None:
        super().__init__(**context)
        self.most_behind = False
        self.text = ""
        self.shown: list = []
        self._index: dict[str, int] = {}  # subject id -> its row in `shown`
        self._wanted: deque[str] = deque()  # rows painted before being counted: counted first
        self._stale = False
        self._unshown = False  # rows counted while the desk was not in front, not painted yet
        self._front = threading.Event()  # the desk is in front (or under a dialog): count
        self._resting = threading.Event()  # the count is not evaluating a row (or not running)
        self._resting.set()
        self._due_shown = False
        self._due_lines = 0  # the due line's height when last shown
        self._sorted_at = 0.0  # when the rows were last filtered and sorted (time.monotonic)
        # the subject under the cursor and when it came there (time.monotonic): read by the count
        self._cursor: tuple[str | None, float] = (None, 0.0)
        self._warm_asked = False  # the app's dashboard asked for (`warm_soon`)
        self.ahead = ui.Ahead()  # its dashboard, made by the count for Enter

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="desk-title", markup=False)
        yield Static(id="desk-due", markup=False)
        yield Input(placeholder=self.word("desk.filter_ph"), id="desk-filter")
        table = VirtualTable(row_at=self.row_at, zebra_stripes=True, id="desk-table")
        table.fixed_columns = 3  # name, pending, behind: beside the duties scrolled to
        yield table
        yield Static(id="desk-message", markup=False)
        yield self.footer()

    AUTO_FOCUS = "#desk-table"  # (not the filter: its keys would be in the footer first)

    def on_mount(self) -> None:
        self._front.set()
        self.reload()
        self.query_one(VirtualTable).focus()
        if self.desk.complete:  # (else once the count has shown the rows in sight)
            self.warm_soon()

    def warm_soon(self) -> None:
        """Enter's dashboard made while one reads the desk: after its first rows are shown,
        never before (the first desk of a day is counted meanwhile)."""
        if not self._warm_asked:
            self._warm_asked = True
            self.set_timer(WARM_S, self.app.warm_board)

    # ---- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.desk = desk_service.Desk(self.service, getattr(self.app, "year", None))
        self._wanted = deque()
        self._stale = False
        table = self.query_one(VirtualTable)
        keep = self.cursor_subject()
        table.clear(columns=True)
        lang = self.lang
        for key, width in (("name", NAME_W), ("pending", NUM_W), ("behind", NUM_W)):
            head = self.word(f"desk.col_{key}")
            table.add_column(head, width=max(width, cell_len(head)), key=key)  # "Pending" whole
        for rule, head in zip(self.desk.rules, column_heads(self.desk.rules, lang), strict=True):
            table.add_column(head, width=column_width(head), key=rule.id)
        self.refilter(keep)
        self.show_due()
        if not self.desk.complete:  # (every row from the memo: nothing to count)
            self._resting = threading.Event()  # this count's own (one given up sets its own)
            self.count(self.desk, list(self.shown), self._wanted, self.app.size.height, self._front)

    def data_changed(self, message) -> None:
        """A write: counted again now if the desk is in front, else when it comes back."""
        if self.app.screen is self:  # (`is_current` holds for the screen just beneath too)
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        self._front.set()
        if self._stale:
            self.reload()
        elif self._unshown:  # rows counted while another screen was in front
            self._unshown = False
            self.refilter(self.cursor_subject())
            self.query_one(VirtualTable).repaint_rows(range(len(self.shown)))
            self.show_due()

    def on_screen_suspend(self) -> None:
        """A screen over the desk (a dashboard, entries): the count waits until the desk is
        back, so that screen's keys do not share the interpreter with it. Under a dialog
        (the export's, say) it goes on."""
        if not isinstance(self.app.screen, ModalScreen):
            self._front.clear()

    @work(thread=True, exclusive=True, group=COUNT_GROUP, exit_on_error=False)
    def count(self, desk: desk_service.Desk, order: list, wanted: deque[str], first: int,
              front: threading.Event) -> None:
        """Evaluate every row of `desk` off the UI thread (the store's reads take its lock):
        first the rows in sight — painted meanwhile (`wanted`, filled by `row_at`) or
        among the `first` shown (the terminal's height: no more can be in sight at the
        start) — then the subjects' towns (what the filter reads), then the others, those
        shown first. A `Counted` report when the rows in sight are in (every SIGHT_S
        seconds until then), then every CHUNK rows or CHUNK_S seconds, and at the end:
        each report costs the UI thread a repaint. It waits while `front` is clear."""
        worker = get_current_worker()
        by_id = {s.id: s for s in desk.subjects}
        in_sight = {s.id for s in order[:first]}
        rest = iter(order + desk.subjects)
        resting = self._resting  # set while waiting for the desk, and at the end
        batch: list[str] = []
        seen, warm = False, False  # the batch holds rows in sight; the towns are read
        painted = False  # the rows in sight are reported: the dashboard under the cursor next
        since = time.monotonic()
        try:
            while not worker.is_cancelled:
                if not front.is_set():  # another screen in front: wait for the desk
                    resting.set()
                    front.wait(0.1)
                    continue
                resting.clear()
                cursor, moved = self._cursor  # (the UI thread sets it: read once)
                if painted and cursor in by_id and time.monotonic() - moved >= AHEAD_REST_S:
                    self.ahead.make(self.service, by_id[cursor], desk.year)
                subj, asked = None, False
                while wanted and subj is None:
                    found = by_id.get(wanted.popleft())
                    if found is not None and desk.counted(found) is None:
                        subj, asked = found, True
                if subj is None:
                    subj = next((s for s in rest if desk.counted(s) is None), None)
                if subj is None:
                    break
                asked = asked or subj.id in in_sight
                if seen and not asked:  # the rows in sight are in: shown before the others
                    self.report(desk, batch)
                    batch, seen, since, painted = [], False, time.monotonic(), True
                if not asked and not warm:  # the town filter's links, read here, not on a key
                    desk.towns(subj)
                    warm = True
                desk.row(subj)
                batch.append(subj.id)
                seen = seen or asked
                if len(batch) >= CHUNK or time.monotonic() - since >= (SIGHT_S if seen else CHUNK_S):
                    self.report(desk, batch)
                    batch, seen, since = [], False, time.monotonic()
            if not worker.is_cancelled:
                self.report(desk, batch)
        finally:
            resting.set()

    def report(self, desk: desk_service.Desk, batch: list[str]) -> None:
        """(The worker's) `batch` counted: kept in the memo, then shown."""
        desk.remember()
        self.post_message(self.Counted(desk, batch))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The count failed (the store refused a read): said under the table."""
        if event.worker.group == COUNT_GROUP and event.state == WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#desk-message", Static).update(
                self.refusal(error) if isinstance(error, DutylogError) else str(error))
            self.show_due()  # as far as the count went

    def on_desk_screen_counted(self, message: Counted) -> None:
        if message.desk is not self.desk:
            return  # a report of a count given up (a new year, a write)
        self.warm_soon()
        if self.app.screen is not self and not isinstance(self.app.screen, ModalScreen):
            self._unshown = True  # under a dashboard: shown when the desk is back in front
            return
        # Sorted or filtered by status: the order or the rows shown may change. Applied
        # again at most every RESORT_S seconds while counting (each time every row in
        # sight is painted anew, and rows moving under the eye are hard to follow), and
        # when the count is complete.
        again = self.desk.complete or time.monotonic() - self._sorted_at >= RESORT_S
        if (self.most_behind or self.desk.by_state(self.text)) and again:
            shown = self.desk.view(self.text, self.most_behind, self.lang, counted_only=True)
            if [s.id for s in shown] != [s.id for s in self.shown]:
                self.refilter(self.cursor_subject(), shown)
                self.show_due()
                return
        self.query_one(VirtualTable).repaint_rows(
            self._index[i] for i in message.ids if i in self._index)
        self.show_due()

    def selection_changed(self, message) -> None:
        """The app's subject or year moved: the desk shows every subject, so only a new
        year is read again (Enter on a row selects its subject; re-evaluating all 500
        rows for that took seconds at county size)."""
        if getattr(self.app, "year", None) not in (None, self.desk.year):
            self.reload()

    def refilter(self, keep: str | None = None, shown: list | None = None) -> None:
        """Filter and sort again (`shown`: already done), the cursor kept on `keep`."""
        if shown is None:
            shown = self.desk.view(self.text, self.most_behind, self.lang, counted_only=True)
        self.shown = shown
        self._sorted_at = time.monotonic()
        self._index = {s.id: i for i, s in enumerate(self.shown)}
        table = self.query_one(VirtualTable)
        ids = [s.id for s in self.shown]
        row = ids.index(keep) if keep in ids else 0
        table.set_row_count(len(self.shown), cursor_row=row)
        self._cursor = (ids[row] if ids else None, time.monotonic())
        sort = self.word("desk.sort_behind" if self.most_behind else "desk.sort_name")
        self.query_one("#desk-title", Static).update(Text.assemble(
            (glyph_text(self.word("desk.title", n=len(self.shown), as_of=self.desk.as_of.isoformat())), "bold"),
            "   ", (glyph_text(sort), "dim"), "   ", _legend(self.lang)))

    def row_at(self, index: int) -> tuple[str, list[Text]]:
        subj = self.shown[index]
        row = self.desk.counted(subj)
        if row is None:  # being counted: asked for first
            self._wanted.append(subj.id)
            wait = glyph_text("…")  # "~" in ASCII mode
            return subj.id, [Text(subj.name), Text(wait, style="dim", justify="right"),
                             Text(wait, style="dim", justify="right")]
        cells = [Text(subj.name), Text(str(row.pending) if row.pending else "",
                                       style="bold yellow", justify="right"),
                 Text(str(row.behind) if row.behind else "", style="bold red", justify="right")]
        for rule in self.desk.rules:
            state = row.cells.get(rule.id, "")
            # the mark in the middle of the coloured cell, which is as wide as the head above
            cells.append(Text(glyph_text(CELL_MARK[state]) if state else "", style=CELL_STYLE.get(state, ""),
                              justify="center"))
        return subj.id, cells

    def show_due(self) -> None:
        """What is due this week across the rows counted so far, and how far the count is."""
        desk = self.desk
        self._due_shown = desk.complete
        items = desk.due_this_week(counted_only=True)
        line = Text()
        if items:
            lang = self.lang
            words = [f"{s.name}·{d.rule.title.get(lang)}" + (f"({d.object_name})" if d.object_name else "")
                     for s, d in items[:DUE_SHOWN]]
            more = f" … +{len(items) - DUE_SHOWN}" if len(items) > DUE_SHOWN else ""
            line.append(glyph_text(self.word("desk.due_week", items="、".join(words) + more)), style="yellow")
        elif desk.complete:
            line.append(self.word("desk.due_none"))
        if not desk.complete:
            line.append(("   " if items else "")
                        + self.word("desk.counting", done=desk.done, total=len(desk.subjects)), style="dim")
        due = self.query_one("#desk-due", Static)
        width = due.content_region.width
        lines = 1 if width > 0 and line.cell_len <= width else 2
        # a new layout (≈ 20 ms with the desk's table) only when the line's height changes
        due.update(line, layout=width == 0 or lines != self._due_lines)
        self._due_lines = lines

    def cursor_subject(self) -> str | None:
        table = self.query_one(VirtualTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)].id

    def selected(self):
        key = self.cursor_subject()
        found = next((s for s in self.shown if s.id == key), None)
        if found is None:
            self.query_one("#desk-message", Static).update(self.word("desk.pick"))
        return found

    # ---- keys ---------------------------------------------------------------------------
    async def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        subj = self.selected()
        if subj is not None:  # the count pauses first: the dashboard has the interpreter
            self._front.clear()
            if not self._resting.is_set():  # (its row done: a few ms)
                await asyncio.to_thread(self._resting.wait, PAUSE_S)
            self.app.show_subject(subj.name, ready=self.ahead.get(self.service, subj, self.desk.year))

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        self._cursor = (event.key, time.monotonic())

    def action_filter(self) -> None:
        self.query_one("#desk-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "desk-filter":
            self.text = event.value
            self.refilter(self.cursor_subject())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(VirtualTable).focus()

    def action_sort(self) -> None:
        self.most_behind = not self.most_behind
        self.refilter(self.cursor_subject())

    def action_log(self) -> None:
        """Log for the subject under the cursor."""
        subj = self.selected()
        if subj is not None:
            self.app.set_subject(subj.name)
            self.app.action_log()

    def action_review(self) -> None:
        subj = self.selected()
        if subj is not None:
            self.app.set_subject(subj.name)  # a dashboard under the desk follows
            self.app.open("review", subj.name)

    def action_export(self) -> None:
        desk_export.ask(self)


def _legend(lang: str) -> Text:
    out = Text()
    for state in desk_service.CELL_STATES:
        out.append(f" {glyph_text(CELL_MARK[state])} ", style=CELL_STYLE[state])
        out.append(f"{t(f'desk.state.{state}', lang)} ", style="dim")
    return out
