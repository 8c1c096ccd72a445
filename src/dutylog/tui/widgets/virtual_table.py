"""A row-cursor table whose rows live elsewhere: only the lines on screen are built.

`DataTable` keeps every row it was given and some of its bookkeeping (row offsets, the
ordered row list, the region of the cursor row) is linear in the rows: a table grown
page by page to 19,000 rows answers a key in ~0.5 s. `VirtualTable` keeps none: it is
told how many rows there are (`set_row_count`) and asks `row_at(index) -> (key, cells)`
for the rows it paints (the caller serves them from a small page cache). Every key costs
the same at row 100 and at row 100,000.

It is a `DataTable` for everything else (the same CSS, component classes, columns added
with `add_column(label, width=…, key=…)`, `cursor_coordinate`/`move_cursor`, the
`RowHighlighted`/`RowSelected` messages, key bindings, mouse click and hover), so screens
and tests written against a `DataTable` keep working. Only `cursor_type = "row"` and
fixed column widths are supported; every row is one line; cells are `rich.text.Text`
(cropped and padded by terminal cells: a Chinese character is two).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, CellKey, RowDoesNotExist, RowKey

RowSource = Callable[[int], "tuple[str, list[Text]]"]


class VirtualTable(DataTable):
    """`set_row_count(n)` and `row_at(i) -> (key, cells)`; see the module docstring."""

    def __init__(self, *, row_at: RowSource | None = None, **kwargs) -> None:
        # set first: DataTable's __init__ sets reactives whose watchers ask for rows
        self.row_at: RowSource = row_at or (lambda index: ("", []))
        self._count = 0
        self._strips: dict[tuple, Strip] = {}
        self._paint_styles: dict[str, Style] | None = None
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)

    # ---- the rows -------------------------------------------------------------------
    def set_row_count(self, count: int, cursor_row: int | None = None) -> None:
        """There are now `count` rows; the cursor moves to `cursor_row` (default: stays,
        within the rows). With a `cursor_row`, or fewer rows, every row is read again
        from `row_at`; more rows and no `cursor_row`: the list grew below, rows painted
        stay as they are."""
        grew = cursor_row is None and count >= self._count
        self._count = max(0, count)
        if not grew:
            self._strips.clear()
            self._update_count += 1
        self._set_virtual_size()
        self.refresh()
        if cursor_row is None and self.cursor_row < self._count:
            return  # more rows below: the cursor stays as it is
        row = self.cursor_row if cursor_row is None else cursor_row
        row = max(0, min(row, self._count - 1))
        self.cursor_coordinate = Coordinate(row, self.cursor_column)

    def _set_virtual_size(self) -> None:
        header = self.header_height if self.show_header else 0
        size = Size(self._table_width(), self._count + header)
        old = self.virtual_size
        if size == old:
            return
        height = self.scrollable_content_region.height
        if (self.is_mounted and old.width == size.width and not self.styles.height.is_auto
                and min(old.height, size.height) > height):
            # The rows grew or shrank below the fold: the widget's size and its
            # scrollbars' presence stay, so only the scrollbar is updated (a layout of
            # the screen costs ~10-30 ms). Textual does the same when it resizes.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self.virtual_size = size

    def _table_width(self) -> int:
        return sum(c.get_render_width(self) for c in self.columns.values())

    @property
    def row_count(self) -> int:
        return self._count

    def is_valid_row_index(self, row_index: int) -> bool:
        return 0 <= row_index < self._count

    def get_row_at(self, row_index: int) -> list:
        if not self.is_valid_row_index(row_index):
            raise RowDoesNotExist(f"Row index {row_index!r} is not valid.")
        return list(self.row_at(row_index)[1])

    def get_cell_at(self, coordinate: Coordinate):
        if not self.is_valid_coordinate(coordinate):
            raise CellDoesNotExist(f"No cell exists at {coordinate!r}.")
        return self.get_row_at(coordinate.row)[coordinate.column]

    def coordinate_to_cell_key(self, coordinate: Coordinate) -> CellKey:
        if not self.is_valid_coordinate(coordinate):
            raise CellDoesNotExist(f"No cell exists at {coordinate!r}.")
        key = self.row_at(coordinate.row)[0]
        return CellKey(RowKey(key), self.ordered_columns[coordinate.column].key)

    def clear(self, columns: bool = False):
        if columns:
            super().clear(columns=True)
        self.set_row_count(0, 0)
        return self

    def add_row(self, *cells, **kwargs):  # pragma: no cover - a programming error
        raise TypeError("VirtualTable rows come from row_at(); use set_row_count()")

    # ---- geometry: every row is one line -------------------------------------------
    def _update_dimensions(self, new_rows) -> None:  # columns added: no rows to measure
        self._set_virtual_size()

    def _get_row_region(self, row_index: int) -> Region:
        if not self.is_valid_row_index(row_index):
            return Region(0, 0, 0, 0)
        y = row_index + (self.header_height if self.show_header else 0)
        return Region(0, y, max(self.size.width, self._table_width()), 1)

    def _get_cell_region(self, coordinate: Coordinate) -> Region:
        return self._get_row_region(coordinate.row)

    def _get_fixed_offset(self) -> Spacing:
        return Spacing(self.header_height if self.show_header else 0, 0, 0, 0)

    # ---- cursor and messages ---------------------------------------------------------
    def _highlight_row(self, row_index: int) -> None:
        self.refresh_row(row_index)
        if self.is_valid_row_index(row_index):
            key = self.row_at(row_index)[0]
            self.post_message(DataTable.RowHighlighted(self, row_index, RowKey(key)))

    def _post_selected_message(self) -> None:
        row = self.cursor_row
        if self.is_valid_row_index(row):
            key = self.row_at(row)[0]
            self.post_message(DataTable.RowSelected(self, row, RowKey(key)))

    def _page_rows(self) -> int:
        header = self.header_height if self.show_header else 0
        return max(1, self.scrollable_content_region.height - header)

    def action_page_down(self) -> None:
        self._set_hover_cursor(False)
        page = self._page_rows()
        self.scroll_relative(y=page, animate=False, force=True)
        self.move_cursor(row=min(self._count - 1, self.cursor_row + page), scroll=False)

    def action_page_up(self) -> None:
        self._set_hover_cursor(False)
        page = self._page_rows()
        self.scroll_relative(y=-page, animate=False, force=True)
        self.move_cursor(row=max(0, self.cursor_row - page), scroll=False)

    # ---- painting ----------------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _on_resize(self, event) -> None:
        self._strips.clear()
        super()._on_resize(event)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the styles once per paint, not once per line (each walks the DOM for colours)
        def component(name: str) -> Style:
            return self.get_component_styles(name).rich_style

        self._paint_styles = {
            "base": self.rich_style, "header": component("datatable--header"),
            "even": component("datatable--even-row"), "odd": component("datatable--odd-row"),
            "cursor": component("datatable--cursor"), "hover": component("datatable--hover"),
        }
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        styles = self._paint_styles or {"base": self.rich_style}
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = styles["base"]
        header = self.header_height if self.show_header else 0
        if y < header:
            row = -1
        else:
            row = y - header + scroll_y
            if row >= self._count:
                return Strip.blank(width, base)
        cursor = row == self.cursor_row and row >= 0 and self.show_cursor
        hover = (row == self.hover_row and self._show_hover_cursor and self.show_cursor
                 and row >= 0)
        key = (row, cursor, hover, scroll_x, width, base, self._pseudo_class_state,
               self.zebra_stripes)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 400:
                self._strips.clear()
            strip = self._render_row(row, cursor, hover, base)
            strip = strip.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)
            self._strips[key] = strip = strip.simplify()
        return strip

    def _component(self, name: str) -> Style:
        styles = self._paint_styles
        if styles is not None:
            key = name.removeprefix("datatable--").removesuffix("-row")
            if key in styles:
                return styles[key]
        return self.get_component_styles(name).rich_style

    def _render_row(self, row: int, cursor: bool, hover: bool, base: Style) -> Strip:
        if row < 0:
            row_style = self._component("datatable--header")
            cells = [c.label for c in self.ordered_columns]
        else:
            if self.zebra_stripes:
                row_style = self._component("datatable--odd-row" if row % 2 else "datatable--even-row")
            else:
                row_style = base
            cells = self.row_at(row)[1]
        over = Style()
        if hover:
            over += self._component("datatable--hover")
        if cursor:
            over += self._component("datatable--cursor")
        # the cursor's colour wins over the text's own (DataTable's default, "css"
        # foreground priority); its background does not
        post = Style.from_color(color=over.color) if cursor and over.color else Style.null()
        pad = " " * self.cell_padding
        segments: list[Segment] = []
        console = self.app.console
        for index, column in enumerate(self.ordered_columns):
            cell = cells[index] if index < len(cells) else Text()
            if not isinstance(cell, Text):
                cell = Text(str(cell))
            style = row_style + over + Style.from_meta({"row": row, "column": index})
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
            for seg in text.render(console, end=""):
                segments.append(Segment(seg.text, style + seg.style + post if seg.style else style + post))
            segments.append(Segment(pad, style))
        rest = max(0, self.size.width - self._table_width())
        if rest:
            fill = row_style + over + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
            segments.append(Segment(" " * rest, fill))
        return Strip(segments)
