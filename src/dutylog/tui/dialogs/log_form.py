"""The log form: record (or edit) one activity. Kind by typing; only its fields shown.
Enter moves to the next field (on the last one it saves), Ctrl+S or 保存 saves.

Errors from the service's validation land under the field they name (InvalidInput.field),
in words. A save is announced (`DataChanged`); the form dismisses with the saved Entry,
or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from dutylog.domain.dates import parse_days
from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.i18n import t
from dutylog.services import LogRequest, ui

from ..errors import explain
from ..fmt import glyph_text
from ..screens.base import DutylogDialog
from ..widgets.date_hint import DateHint

TEXT_FIELDS = ("title", "place", "people", "note")
OPTIONAL = ("days", "four_no", "title", "place", "people", "note", "object", "appeared", "patrol")
ERROR_FIELDS = ("kind", "date", "by") + OPTIONAL


@dataclass
class FormValues:
    kind: str
    date: object
    days: float | None
    four_no: bool
    texts: dict
    object: str | None
    appeared: bool | None
    patrol: str | None
    by: str | None


class LogForm(DutylogDialog):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("down", "kind_down", show=False),
        Binding("up", "kind_up", show=False),
    ]

    def __init__(self, subject: str, kind: str | None = None, entry: Entry | None = None,
                 **context) -> None:
        super().__init__(**context)
        self.subject = subject
        self.entry = entry
        self.kind = entry.kind if entry else kind

    # ---- layout
    def compose(self) -> ComposeResult:
        lang, svc = self.lang, self.service
        e = self.entry
        title = (t("form.edit", lang, id=e.id[:8], subject=self.subject) if e
                 else t("form.new", lang, subject=self.subject))
        kind = svc.policy.kind(self.kind) if self.kind else None
        patrols = [(p.word(lang), p.id) for p in svc.policy.patrol_types]  # the policy's words
        with Vertical(id="dialog"):
            yield Static(Text(title, style="bold"), id="form-title")
            yield Static(id="err-general", classes="error")
            with VerticalScroll(id="form-body"):
                yield from self.row("kind", Input(kind.name.get(lang) if kind else "",
                                                  placeholder=t("form.kind_ph", lang), id="kind"))
                yield OptionList(id="kind-options")
                yield from self.row("date", Input(e.date.isoformat() if e else "今天" if lang == "zh" else "today",
                                                  placeholder=t("form.date_ph", lang), id="date"),
                                    extra=DateHint(allow_future=False, id="date-hint"))
                yield from self.row("days", Input("" if not e or e.days is None else f"{e.days:g}",
                                                  placeholder=t("form.days_ph", lang), id="days"))
                yield from self.row("four_no", Checkbox(t("form.four_no", lang), e.four_no if e else False,
                                                        id="four_no"), label=False)
                for name in TEXT_FIELDS:
                    yield from self.row(name, Input(getattr(e, name) or "" if e else "", id=name))
                yield from self.row("object", Select([], id="object", prompt=t("form.choose", lang)))
                yield from self.row("appeared", Select([(glyph_text(t("form.appeared", lang) + " ✓"), True),
                                                        (glyph_text("✗"), False)], id="appeared", prompt=t("form.choose", lang),
                                                       value=e.appeared if e and e.appeared is not None
                                                       else Select.NULL))
                yield from self.row("patrol", Select(patrols, id="patrol", prompt=t("form.choose", lang),
                                                     value=e.patrol if e and e.patrol in svc.policy.patrol_type_ids
                                                     else Select.NULL))
                yield from self.row("by", Input(e.recorded_by if e else (ui.recorder(svc) or ""),
                                                placeholder=self.subject, id="by"))
            with Horizontal(id="buttons"):
                yield Button(t("key.save", lang) + " (Ctrl+S)", variant="primary", id="save")
                yield Button(t("key.cancel", lang) + " (Esc)", id="cancel")

    def row(self, name: str, widget, label: bool = True, extra=None):
        with Vertical(id=f"row-{name}", classes="field"):
            with Horizontal(classes="line"):
                yield Label(self.word(f"form.{name}") if label else "", classes="lbl")
                yield widget
                if extra is not None:
                    yield extra
            yield Static(id=f"err-{name}", classes="error")

    def on_mount(self) -> None:
        self.query_one("#date-hint", DateHint).show(self.query_one("#date", Input).value)
        self.fill_kinds("" if self.kind else self.query_one("#kind", Input).value)
        self.apply_kind()
        for arrow in self.query("Select .arrow").results(Static):  # ▼ ▲ in ASCII mode
            arrow.update(glyph_text(str(arrow.render())))
        self.query_one("#kind" if not self.kind else "#date", Input).focus()

    # ---- kind by typing
    def fill_kinds(self, text: str) -> None:
        lang, policy = self.lang, self.service.policy
        options = self.query_one("#kind-options", OptionList)
        kinds = ui.match_kinds(policy, text)
        options.set_options([Option(Text(f"{k.name.get(lang)}  ", no_wrap=True).append(
            f"{k.name.get('en' if lang == 'zh' else 'zh')} · {k.pinyin}", style="dim"), id=k.id)
            for k in kinds] or [Option(Text(t("form.no_kind", lang), style="dim"), disabled=True)])
        options.highlighted = 0 if kinds else None
        options.display = not self.kind

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":  # the date it names, before saving
            self.query_one("#date-hint", DateHint).show(event.value)
            return
        if event.input.id != "kind":
            return
        chosen = self.service.policy.kind(self.kind) if self.kind else None
        if chosen is not None and event.value == chosen.name.get(self.lang):
            return  # the echo of choose_kind() setting the name
        self.kind = None
        self.fill_kinds(event.value)
        self.apply_kind()

    def choose_kind(self, kind_id: str) -> None:
        self.kind = kind_id
        kind = self.service.policy.kind(kind_id)
        self.query_one("#kind", Input).value = kind.name.get(self.lang)
        self.query_one("#kind-options").display = False
        self.set_error("kind", None)
        self.apply_kind()
        self.query_one("#date", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose_kind(event.option.id)

    def action_kind_down(self) -> None:
        self._move_kind(1)

    def action_kind_up(self) -> None:
        self._move_kind(-1)

    def _move_kind(self, step: int) -> None:
        options = self.query_one("#kind-options", OptionList)
        if self.focused is self.query_one("#kind", Input) and options.display:
            options.action_cursor_down() if step > 0 else options.action_cursor_up()
        else:
            self.focus_next() if step > 0 else self.focus_previous()

    def apply_kind(self) -> None:
        """Show the fields the chosen kind uses; mark the required ones."""
        svc, lang = self.service, self.lang
        kind = svc.policy.kind(self.kind) if self.kind else None
        for name in OPTIONAL:
            self.query_one(f"#row-{name}").display = bool(kind and name in kind.fields)
        self.query_one("#row-by").display = bool(len(svc.subjects()) > 1 or
                                                 ui.recorder(svc) not in (None, self.subject) or
                                                  (self.entry and self.entry.recorded_by != self.subject))
        if kind is None:
            return
        for name in kind.fields:
            mark = " *" if name in kind.required else ""
            label = self.query_one(f"#row-{name} .lbl", Label)
            if name != "four_no":
                label.update(t(f"form.{name}", lang) + mark)
        if "object" in kind.fields:
            when = self.entry.date if self.entry else svc.today
            links = ui.object_choices(svc, self.subject, kind, when,
                                      keep=self.entry.object_id if self.entry else None)
            select = self.query_one("#object", Select)
            select.set_options([(Text(ln.name), ln.name) for ln in links])  # user text: no markup
            if self.entry and self.entry.object_id:
                current = next((ln.name for ln in links if ln.id == self.entry.object_id), None)
                if current:
                    select.value = current
            if not links:
                self.set_error("object", t("form.no_links", lang), style="dim")

    # ---- saving
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "kind":
            options = self.query_one("#kind-options", OptionList)
            opt = options.highlighted_option
            if opt is not None and opt.id:
                self.choose_kind(opt.id)
            return
        # Enter goes on to the next field; on the last one (the next stop is 保存) it saves
        self.focus_next()
        if self.focused is self.query_one("#save", Button):
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def set_error(self, field: str | None, message, style: str = "bold red") -> None:
        target = f"#err-{field}" if field in ERROR_FIELDS else "#err-general"
        widget = self.query_one(target, Static)
        widget.update(message if isinstance(message, Text) else Text(message or "", style=style))
        widget.set_class(bool(message), "shown")

    def clear_errors(self) -> None:
        for name in ERROR_FIELDS + ("general",):
            self.set_error(name, None) if name != "general" else self.set_error("general", None)

    def action_save(self) -> None:
        self.clear_errors()
        try:
            values = self.read()
            saved = self.update(values) if self.entry else self.create(values)
        except InvalidInput as exc:
            field = exc.field if exc.field in ERROR_FIELDS else None
            self.set_error(field, explain(exc, self.lang))
            if field and self.query_one(f"#row-{field}").display:
                self.query_one(f"#{field}").focus()
            return
        if saved is not self.entry:  # written (an edit without changes writes nothing)
            self.announce("entry", saved.id)
        self.dismiss(saved)

    def read(self) -> FormValues:
        svc, lang = self.service, self.lang
        if not self.kind:
            text = self.query_one("#kind", Input).value.strip()
            matches = ui.match_kinds(svc.policy, text) if text else []
            if len(matches) == 1 or (matches and text in (matches[0].pinyin, matches[0].id,
                                                           matches[0].name.zh, matches[0].name.en)):
                self.kind = matches[0].id
            else:
                raise InvalidInput(t("form.pick_kind", lang), "kind")
        kind = svc.policy.kind(self.kind)
        shown = lambda name: name in kind.fields  # noqa: E731
        when = svc.date(self.query_one("#date", Input).value, "date", allow_future=False)
        days = None
        if shown("days") and self.query_one("#days", Input).value.strip():
            days = parse_days(self.query_one("#days", Input).value)
        texts = {n: (self.query_one(f"#{n}", Input).value if shown(n) else None) for n in TEXT_FIELDS}
        obj = self.query_one("#object", Select).value if shown("object") else None
        appeared = self.query_one("#appeared", Select).value if shown("appeared") else None
        patrol = self.query_one("#patrol", Select).value if shown("patrol") else None
        by = self.query_one("#by", Input).value.strip() or None
        return FormValues(self.kind, when, days, shown("four_no") and self.query_one("#four_no", Checkbox).value,
                          texts, None if obj == Select.NULL else obj,
                          None if appeared == Select.NULL else appeared,
                          None if patrol == Select.NULL else patrol, by)

    def create(self, v: FormValues) -> Entry:
        return self.service.log(LogRequest(
            kind=v.kind, subject=self.subject, date=v.date, days=v.days, four_no=v.four_no,
            object=v.object, by=v.by, appeared=v.appeared, patrol=v.patrol, **v.texts))

    def update(self, v: FormValues) -> Entry:
        svc, e = self.service, self.entry
        changes: dict = {}
        if v.kind != e.kind:
            changes["kind"] = v.kind
        if v.date != e.date:
            changes["date"] = v.date
        for name, value in (("days", v.days), ("four_no", v.four_no), ("appeared", v.appeared),
                            ("patrol", v.patrol)):
            if value != getattr(e, name):
                changes[name] = value
        for name, value in v.texts.items():
            if (value or None) != getattr(e, name):
                changes[name] = value
        current = svc.link_name(e.object_id) if e.object_id else None
        if v.object != current:
            changes["object"] = v.object or ""
        if not changes:
            self.app.notify(self.word("form.unchanged"), markup=False)
            return e
        return svc.edit(e.id, by=v.by, **changes)
