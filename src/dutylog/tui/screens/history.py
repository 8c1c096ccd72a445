"""An entry's history: every version, oldest first, with who changed it and what changed."""

from __future__ import annotations

from textual.binding import Binding

from dutylog.domain.errors import DutylogError
from dutylog.fmt import local_time
from dutylog.i18n import named
from dutylog.services.results import EntryVersion

from .. import fmt
from .base import TableScreen

# Fields compared between versions; "history.field.*" names them.
FIELDS = ("kind", "date", "days", "four_no", "title", "place", "people", "note", "object", "appeared",
          "patrol", "confirmed_by", "sensitive", "deleted")
COLUMNS = ("history.when", "history.by", "history.how", "col.date", "col.days", "history.what",
           "history.changes")


def changed_fields(before: EntryVersion | None, after: EntryVersion) -> list[str]:
    if before is None:
        return []
    return [f for f in FIELDS if before.field(f) != after.field(f)]


class HistoryScreen(TableScreen):
    """Push with `app.push_screen(HistoryScreen(entry_id))`; Escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "key.back")]

    NAME = "history"

    def __init__(self, entry_id: str, service=None, lang: str | None = None, as_of=None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.entry_id = entry_id
        self.versions: list[EntryVersion] = []

    def on_mount(self) -> None:
        self.open_table(*COLUMNS)

    def reload(self) -> None:
        """Read the versions again (after any write: `data_changed`)."""
        lg, w = self.lang, self.word
        table = self.table
        table.clear()
        try:
            self.versions = self.service.history(self.entry_id)
        except DutylogError as exc:
            self.say(self.words.refusal(exc))
            return
        self.title_line(f"{w('history.title')} · {self.entry_id[:8]} · {len(self.versions)}")
        before = None
        for i, v in enumerate(self.versions):
            changes = [w(f"history.field.{f}") if lg == "zh" else f for f in changed_fields(before, v)]
            shown = ("、" if lg == "zh" else ", ").join(changes) if before is not None else w("history.first")
            what = " · ".join(str(x) for x in (v.field("title"), v.field("note")) if x)
            if v.deleted:
                what = f"[{w('msg.deleted')}] {what}"
            table.add_row(*(fmt.cell(c) for c in (
                local_time(v.changed_at), v.changed_by or "",
                named("history.reason", v.reason or "", lg), v.date or "",
                "" if v.days is None else f"{v.days:g}", what, shown)), key=str(i))
            before = v
        if self.versions:
            table.move_cursor(row=len(self.versions) - 1)
