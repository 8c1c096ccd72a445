"""Every screen and dialog the app opens after the dashboard, by name: a static table.

Each is imported when first opened (`load`), so the dashboard paints without them; a
screen whose import fails raises there and then — nothing is dropped in silence (a test
imports every entry). `PALETTE` lists the screens the command palette and the `open`
action offer, with their words in the one catalog ("open.NAME").
"""

from __future__ import annotations

from importlib import import_module

# name -> (module, class)
SCREENS: dict[str, tuple[str, str]] = {
    "onboarding": ("dutylog.tui.screens.onboarding", "OnboardingScreen"),
    "entries": ("dutylog.tui.screens.entries", "EntriesScreen"),
    "calendar": ("dutylog.tui.screens.calendar", "CalendarScreen"),
    "history": ("dutylog.tui.screens.history", "HistoryScreen"),
    "ledger": ("dutylog.tui.screens.ledger", "LedgerScreen"),
    "ledger_item": ("dutylog.tui.screens.ledger_item", "LedgerItemScreen"),
    "diary": ("dutylog.tui.screens.diary", "DiaryScreen"),
    "leave": ("dutylog.tui.screens.leave", "LeaveScreen"),
    "casebook": ("dutylog.tui.screens.casebook", "CasebookScreen"),
    "review": ("dutylog.tui.screens.review", "ReviewScreen"),
    "log": ("dutylog.tui.dialogs.log_form", "LogForm"),
    "links": ("dutylog.tui.dialogs.links", "LinksDialog"),
    "form": ("dutylog.tui.dialogs.form", "FormDialog"),
    "export": ("dutylog.tui.screens.export_dialog", "ExportDialog"),
    "subjects": ("dutylog.tui.screens.subjects", "SubjectsScreen"),
    "ask": ("dutylog.tui.dialogs.ask", "AskDialog"),
    "desk": ("dutylog.tui.screens.desk", "DeskScreen"),
    "help": ("dutylog.tui.screens.help", "HelpScreen"),
    "import": ("dutylog.tui.screens.import_dialog", "ImportDialog"),
}

# the screens opened for the selected subject from the palette and `app.open('NAME')`
PALETTE = ("ledger", "diary", "leave", "casebook", "review")


def load(name: str) -> type:
    """The class registered as `name`; ImportError or AttributeError when it is broken,
    KeyError when nothing is registered under that name."""
    module, cls = SCREENS[name]
    return getattr(import_module(module), cls)


def export_commands() -> type:
    """The export commands of the palette (Textual loads them when the palette opens)."""
    from .commands_export import ExportCommands

    return ExportCommands
