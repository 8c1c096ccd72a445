"""The footer of every screen: Textual's, recomposed only when its keys change, its keys
born in the footer's density.

Textual's footer recomposes (14 or so keys unmounted, mounted and styled anew, ~25 ms)
each time the screen's bindings are said to have changed: a focus moving, a refresh of
the bindings. The first screen did it three times before it painted, for the same keys.
Here the footer remembers what it shows (key, words, enabled, tooltip) and recomposes
only when that differs.

Textual's `FooterKey` starts compact and is then bound to the footer's `compact`: each key
of a wide footer is restyled twice as it mounts (the class `-compact` added, then taken
away), a millisecond each, 40 or so keys at every recompose of the footer (the first
screen's 20 keys took ~80 ms before it painted). Here each key is made in the footer's
density before it mounts, so nothing is restyled; the binding still follows later
changes of `compact` (a resized terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

COMPACT_BELOW = 120  # columns: a compact footer below


class DutylogFooter(Footer):
    _shown: tuple | None = None  # the keys as last composed, or about to be (`_keys`)

    def _keys(self) -> tuple:
        return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                     for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                     if binding.show)

    def bindings_changed(self, screen: Screen) -> None:
        if not (self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        keys = self._keys()
        if keys == self._shown:
            return  # the keys shown, or those a recompose on its way will show
        super().bindings_changed(screen)
        if screen.app.app_focus:  # a recompose is on its way (after the next refresh)
            self._shown = keys

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # the keys follow the footer's density; the palette's key (not bound to
                # it) keeps its own, compact
                compact = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget


def footer(width: int) -> DutylogFooter:
    """A footer for a screen `width` columns wide (compact below `COMPACT_BELOW`)."""
    return DutylogFooter(compact=width < COMPACT_BELOW)
