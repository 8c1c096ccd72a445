"""What screens are told: a write happened (`DataChanged`), or the app's subject or year
moved (`SelectionChanged`).

The writer posts the message to the app (`screen.announce(...)` does it); the app passes
it on to every screen that subscribed (each dutylog screen does, when mounted), and each
reads its data again. A writer never needs to know which screens are open.
"""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Something was written: `what` ("entry", "link", "ledger", "leave", "subject"…) and
    the id of the record written, when there is one (a list may put its cursor there)."""

    def __init__(self, what: str, record: str | None = None) -> None:
        super().__init__()
        self.what = what
        self.record = record

    def __repr__(self) -> str:
        return f"DataChanged({self.what!r}, {self.record!r})"


class SelectionChanged(Message):
    """The app's subject or year changed: screens that follow the selection reload."""
