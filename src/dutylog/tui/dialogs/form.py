"""A small modal form: labelled fields, the service's refusal shown next to its field.

The screen that opens it passes `submit(values) -> result`, a write, and what it writes
(`changes`: "ledger", "leave"…); a `DutylogError` raised by it stays in the form (under the
field it names, else at the bottom) and the database is unchanged; a result is announced
(`DataChanged`, with the id of the record written) and closes the form with
`dismiss(result)`. Escape cancels (None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from dutylog.domain.errors import DutylogError

from ..screens.base import DutylogDialog
from ..widgets.date_hint import DateHint


@dataclass(frozen=True)
class FormField:
    name: str  # also the `field` a refusal names
    label: str
    kind: str = "input"  # input | select | check | date (an input showing the date it names)
    value: Any = ""
    options: tuple[tuple[str, str], ...] = ()  # select: (label, value)
    placeholder: str = ""
    future: bool = True  # date: a day after today is accepted (a due day, a departure)


def record_id(result) -> str | None:
    """The id of what a submit wrote: a ledger item's for its progress report, else its own."""
    get = result.get if isinstance(result, dict) else (lambda name: getattr(result, name, None))
    found = get("item_id") or get("id")
    return str(found) if found else None


class FormDialog(DutylogDialog):
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, fields: list[FormField], submit: Callable[[dict], Any],
                 changes: str = "data", ok: str | None = None, cancel: str | None = None,
                 **context):
        super().__init__(**context)
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.changes = changes
        self.ok_label, self.cancel_label = ok, cancel

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, classes="form-title", markup=False)
            for f in self.fields:
                if f.kind == "check":
                    yield Checkbox(f.label, value=bool(f.value), id=f"f-{f.name}", compact=True)
                else:
                    with Horizontal(classes="form-row"):
                        yield Label(f.label, markup=False)
                        if f.kind == "select":
                            yield Select(list(f.options), value=f.value or f.options[0][1],
                                         allow_blank=False, id=f"f-{f.name}", compact=True)
                        elif f.kind == "date":  # what a blank means goes beside it, not inside
                            yield Input(str(f.value or ""), id=f"f-{f.name}", compact=True,
                                        classes="date")
                            yield DateHint(f.future, f.placeholder, id=f"h-{f.name}")
                        else:
                            yield Input(str(f.value or ""), placeholder=f.placeholder,
                                        id=f"f-{f.name}", compact=True)
                yield Static("", classes="form-error", id=f"e-{f.name}", markup=False)
            yield Static("", classes="form-error", id="e-form", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(self.ok_label or self.word("form.ok"), variant="primary", id="ok",
                             compact=True)
                yield Button(self.cancel_label or self.word("key.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        for f in self.fields:
            if f.kind == "date":
                self.query_one(f"#h-{f.name}", DateHint).show(str(f.value or ""))
        if self.fields:
            self.query_one(f"#f-{self.fields[0].name}").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A date field shows the date it names as it is typed."""
        name = (event.input.id or "").removeprefix("f-")
        if any(f.name == name and f.kind == "date" for f in self.fields):
            self.query_one(f"#h-{name}", DateHint).show(event.value)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            out[f.name] = widget.value.strip() if isinstance(widget, Input) else widget.value
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        for error in self.query(".form-error").results(Static):
            error.update("")
            error.display = False
        try:
            result = self.submit(self.values())
        except DutylogError as exc:
            self.show_error(self.words.refusal(exc), getattr(exc, "field", None))
            return
        self.announce(self.changes, record_id(result))
        self.dismiss(result)

    def show_error(self, message: str, field: str | None) -> None:
        names = {f.name for f in self.fields}
        target = field if field in names else "form"
        error = self.query_one(f"#e-{target}", Static)
        error.update(message)
        error.display = True
        if target != "form":
            self.query_one(f"#f-{target}").focus()
