"""Subjects kept on this computer: add, change (name, roles, tracking start), archive and
restore — through the same services as `dutylog subject …`, each change a version in the
subject's history made by the operator, and `u` undoes the last change made here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding

from dutylog.domain.errors import DutylogError
from dutylog.services import ui

from .. import fmt
from ..dialogs.ask import AskDialog
from ..dialogs.form import FormDialog, FormField
from .base import TableScreen

COLUMNS = ("subjects.name", "col.roles", "col.since", "col.status")


@dataclass
class Undo:
    name: str  # what the message names
    run: Callable[[], object]


class SubjectsScreen(TableScreen):
    BINDINGS = [
        Binding("f2,a", "add", "key.add"),
        Binding("f3,r", "change", "key.rename"),
        Binding("f4,x", "archive", "key.archive"),
        Binding("ctrl+z,u", "undo", "key.undo"),
        Binding("enter", "open", "key.open"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]

    NAME = "subjects"

    def __init__(self, add: bool = False, **context) -> None:
        super().__init__(**context)
        self.start_adding = add
        self.undos: list[Undo] = []
        self.rows: list = []

    def on_mount(self) -> None:
        self.open_table(*COLUMNS)
        if self.start_adding:
            self.action_add()

    @property
    def operator(self) -> str | None:
        return ui.recorder(self.service)

    def reload(self) -> None:
        svc, lang = self.service, self.lang
        keep = self.cursor_key()
        table = self.table
        table.clear()
        self.rows = svc.subjects(include_archived=True)
        for s in self.rows:
            dim = "dim" if s.archived else ""
            state = (self.word("subjects.archived", day=s.archived.isoformat()) if s.archived
                     else self.word("subjects.active"))
            table.add_row(Text(s.name, style=dim),
                          Text(fmt.roles_text(svc.policy, svc.roles_of(s), lang), style=dim),
                          Text(s.since.isoformat() if s.since else "—", style=dim),
                          Text(state, style=dim or "green"), key=s.id)
        archived = sum(1 for s in self.rows if s.archived)
        self.title_line(self.word("subjects.title", n=len(self.rows), archived=archived))
        self.move_to([s.id for s in self.rows], keep)

    def selected(self):
        key = self.cursor_key()
        found = next((s for s in self.rows if s.id == key), None)
        if found is None:
            self.say(self.word("subjects.pick"))
        return found

    # ---- the form ----------------------------------------------------------------------
    def fields(self, subj=None) -> list[FormField]:
        policy, lang = self.service.policy, self.lang
        given = set(subj.roles) if subj else set()
        out = [FormField("name", self.word("subjects.name"), value=subj.name if subj else ""),
               FormField("since", self.word("subjects.since"),
                         value=subj.since.isoformat() if subj and subj.since else "",
                         placeholder=self.word("subjects.since_ph", today=self.as_of.isoformat()))]
        out += [FormField(f"role-{r.id}", r.name.get(lang), kind="check", value=r.id in given)
                for r in policy.roles]
        return out

    def _read(self, values: dict) -> tuple[str, list[str], object]:
        svc = self.service
        roles = [key[5:] for key, on in values.items() if key.startswith("role-") and on]
        since = svc.date(values["since"], "since", allow_future=False) if values["since"] else None
        return values["name"], roles, since

    def action_add(self) -> None:
        def submit(values: dict):
            name, roles, since = self._read(values)
            return self.service.add_subject(name, roles, since, by=self.operator)

        def done(subj) -> None:
            if subj is None:
                return
            self.undos.append(Undo(subj.name, lambda: self.service.archive_subject(
                subj.name, by=self.operator)))
            self.say(self.word("subjects.added", name=subj.name))
            self.move_to([s.id for s in self.rows], subj.id)

        self.app.push_screen(FormDialog(self.word("subjects.add"), self.fields(), submit,
                                        changes="subject", **self.given), callback=done)

    def action_change(self) -> None:
        subj = self.selected()
        if subj is None:
            return
        old = subj

        def submit(values: dict):
            name, roles, since = self._read(values)
            return self.service.update_subject(old.name, roles, since, name, by=self.operator)

        def done(new) -> None:
            if new is None:
                return

            def back():
                return self.service.update_subject(new.name, list(old.roles), old.since,
                                                   old.name, by=self.operator)

            self.undos.append(Undo(new.name, back))
            self.say(self.word("subjects.changed", name=new.name))

        self.app.push_screen(FormDialog(self.word("subjects.edit", name=subj.name),
                                        self.fields(subj), submit, changes="subject",
                                        **self.given), callback=done)

    def action_archive(self) -> None:
        subj = self.selected()
        if subj is None:
            return
        svc, by = self.service, self.operator
        if subj.archived:
            self._write(lambda: svc.restore_subject(subj.name, by=by), "subjects.restored",
                        subj, Undo(subj.name, lambda: svc.archive_subject(subj.name, by=by)))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda: svc.archive_subject(subj.name, by=by),
                            "subjects.archived_msg", subj,
                            Undo(subj.name, lambda: svc.restore_subject(subj.name, by=by)))

        self.app.push_screen(AskDialog(self.word("subjects.ask_archive", name=subj.name),
                                       **self.given), callback=answered)

    def _write(self, fn, message: str, subj, undo: Undo | None) -> None:
        try:
            fn()
        except DutylogError as exc:
            self.say(self.refusal(exc))
            return
        if undo is not None:
            self.undos.append(undo)
        self.say(self.word(message, name=subj.name))
        self.announce("subject", subj.id)
        self.app.subject_archived_or_back(subj.name)

    def action_undo(self) -> None:
        if not self.undos:
            self.say(self.word("subjects.nothing_to_undo"))
            return
        undo = self.undos[-1]
        try:
            undo.run()
        except DutylogError as exc:
            self.say(self.refusal(exc))
            return
        self.undos.pop()
        self.say(self.word("subjects.undone", name=undo.name))
        self.announce("subject")
        self.app.subject_archived_or_back(undo.name)

    def on_data_table_row_selected(self, event) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        subj = self.selected()
        if subj is not None:
            self.app.show_subject(subj.name)
