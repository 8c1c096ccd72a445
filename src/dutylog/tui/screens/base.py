"""What every dutylog screen shares: the keys that work from anywhere."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input


class BaseScreen(Screen):
    BINDINGS = [
        Binding("n", "app.log", "key.log"),
        Binding("e", "app.entries", "key.entries"),
        Binding("k", "app.links", "key.links"),
        Binding("s", "app.next_subject", "key.subject"),
        Binding("left_square_bracket", "app.year(-1)", "key.prev_year", key_display="["),
        Binding("right_square_bracket", "app.year(1)", "key.next_year", key_display="]"),
        Binding("q", "app.quit", "key.quit"),
    ]

    @property
    def lang(self) -> str:
        return self.app.lang

    def on_mount(self) -> None:
        quiet_inputs(self)

    def reload(self) -> None:
        """Re-read what the screen shows (after a save, a subject or year switch)."""


def quiet_inputs(screen) -> None:
    """Tests and screenshots ask for no cursor blink."""
    if not screen.app.blink:
        for widget in screen.query(Input):
            widget.cursor_blink = False
