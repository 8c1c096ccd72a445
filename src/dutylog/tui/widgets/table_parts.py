"""What a `VirtualTable` is made of besides its painting and keys: its columns, the
messages it posts (`VirtualTable.RowHighlighted`, `VirtualTable.RowSelected`: handlers
`on_virtual_table_row_highlighted`, `on_virtual_table_row_selected`) and its look."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

if TYPE_CHECKING:
    from .virtual_table import VirtualTable

# DataTable's look (Textual 8), for the parts a row-cursor table without fixed rows uses
TABLE_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header { background-tint: $foreground 5%; }
        }
        &:dark > .datatable--even-row { background: $surface-darken-1 40%; }
        & > .datatable--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .datatable--header { background: ansi_bright_blue; color: ansi_default; }
        & > .datatable--odd-row { }
        & > .datatable--even-row { background: $surface-lighten-1 50%; }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .datatable--hover { background: $block-hover-background; }
    }
    """


@dataclass
class Column:
    key: str
    label: Text
    width: int

    def get_render_width(self, table: VirtualTable) -> int:
        """The cells the column takes on screen, its padding included."""
        return self.width + 2 * table.cell_padding


class RowMessage(Message):
    """A row of the table: `cursor_row` and its key, `key` (the base of the two below)."""

    def __init__(self, table: VirtualTable, cursor_row: int, key: str) -> None:
        super().__init__()
        self.table, self.cursor_row, self.key = table, cursor_row, key

    @property
    def control(self) -> VirtualTable:
        return self.table


class RowHighlighted(RowMessage, namespace="virtual_table"):
    """The cursor moved to row `cursor_row` (its key: `key`)."""


class RowSelected(RowMessage, namespace="virtual_table"):
    """Enter, or a click on the cursor row: row `cursor_row` (its key: `key`) chosen."""
