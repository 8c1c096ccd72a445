"""A yes/no question before something is written (confirm for someone, reject, end a link,
archive). Dismisses True (是 / y / Enter on 是) or False (否 / n / Escape)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ..screens.base import DutylogDialog


class AskDialog(DutylogDialog[bool]):
    BINDINGS = [Binding("y", "answer(True)", "ask.yes"),
                Binding("n,escape", "answer(False)", "ask.no")]

    def __init__(self, question: str, **context) -> None:
        super().__init__(**context)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self.question, id="ask-question", markup=False)
            with Horizontal(id="ask-buttons"):
                yield Button(self.word("ask.yes") + " (y)", variant="primary", id="ask-yes",
                             compact=True)
                yield Button(self.word("ask.no") + " (n)", id="ask-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-no", Button).focus()  # the safe answer under Enter

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "ask-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
