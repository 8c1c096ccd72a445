"""First run: who is this for (one person, or several when recording for others), then go.

Shown only while the database has no subject, so nothing is asked twice. The policy is
the built-in preset (a user's own copy is set later with `dutylog policy use`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, SelectionList, Static

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import t
from dutylog.services import ui

from ..errors import explain
from ..widgets.date_hint import DateHint
from .base import DutylogScreen


class OnboardingScreen(DutylogScreen):
    BINDINGS = [Binding("ctrl+q", "app.quit", "key.quit", priority=True)]

    def __init__(self, **context) -> None:
        super().__init__(**context)
        self.added: list[str] = []

    def compose(self) -> ComposeResult:
        lang, policy = self.lang, self.service.policy
        yield Header()
        with VerticalScroll(id="onboarding"):
            yield Static(Text(t("ob.title", lang), style="bold"), id="ob-title")
            yield Static(Text(t("ob.policy", lang, doc=policy.document, title=policy.title.get(lang)),
                              style="dim"))
            yield Input(placeholder=t("ob.policy_ph", lang), id="ob-policy")
            yield Static(id="err-policy", classes="error shown")
            yield Static(t("ob.intro", lang), markup=False)
            yield Input(placeholder=t("ob.name", lang), id="ob-name")
            yield Static(id="err-name", classes="error shown")
            yield SelectionList(*[(Text(r.name.get(lang)), r.id) for r in policy.roles], id="ob-roles")
            yield Static(id="err-role", classes="error shown")
            yield Static(t("ob.since", lang), markup=False)
            yield Input(placeholder=t("ob.since_ph", lang, today=self.as_of.isoformat()),
                        id="ob-since")
            yield DateHint(allow_future=False, id="ob-since-hint")
            yield Static(id="err-since", classes="error shown")
            yield Checkbox(t("ob.for_others", lang), id="ob-others")
            yield Input(placeholder=t("ob.operator", lang), id="ob-recorder")
            yield Static(id="ob-added")
            with Horizontal(id="ob-buttons"):
                yield Button(t("ob.add", lang), variant="primary", id="ob-add")
                yield Button(t("ob.done", lang), id="ob-done", disabled=True)
                yield Button(t("ob.demo", lang), id="ob-demo")
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#ob-recorder").display = False
        self.query_one("#ob-name", Input).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#ob-recorder").display = event.value
        self.query_one("#ob-done", Button).disabled = not (event.value or self.added)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "ob-since":  # the day it names, before adding
            self.query_one("#ob-since-hint", DateHint).show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ob-name":
            self.query_one("#ob-roles").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ob-add":
            self.add()
        elif event.button.id == "ob-done":
            self.done()
        elif event.button.id == "ob-demo":
            self.app.open_demo()

    def error(self, field: str, exc: Exception | None) -> None:
        self.query_one(f"#err-{field}", Static).update(explain(exc, self.lang) if exc else Text())

    def done(self) -> None:
        """完成: a name typed but not added yet is added first (its refusal shown, and
        nothing left behind); then the first screen."""
        typed = self.query_one("#ob-name", Input).value.strip()
        if typed and not self.add():
            return
        if not self.added:
            self.error("name", InvalidInput(t("ob.need_one", self.lang), "name"))
            self.query_one("#ob-name", Input).focus()
            return
        self.app.start(self.added[0])

    def add(self) -> bool:
        """Add the subject typed; True when added."""
        svc, lang = self.service, self.lang
        for field in ("name", "role", "policy", "since"):
            self.error(field, None)
        path = self.query_one("#ob-policy", Input).value.strip()
        if path and not self.added:
            try:
                svc.use_policy(path)  # a user's own copy of the preset, asked once
            except InvalidInput as exc:
                self.error("policy", exc)
                return False
        name = self.query_one("#ob-name", Input).value
        roles = list(self.query_one("#ob-roles", SelectionList).selected)
        since_text = self.query_one("#ob-since", Input).value.strip()
        try:
            since = svc.date(since_text, "since", allow_future=False) if since_text else None
            subject = svc.add_subject(name, roles, since)
        except InvalidInput as exc:
            self.error(exc.field if exc.field in ("role", "since") else "name", exc)
            return False
        self.added.append(subject.name)
        self.announce("subject", subject.id)
        others = self.query_one("#ob-others", Checkbox).value
        # the operator (本机使用者): the secretary's name, else the official's own
        operator = self.query_one("#ob-recorder", Input).value.strip() if others else ""
        if operator or not ui.recorder(svc):
            ui.save_recorder(svc, operator or subject.name)
        if not others:
            self.app.start(subject.name)
            return True
        self.query_one("#ob-added", Static).update(
            Text(t("ob.added", lang, names="、".join(self.added)), style="green"))
        self.query_one("#ob-name", Input).value = ""
        self.query_one("#ob-since", Input).value = ""
        roles = self.query_one("#ob-roles", SelectionList)
        roles.deselect_all()
        roles.highlighted = 0  # the next person's roles are ticked from the top row
        roles.scroll_home(animate=False)
        self.query_one("#ob-done", Button).disabled = False
        self.query_one("#ob-name", Input).focus()
        return True
