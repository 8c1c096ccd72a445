"""The records people hand in: every version of an entry, confirmation, what awaits it."""

from __future__ import annotations

from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.store import entry_to_record
from dutylog.textsafe import clean_name

from .context import Context
from .results import EntryVersion
from .subjects import Roster


class Records:
    def __init__(self, ctx: Context, roster: Roster) -> None:
        self._roster = roster
        self._entries = ctx.store.entries

    def history(self, entry_id: str) -> list[EntryVersion]:
        """Every version of an entry, oldest first, each with changed_by and changed_at
        (the bundle record of that version: the JSON `history --json` prints)."""
        e = self._entries.get_entry(entry_id)
        return [EntryVersion.of(v) for v in self._entries.history("entry", e.id)]

    def confirm(self, entry_id: str, by: str, keyed_by: str | None = None) -> Entry:
        """`by` (the subject) confirms; `keyed_by`: who typed it in, in the history."""
        e = self._entries.get_entry(entry_id)
        subj = self._roster.subject_of(e)
        by = clean_name(by or "")
        if by != subj.name:
            raise InvalidInput(code="confirm.not_subject", field="by", subject=subj.name, by=by)
        if e.deleted:
            raise InvalidInput(code="entry.deleted_confirm", id=e.id[:8])
        return self._entries.confirm_entry(e.id, by, keyed_by)

    def pending(self, subject: str) -> list[Entry]:
        """Entries recorded by someone else and not yet confirmed by the subject."""
        subj = self._roster.subject(subject)
        return [e for e in self._entries.query_entries(subject_id=subj.id)
                if e.recorded_by != subj.name and not e.confirmed_by]


def entry_as_record(entry: Entry, subject_name: str, object_name: str | None) -> dict[str, Any]:
    """An entry in the bundle record's field names (CONTRACT "Merge bundles") with its
    subject's and object's names: what `entries --json` prints."""
    return entry_to_record(entry, subject_name=subject_name, object_name=object_name)
