"""The app's keys to the ledger, diary, leave and court/patrol screens.

`DutylogApp` takes these by subclassing `LedgerKeys` instead of `App`; each action pushes
its screen for the selected subject (`app.subject`), once.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from dutylog.i18n import STRINGS

STRINGS.setdefault("key.ledger", ("台账", "Ledger"))
STRINGS.setdefault("key.diary", ("民情日记", "Diary"))
STRINGS.setdefault("key.leave", ("请销假", "Leave"))
STRINGS.setdefault("key.casebook", ("应诉·巡查", "Courts·patrols"))


class LedgerKeys(App):
    BINDINGS = [
        Binding("l", "ledger", "key.ledger"),
        Binding("d", "diary", "key.diary"),
        Binding("v", "leave", "key.leave"),
        Binding("y", "casebook", "key.casebook"),
    ]

    def _open(self, cls, *args, **kwargs) -> None:
        if not isinstance(self.screen, cls):
            self.push_screen(cls(getattr(self, "subject", None), *args, **kwargs))

    def action_ledger(self) -> None:
        from dutylog.tui.screens.ledger import LedgerScreen

        self._open(LedgerScreen)

    def action_diary(self) -> None:
        from dutylog.tui.screens.diary import DiaryScreen

        self._open(DiaryScreen)

    def action_leave(self) -> None:
        from dutylog.tui.screens.leave import LeaveScreen

        self._open(LeaveScreen)

    def action_casebook(self) -> None:
        from dutylog.tui.screens.casebook import CasebookScreen

        if getattr(self, "subject", None):
            self._open(CasebookScreen, year=getattr(self, "year", None))
