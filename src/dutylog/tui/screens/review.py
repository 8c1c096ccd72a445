"""Pending entries of a subject (recorded by someone else, not yet confirmed): confirm or
reject them. Rejecting deletes the entry (a tombstone) and `u` brings it back."""

from __future__ import annotations

from textual.binding import Binding

from dutylog.domain.errors import DutylogError
from dutylog.fmt import local_time
from dutylog.services import ui

from .. import fmt
from ..dialogs.ask import AskDialog
from .base import TableScreen
from .history import HistoryScreen

COLUMNS = ("col.date", "col.kind", "col.days", "col.place", "col.title", "col.by", "col.recorded_at")


class ReviewScreen(TableScreen):
    """Push with `app.push_screen(ReviewScreen())` (the app's subject) or `ReviewScreen(name)`."""

    BINDINGS = [
        Binding("f2,c", "confirm", "key.confirm"),
        Binding("f3,r", "reject", "key.reject"),
        Binding("ctrl+z,u", "undo", "key.undo"),
        Binding("f4,h", "history", "key.history"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]

    NAME = "review"

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of=None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self._subject = subject
        self.rejected: list[str] = []  # ids rejected here, newest last: the undo stack

    @property
    def subject(self) -> str:
        """The subject given, else the one selected in the app."""
        return self._subject or self.app.subject

    def on_mount(self) -> None:
        table = self.open_table(*COLUMNS)
        if not table.row_count:
            self.say(self.word("review.empty"))

    # ---- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        lg = self.lang
        table = self.table
        row = table.cursor_row
        table.clear()
        try:
            pending = self.service.pending(self.subject)
        except DutylogError as exc:
            self.say(self.words.refusal(exc))
            return
        policy = self.service.policy
        for e in pending:
            kind = policy.kind(e.kind)
            label = kind.name.get(lg) if kind else e.kind
            days = "" if e.days is None else f"{e.days:g}"
            title = fmt.glyph_text(" · ").join(x for x in (e.title, e.note) if x)
            table.add_row(*(fmt.cell(c) for c in (e.date.isoformat(), label, days, e.place or "",
                                              title, e.recorded_by, local_time(e.updated_at))),
                          key=e.id)
        self.title_line(self.word("review.title", name=self.subject, n=len(pending)))
        if pending:
            table.move_cursor(row=min(row, len(pending) - 1))

    def selected(self) -> str | None:
        return self.cursor_key()

    def _act(self, fn, message: str, entry_id: str) -> bool:
        try:
            fn()
        except DutylogError as exc:
            self.say(self.words.refusal(exc))
            return False
        self.say(self.word(message, id=entry_id[:8]))
        self.announce("entry", entry_id)  # every open screen reloads, this one too
        return True

    # ---- actions -----------------------------------------------------------------------------
    @property
    def operator(self) -> str:
        """Who sits at this computer (本机使用者), else the subject."""
        return ui.recorder(self.service) or self.subject

    def action_confirm(self) -> None:
        entry_id = self.selected()
        if entry_id is None:
            self.say(self.word("review.no_row"))
            return
        subject, operator = self.subject, self.operator
        if operator == subject:
            self._act(lambda: self.service.confirm(entry_id, subject), "review.confirmed",
                      entry_id)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say(self.word("review.not_asked"))
                return
            if self._act(lambda: self.service.confirm(entry_id, subject, keyed_by=operator),
                         "review.confirmed", entry_id):
                self.say(self.word("review.confirmed_by", id=entry_id[:8], name=subject,
                                   operator=operator))

        self.app.push_screen(AskDialog(self.word("review.ask_confirm", name=subject),
                                       **self.given), callback=answered)

    def action_reject(self) -> None:
        entry_id = self.selected()
        if entry_id is None:
            self.say(self.word("review.no_row"))
            return
        operator = self.operator

        def answered(yes: bool | None) -> None:
            if yes and self._act(lambda: self.service.delete(entry_id, operator),
                                 "review.rejected", entry_id):
                self.rejected.append(entry_id)

        self.app.push_screen(AskDialog(self.word("review.ask_reject"), **self.given),
                             callback=answered)

    def action_undo(self) -> None:
        if not self.rejected:
            self.say(self.word("review.nothing_to_undo"))
            return
        entry_id = self.rejected[-1]
        if self._act(lambda: self.service.undelete(entry_id, self.operator), "review.undone",
                     entry_id):
            self.rejected.pop()

    def action_history(self) -> None:
        entry_id = self.selected()
        if entry_id is not None:
            self.app.push_screen(HistoryScreen(entry_id, **self.given))
