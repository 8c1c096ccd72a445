"""The screens other parts of dutylog add (ledgers, diary, leave, casebook, review,
history): opened from the dashboard keys and the command palette, each for the subject
selected. Imported lazily, so the dashboard paints without them.
"""

from __future__ import annotations

from importlib import import_module

# action name -> (module, class, palette words zh, en)
SCREENS = {
    "ledger": ("dutylog.tui.screens.ledger", "LedgerScreen", "台账（督办、会签、纪要、整改）", "Ledgers (supervision, co-signing, minutes)"),
    "diary": ("dutylog.tui.screens.diary", "DiaryScreen", "民情日记", "People's diary"),
    "leave": ("dutylog.tui.screens.leave", "LeaveScreen", "外出请假与销假", "Leave and return"),
    "casebook": ("dutylog.tui.screens.casebook", "CasebookScreen", "出庭应诉与巡河湖湾林", "Court cases and patrols"),
    "review": ("dutylog.tui.screens.review", "ReviewScreen", "待本人确认的记录", "Entries awaiting confirmation"),
}


def screen_class(name: str):
    """The screen's class, imported on first use. A screen that fails to import is a
    defect of this build: the error is raised, never hidden (issue 13)."""
    module, cls, *_ = SCREENS[name]
    return getattr(import_module(module), cls)


def available() -> list[tuple[str, str, str]]:
    """(name, zh, en) of the extra screens (a static registry: every entry is shipped)."""
    return [(name, zh, en) for name, (_, _, zh, en) in SCREENS.items()]


def open_screen(app, name: str) -> None:
    cls = screen_class(name)
    if cls is not None and app.subject is not None:
        app.push_screen(cls(app.subject))


def open_history(app, entry_id: str) -> None:
    from .screens.history import HistoryScreen

    app.push_screen(HistoryScreen(entry_id))


def export_provider():
    from .commands_export import ExportCommands

    return ExportCommands
