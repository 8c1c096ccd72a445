"""Textual's command palette and system commands in the app's language.

Textual lets an app give the palette's placeholder and its own system commands
(`get_system_commands`); the "No matches found" line it words inside
`_start_no_matches_countdown`, which `DutylogPalette` words from the catalog instead
(Textual 8: tests/tui/test_lang_tui.py fails if the hook moves).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from dutylog.lexicon.textual_words import TEXTUAL


def textual_word(english: str, lang: str) -> str:
    """Textual's own English in `lang` (as it is in English, or when the catalog has none)."""
    return TEXTUAL.get(english, english) if lang == "zh" else english


def system_commands(commands: Iterable[SystemCommand], lang: str) -> Iterable[SystemCommand]:
    for command in commands:
        yield command._replace(title=textual_word(command.title, lang),
                               help=textual_word(command.help, lang))


class DutylogPalette(CommandPalette):
    """The command palette, its placeholder and "no matches" line in the app's language."""

    def __init__(self, lang: str, *, providers=None, placeholder: str = "Search for commands…",
                 id: str | None = None) -> None:
        super().__init__(providers, placeholder=textual_word(placeholder, lang), id=id)
        self._no_matches_text = textual_word("No matches found", lang)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self._no_matches_text, style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
