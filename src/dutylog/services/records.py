"""History, confirmation and merge bundles: the records people hand in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dutylog.domain.dates import parse_days
from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.domain.validate import check_entry


class RecordsMixin:
    def history(self, entry_id: str) -> list[dict]:
        """Every version of an entry, oldest first, each with changed_by and changed_at."""
        e = self.store.entries.get_entry(entry_id)
        return self.store.entries.history("entry", e.id)

    def confirm(self, entry_id: str, by: str) -> Entry:
        e = self.store.entries.get_entry(entry_id)
        subj = self.store.subjects.get_subject(e.subject_id)
        by = (by or "").strip()
        if by != subj.name:
            raise InvalidInput(f"by: only the subject ({subj.name}) can confirm this entry, not {by!r}", "by")
        if e.deleted:
            raise InvalidInput(f"entry {e.id[:8]} is deleted; undelete it before confirming")
        return self.store.entries.confirm_entry(e.id, by)

    def pending(self, subject: str) -> list[Entry]:
        """Entries recorded by someone else and not yet confirmed by the subject."""
        subj = self.subject(subject)
        return [e for e in self.store.entries.query_entries(subject_id=subj.id)
                if e.recorded_by != subj.name and not e.confirmed_by]

    # ------------------------------------------------------------------ bundles
    def export(self, path: Path, subject: str | None = None, since: date | None = None,
               to: str | None = None, include_sensitive: bool = False) -> int:
        subject_id = self.subject(subject).id if subject else None
        if to is not None and not to.strip():
            raise InvalidInput("to: give a destination name, e.g. --to office-pc", "to")
        return self.store.bundles.export_bundle(path, subject_id=subject_id, since=since,
                             include_sensitive=include_sensitive, to=to)

    def import_bundle(self, path: Path, progress=None):
        return self.store.bundles.import_bundle(path, validate_record=self.validate_bundle_record,
                                                progress=progress)

    def validate_bundle_record(self, rec: dict) -> str | None:
        """The check the store's bundle reader runs on each record (the store knows no
        policy). A bundle is a file from another machine: its vocabulary must be this
        policy's — an entry's kind, fields and patrol type, a subject's roles, a link's
        link type, a ledger item's ledger type. A one-line reason, or None."""
        kind, policy = rec.get("type"), self.policy
        if kind == "entry":
            return self.validate_bundle_entry(rec)
        if kind == "subject":
            bad = next((r for r in rec.get("roles") or () if policy.role(r) is None), None)
            return None if bad is None else _unknown("roles", "role", bad, policy.role_ids)
        if kind == "link" and policy.link_type(rec.get("link_type")) is None:
            return _unknown("link_type", "link type", rec.get("link_type"), policy.link_type_ids)
        if kind == "ledger" and policy.ledger_type(rec.get("ledger_type")) is None:
            return _unknown("ledger_type", "ledger type", rec.get("ledger_type"),
                            policy.ledger_type_ids)
        return None

    def validate_bundle_entry(self, rec: dict) -> str | None:
        """Check an incoming entry record against the policy (its kind, fields and patrol
        type); None when it is acceptable."""
        kind = self.policy.kind(rec.get("kind", ""))
        if kind is None:
            return f"unknown kind {rec.get('kind')!r}; accepted: {', '.join(self.policy.kind_ids)}"
        try:
            when = date.fromisoformat(rec["date"])
            days = rec.get("days")
            if days is not None:
                parse_days(days)
            check_entry(self.policy, kind=kind.id, when=when, today=date.max, days=days,
                        title=rec.get("title"), object_id=rec.get("object"),
                        appeared=rec.get("appeared"), patrol=rec.get("patrol"),
                        texts={k: rec.get(k) for k in ("title", "place", "people", "note")})
        except (InvalidInput, ValueError, TypeError, KeyError) as exc:
            return str(exc)
        return None


def _unknown(field: str, what: str, value, accepted) -> str:
    return f"{field}: unknown {what} {value!r}; accepted: {', '.join(accepted)}"
