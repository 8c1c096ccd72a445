"""The footer of every screen: the screen's keys on one line, as Textual's footer shows them,
drawn by one widget.

Textual's `Footer` is a container of one `FooterKey` widget a key, composed anew each time
the screen's bindings are said to have changed (a focus moving, a refresh of the
bindings): the first screen's 14 keys were unmounted, mounted and styled three times
before it painted, each key restyled twice on the way (compact, then not) — about 80 ms
of a 600 ms start, and still 40 ms once composed only once. Here the line is one text:
the same words, colours, spacing and density (`compact` below 120 columns), the
command palette's key at the right edge behind its thin bar; it is drawn again only when
the keys change. A click on a key presses it; the key under the mouse is highlighted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

from dutylog.console import ascii_mode

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

COMPACT_BELOW = 120  # columns: a compact footer below
PALETTE_BAR = "▏"  # Textual's `border-left: vkey` before the palette's key ("|" in ASCII mode:
# ▏ is ambiguous-width, two cells in some Chinese terminals)


class Key(NamedTuple):
    key: str  # the key pressed on a click
    display: str  # how the key is written ("F2", "Ctrl+Q")
    description: str
    enabled: bool
    tooltip: str


class DutylogFooter(Footer):
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--hover",
                         "footer-key--bar"}
    DEFAULT_CSS = """
    DutylogFooter {
        & > .footer-key--key { color: $footer-key-foreground; background: $footer-key-background;
                               text-style: bold; }
        & > .footer-key--description { color: $footer-description-foreground;
                                       background: $footer-description-background; }
        & > .footer-key--hover { background: $block-hover-background; }
        & > .footer-key--bar { color: $foreground 20%; }
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._hover: str | None = None  # the key under the mouse
        self._asked = False  # a read of the keys is on its way (`bindings_changed`)

    def compose(self) -> ComposeResult:
        yield from ()  # no widget a key: the line is drawn by `render`

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._update_keys()  # (now: the first paint has its keys)

    def bindings_changed(self, screen: Screen) -> None:
        """Read the keys once the messages in hand are handled: a screen shown says its
        bindings changed several times in a row (six for a dashboard), one read does."""
        if not self.is_attached or screen is not self.screen or self._asked:
            return
        self._asked = True
        self.call_later(self._update_keys)

    def _update_keys(self) -> None:
        self._asked = False
        if not self.is_attached:
            return
        keys, palette = self._read(self.screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _read(self, screen: Screen) -> tuple[tuple[Key, ...], Key | None]:
        """The keys shown (the first binding of each action, as Textual's footer), and the
        command palette's."""
        app = self.app
        seen: set[str] = set()
        keys = []
        active = screen.active_bindings
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append(self._key(binding, enabled, tooltip))
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = self._key(binding, enabled, binding.tooltip or binding.description)
        return tuple(keys), palette

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> Key:
        return Key(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                   tooltip or "")

    # ---- drawing ------------------------------------------------------------------------
    def render(self) -> Text:
        width = self.size.width
        right = self._drawn(self._palette, palette=True) if self._palette else Text()
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self._keys:
            line.append_text(self._drawn(key))
        line.truncate(max(0, width - right.cell_len), pad=True)
        line.append_text(right)
        return line

    def _drawn(self, key: Key, palette: bool = False) -> Text:
        """One key as a `FooterKey` draws it: " F2 " and "记录 " (compact: "F2", " 记录" and
        a space after); the palette's key is always compact, behind its bar."""
        style = self.get_component_rich_style
        meta = Style.from_meta({"footer_key": key.key})
        own = meta + (style("footer-key--hover") if key.key == self._hover else Style())
        if not key.enabled:
            own += Style(dim=True)
        compact = palette or self.compact
        text = Text(end="")
        if palette:
            text.append("|" if ascii_mode() else PALETTE_BAR, style("footer-key--bar") + meta)
        pad = "" if compact else " "
        text.append(f"{pad}{key.display}{pad}", style("footer-key--key") + own)
        if key.description:
            words = f" {key.description}" if compact else f"{key.description} "
            text.append(words, style("footer-key--description") + own)
        if palette and not self.compact:
            text.append(" ", own)  # its padding on the right
        elif not palette and self.compact:
            text.append(" ")  # the margin between compact keys
        return text

    def watch_compact(self, compact: bool) -> None:
        self.refresh()

    # ---- the mouse ----------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get("footer_key")
        found = next((k for k in (*self._keys, self._palette) if k and k.key == key), None)
        if found is None:
            return
        event.stop()
        if found.enabled:
            self.app.simulate_key(found.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = event.style.meta.get("footer_key")
        if key != self._hover:
            self._hover = key
            found = next((k for k in (*self._keys, self._palette) if k and k.key == key), None)
            self.tooltip = (found.tooltip or None) if found else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()


def footer(width: int) -> DutylogFooter:
    """A footer for a screen `width` columns wide (compact below `COMPACT_BELOW`)."""
    return DutylogFooter(compact=width < COMPACT_BELOW)
