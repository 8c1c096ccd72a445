"""A row-cursor table whose rows live elsewhere: only the lines on screen are built.

Built on Textual's public Line API (`ScrollView`, `render_line`, `virtual_size`), not on
`DataTable`: a `DataTable` keeps every row it was given, and some of its bookkeeping is
linear in the rows (a table grown page by page to 19,000 rows answered a key in ~0.5 s).
`VirtualTable` keeps no rows: it is told how many there are (`set_row_count`) and asks
`row_at(index) -> (key, cells)` for the rows it paints (the caller serves them from a small
page cache, by offset). Every key costs the same at row 100 and at row 100,000.

What the screens use: columns (`add_column(label, width=…, key=…)`, `ordered_columns`,
`fixed_columns` kept in place when the others scroll sideways,
`get_render_width`), `row_count`, `cursor_row`, `move_cursor(row=…)`, `get_row_at(i)`,
`key_at(i)`, `clear()`, the `RowHighlighted`/`RowSelected` messages, the keys (arrows,
Page Up/Down, Home/End, Ctrl+Home/End, Enter), a click (moves the cursor; a second click
on the cursor row selects it), mouse hover and the wheel. It looks like a `DataTable`
(the same component classes and colours). Every row is one line; cells are
`rich.text.Text` (cropped and padded by terminal cells: a Chinese character is two).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .table_parts import TABLE_CSS, Column, RowHighlighted, RowSelected

RowSource = Callable[[int], "tuple[str, list[Text]]"]
STRIPS_KEPT = 400  # painted lines kept for repaints: a few screens' worth


class VirtualTable(ScrollView, can_focus=True):
    """`set_row_count(n)` and `row_at(i) -> (key, cells)`; see the module docstring."""

    BINDINGS = [
        Binding("enter", "select_cursor", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("left", "scroll_left", show=False),
        Binding("right", "scroll_right", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home,ctrl+home", "first_row", show=False),
        Binding("end,ctrl+end", "last_row", show=False),
    ]
    COMPONENT_CLASSES = {"datatable--header", "datatable--cursor", "datatable--hover",
                         "datatable--even-row", "datatable--odd-row"}
    DEFAULT_CSS = TABLE_CSS

    RowHighlighted = RowHighlighted
    RowSelected = RowSelected

    def __init__(self, *, row_at: RowSource | None = None, zebra_stripes: bool = False,
                 name: str | None = None, id: str | None = None, classes: str | None = None,
                 disabled: bool = False) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.row_at: RowSource = row_at or (lambda index: ("", []))
        self.columns: dict[str, Column] = {}
        self.cursor_type = "row"  # the only kind (set by code shared with DataTable)
        self.cell_padding = 1
        self.show_header = True
        self.header_height = 1
        self.fixed_columns = 0  # the first columns stay in place when the rest scroll sideways
        self._zebra = zebra_stripes
        self._count = 0
        self._cursor = 0
        self._hover: int | None = None  # the row under the mouse, while it moves there
        self._strips: dict[tuple, Strip] = {}

    # ---- columns ----------------------------------------------------------------------
    @property
    def ordered_columns(self) -> list[Column]:
        return list(self.columns.values())

    def add_column(self, label: str | Text, *, width: int, key: str | None = None) -> str:
        key = key or str(len(self.columns))
        self.columns[key] = Column(key, label if isinstance(label, Text) else Text(label), width)
        self._resized()
        return key

    def add_columns(self, *labels: str, width: int = 10) -> list[str]:
        return [self.add_column(label, width=width) for label in labels]

    def table_width(self) -> int:
        return sum(c.get_render_width(self) for c in self.columns.values())

    @property
    def zebra_stripes(self) -> bool:
        return self._zebra

    @zebra_stripes.setter
    def zebra_stripes(self, value: bool) -> None:
        self._zebra = value
        self._repaint()

    # ---- rows -------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return self._count

    def set_row_count(self, count: int, cursor_row: int | None = None) -> None:
        """There are now `count` rows; the cursor moves to `cursor_row` (default: stays,
        within the rows). With a `cursor_row`, or fewer rows, every row is read again
        from `row_at`; more rows and no `cursor_row`: the list grew below, the rows
        painted stay as they are."""
        grew = cursor_row is None and count >= self._count
        self._count = max(0, count)
        self._resized()
        if not grew:
            self._repaint()
        if cursor_row is None and self._cursor < self._count:
            return  # more rows below: the cursor stays where it is
        row = self._cursor if cursor_row is None else cursor_row
        self.move_cursor(row=row)

    def clear(self, columns: bool = False) -> VirtualTable:
        if columns:
            self.columns.clear()
        self.set_row_count(0, 0)
        return self

    def get_row_at(self, row_index: int) -> list[Text]:
        self._check(row_index)
        return list(self.row_at(row_index)[1])

    def key_at(self, row_index: int) -> str:
        self._check(row_index)
        return self.row_at(row_index)[0]

    def _check(self, row_index: int) -> None:
        if not 0 <= row_index < self._count:
            raise IndexError(f"row {row_index} of {self._count}")

    def _resized(self) -> None:
        header = self.header_height if self.show_header else 0
        size, old = Size(self.table_width(), self._count + header), self.virtual_size
        if size == old:
            return
        if (self.is_mounted and old.width == size.width and not self.styles.height.is_auto
                and min(old.height, size.height) > self.scrollable_content_region.height):
            # The rows grew or shrank below the fold: the widget keeps its size and its
            # scrollbar, so only the scrollbar hears of it (setting `virtual_size` lays
            # out the whole screen: ~5-30 ms on a key).
            self.set_reactive(VirtualTable.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
            self.refresh()
        else:
            self.virtual_size = size

    def repaint_rows(self, rows: Iterable[int]) -> None:
        """These rows changed (`row_at` answers anew for them): painted again if in sight."""
        changed = set(rows)
        if not changed:
            return
        self._strips = {k: v for k, v in self._strips.items() if k[0] not in changed}
        top = int(self.scroll_y)
        for row in changed:
            if top <= row <= top + self._page():
                self._refresh_row(row)

    def _repaint(self) -> None:
        self._strips.clear()
        self.refresh()

    # ---- the cursor -------------------------------------------------------------------
    @property
    def cursor_row(self) -> int:
        return self._cursor

    def move_cursor(self, *, row: int | None = None, column: int | None = None,
                    animate: bool = False, scroll: bool = True) -> None:
        """Put the cursor on `row` (clamped to the rows; `column` is ignored)."""
        if row is None:
            return
        row = max(0, min(row, self._count - 1))
        old, self._cursor = self._cursor, row
        if scroll:
            self.scroll_to_row(row, animate=animate)
        if old != row:
            self._refresh_row(old)
            self._refresh_row(row)
            if self._count:
                self.post_message(self.RowHighlighted(self, row, self.row_at(row)[0]))

    def scroll_to_row(self, row: int, animate: bool = False) -> None:
        """Scroll the least that shows `row` below the header."""
        header = self.header_height if self.show_header else 0
        self.scroll_to_region(Region(int(self.scroll_x), row + header, 1, 1), animate=animate,
                              spacing=Spacing(header, 0, 0, 0), force=True, x_axis=False)

    def _refresh_row(self, row: int) -> None:
        header = self.header_height if self.show_header else 0
        self.refresh_line(row + header)

    def _page(self) -> int:
        header = self.header_height if self.show_header else 0
        return max(1, self.scrollable_content_region.height - header)

    def _keyboard(self) -> None:
        """A key was pressed: the mouse's hover mark goes until the mouse moves again."""
        if self._hover is not None:
            row, self._hover = self._hover, None
            self._refresh_row(row)

    def action_cursor_up(self) -> None:
        self._keyboard()
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._keyboard()
        self.move_cursor(row=self._cursor + 1)

    def action_page_down(self) -> None:
        self._keyboard()
        page = self._page()
        self.scroll_relative(y=page, animate=False, force=True)
        self.move_cursor(row=min(self._count - 1, self._cursor + page), scroll=False)

    def action_page_up(self) -> None:
        self._keyboard()
        page = self._page()
        self.scroll_relative(y=-page, animate=False, force=True)
        self.move_cursor(row=max(0, self._cursor - page), scroll=False)

    def action_first_row(self) -> None:
        self._keyboard()
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self._keyboard()
        self.move_cursor(row=self._count - 1)

    def action_select_cursor(self) -> None:
        self._keyboard()
        self._select()

    def action_scroll_left(self) -> None:
        if not self.fixed_columns or not self.allow_horizontal_scroll:
            return super().action_scroll_left()
        self._scroll_columns(-1)

    def action_scroll_right(self) -> None:
        if not self.fixed_columns or not self.allow_horizontal_scroll:
            return super().action_scroll_right()
        self._scroll_columns(+1)

    def _scroll_columns(self, way: int) -> None:
        """With fixed columns (a matrix: the desk), ←/→ move a whole column, not a cell."""
        starts, x = [0], 0
        for column in self.ordered_columns[self.fixed_columns:]:
            x += column.get_render_width(self)
            starts.append(x)
        now = round(self.scroll_target_x)
        to = (max((s for s in starts if s < now), default=0) if way < 0
              else min((s for s in starts if s > now), default=now))
        self.scroll_to(x=to, animate=False)

    def _select(self) -> None:
        if self._count:
            self.post_message(self.RowSelected(self, self._cursor, self.row_at(self._cursor)[0]))

    # ---- the mouse --------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None or row < 0 or row >= self._count:
            return  # the header, or below the last row
        event.stop()
        if row == self._cursor:
            self._select()
        else:
            self.move_cursor(row=row, animate=True)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        row = row if row is not None and 0 <= row < self._count else None
        if row != self._hover:
            old, self._hover = self._hover, row
            for r in (old, row):
                if r is not None:
                    self._refresh_row(r)

    def on_leave(self, event: events.Leave) -> None:
        self._keyboard()

    # ---- painting ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        header = self.header_height if self.show_header else 0
        style = self.get_component_rich_style
        if y < header:
            row, row_style = -1, style("datatable--header")
        else:
            row = y - header + scroll_y
            if row >= self._count:
                return Strip.blank(width, base)
            if self._zebra:
                row_style = style("datatable--odd-row" if row % 2 else "datatable--even-row")
            else:
                row_style = base
        over = Style()
        if row >= 0 and row == self._hover:
            over += style("datatable--hover")
        if row >= 0 and row == self._cursor:
            over += style("datatable--cursor")
        key = (row, scroll_x, width, base, row_style, over)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
            fixed = sum(c.get_render_width(self) for c in self.ordered_columns[:self.fixed_columns])
            pinned = bool(scroll_x) and 0 < fixed < width  # the desk's names stay beside their cells
            shown = ((0, fixed), (fixed + scroll_x, scroll_x + width)) if pinned else \
                ((scroll_x, scroll_x + width),)
            strip = self._render_row(row, row_style, over, cursor=row >= 0 and row == self._cursor,
                                     shown=shown)
            if pinned:
                strip = Strip.join([strip.crop(0, fixed), strip.crop(fixed + scroll_x, scroll_x + width)])
            else:
                strip = strip.crop(scroll_x, scroll_x + width)
            strip = strip.adjust_cell_length(width, base)
            self._strips[key] = strip = strip.simplify()
        return strip

    def _render_row(self, row: int, row_style: Style, over: Style, cursor: bool,
                    shown: tuple[tuple[int, int], ...] = ((0, 1 << 30),)) -> Strip:
        """The whole row's line; the cells of columns outside `shown` (the spans of the
        line in sight, from its left edge; by default all) are left blank, as they are
        cropped away (the desk's 44 columns at 120 columns: ~12 in sight)."""
        cells = [c.label for c in self.columns.values()] if row < 0 else self.row_at(row)[1]
        # the cursor's colour wins over the text's own (DataTable's "css" foreground
        # priority); its background does not
        post = Style.from_color(color=over.color) if cursor and over.color else Style.null()
        pad = " " * self.cell_padding
        segments: list[Segment] = []
        console = self.app.console
        style = row_style + over + Style.from_meta({"row": row})  # a click finds its row
        right = 0
        for index, column in enumerate(self.columns.values()):
            left, right = right, right + column.get_render_width(self)
            if not any(start < right and left < end for start, end in shown):
                segments.append(Segment(" " * (right - left), style))
                continue
            cell = cells[index] if index < len(cells) else Text()
            if not isinstance(cell, Text):
                cell = Text(str(cell))
            text = cell.copy()
            text.truncate(column.width, overflow="crop")
            gap = column.width - text.cell_len
            if gap > 0:
                if cell.justify == "right":
                    text = Text(" " * gap) + text
                elif cell.justify == "center":
                    text = Text(" " * (gap // 2)) + text + Text(" " * (gap - gap // 2))
                else:
                    text.append(" " * gap)
            segments.append(Segment(pad, style))
            # Text.render leaves out the cell's own base style (the desk's coloured cells)
            own = console.get_style(cell.style, default=Style.null()) if cell.style else Style.null()
            for seg in text.render(console, end=""):
                seg_style = own + seg.style if seg.style else own
                segments.append(Segment(seg.text, style + seg_style + post))
            segments.append(Segment(pad, style))
        rest = max(0, self.size.width - self.table_width())
        if rest:
            fill = row_style + over + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
            segments.append(Segment(" " * rest, fill))
        return Strip(segments)
