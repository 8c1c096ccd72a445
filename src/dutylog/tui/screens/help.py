"""F1 / ?: the keys of the screen in front (every key of an action, the function key
first) and a legend of the marks, bars and colours, in the interface language.

The glyphs shown are the ones the screens draw (Unicode, or ASCII with `--ascii`,
DUTYLOG_ASCII=1 or the saved setting), so the legend always matches what is on screen.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dutylog.fmt import ASCII_MARK, STATUS_MARK
from dutylog.i18n import STRINGS, t

from .. import fmt
from ..widgets.heatmap import LEVELS
from ..widgets.rules_list import BAR_BG, EMPTY_BG
from .base import DutylogDialog

# (status catalog key, mark status, colour status): the order a reader meets them
STATUSES = [("met", "met", "met"), ("on_track", "on_track", "on_track"),
            ("holding", "on_track", "on_track"), ("behind", "behind", "behind"),
            ("closes_today", "behind", "open"), ("missed", "missed", "missed"),
            ("unreachable", "unreachable", "unreachable"), ("over", "over", "over"),
            ("untracked", "untracked", "untracked")]
STRIP = ("met", "over", "open", "missed", "future", "untracked")
KEY_W = 16


def key_rows(screen) -> list[tuple[str, str]]:
    """(keys, what) of every described binding active on `screen`: ("F2 / n", "记录")."""
    from ..app import key_name

    by_action: dict[str, tuple[list[str], str]] = {}
    lang = getattr(screen, "lang", "zh")
    for active in Screen.active_bindings.fget(screen).values():  # type: ignore[attr-defined]
        binding = active.binding  # dutylog's own keys: those worded from the catalog
        if binding.description not in STRINGS or binding.system:
            continue
        keys, _ = by_action.setdefault(binding.action.removeprefix("app."), ([], t(binding.description, lang)))
        if key_name(binding.key) not in keys:
            keys.append(key_name(binding.key))
    return [(" / ".join(keys), what) for keys, what in by_action.values()]


class HelpScreen(DutylogDialog):
    BINDINGS = [Binding("escape,f1,question_mark", "close", "key.close")]

    def __init__(self, over=None, **context) -> None:
        super().__init__(**context)
        self.over = over  # the screen whose keys are listed

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.text(), id="help-text")
        yield self.footer()

    def text(self) -> Text:
        lang, w = self.lang, self.word
        out = Text()
        out.append(w("help.title") + "\n\n", style="bold")
        out.append(w("help.keys") + "\n", style="bold underline")
        rows = key_rows(self.over) if self.over is not None else []
        rows.append(("Ctrl+P", w("help.palette")))
        for keys, what in rows:
            out.append(keys.ljust(max(KEY_W, cell_len(keys) + 1)), style="bold")
            out.append(what + "\n")
        out.append(w("help.ime") + "\n\n", style="dim")
        out.append(w("help.legend") + "\n", style="bold underline")
        marks = ASCII_MARK if fmt.ascii_glyphs() else STATUS_MARK
        full_cell, empty_cell, pace_mark, none_cell, _ = fmt.bar_glyphs()
        for key, mark_of, colour_of in STATUSES:
            word = t("dash.closes_today", lang) if key == "closes_today" else t(f"status.{key}", lang)
            style = fmt.STATUS_STYLE.get(colour_of, "")
            out.append(f"{marks.get(mark_of, ' ')} {word}".ljust(KEY_W - cell_len(word) + len(word)), style=style)
            out.append(w(f"help.status.{key}") + "\n")
        out.append("\n")
        out.append(full_cell * 4, style=BAR_BG["met"])
        out.append(empty_cell * 3, style=EMPTY_BG)
        out.append(" " * (KEY_W - 7))
        out.append(w("help.bar") + "\n")
        out.append(empty_cell * 2, style=EMPTY_BG)
        out.append(pace_mark, style=f"bold white {EMPTY_BG}")
        out.append(" " * (KEY_W - 3))
        out.append(w("help.pace") + "\n")
        out.append("+".ljust(KEY_W), style="bold green")
        out.append(w("help.plus") + "\n")
        out.append((none_cell * 4).ljust(KEY_W), style="dim")
        out.append(w("help.no_target") + "\n\n")
        out.append(w("help.strip") + "\n")
        strip = fmt.strip_marks()
        for status in STRIP:
            out.append(f"  {strip[status]} ", style=fmt.STATUS_STYLE.get(status, ""))
            out.append(t(f"status.{status}", lang) + "\n")
        out.append("\n")
        for style in LEVELS:
            out.append("  ", style=style)
        out.append(" " * (KEY_W - 2 * len(LEVELS)))
        out.append(w("help.heat") + "\n\n")
        out.append(w("help.close"), style="dim")
        return out

    def action_close(self) -> None:
        self.dismiss(None)
