"""Subjects and their links: who is tracked, in which roles, linked to what and when."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from dutylog.domain.errors import InvalidInput, NotFound
from dutylog.domain.model import Link, Subject
from dutylog.textsafe import clean_name

from .context import Context

MAX_NAME = 200  # as store.specs.MAX_NAME: a bundle is held to the same


class OfSubject(Protocol):
    """A record of one subject: an entry, a ledger item, a trip."""

    @property
    def subject_id(self) -> str: ...


class Roster:
    """Adding, finding and changing subjects; linking them to enterprises, towns…"""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._subjects = ctx.store.subjects

    def check_roles(self, roles: Iterable[str]) -> list[str]:
        """The roles as given, each known to the policy (refused otherwise)."""
        policy = self._ctx.policy
        accepted = list(policy.role_ids)
        if not roles:
            raise InvalidInput(code="role.none", field="role", accepted=accepted)
        for role in roles:
            if role not in policy.role_ids:
                raise InvalidInput(code="role.unknown", field="role", text=role, accepted=accepted)
        return list(dict.fromkeys(roles))

    def roles_of(self, subj: Subject) -> tuple[str, ...]:
        """A subject's roles with the implied ones included, in the policy's order."""
        return self._ctx.policy.expand_roles(subj.roles)

    def add_subject(self, name: str, roles: list[str], since: date | None = None,
                    by: str | None = None) -> Subject:
        """`by`: who added it (the operator), kept in the subject's history."""
        name = clean_name(name or "")
        if not name:
            raise InvalidInput(code="subject.no_name", field="name")
        if len(name) > MAX_NAME:
            raise InvalidInput(code="name.too_long", field="name", n=len(name), most=MAX_NAME)
        unique = self.check_roles(roles)
        since = self._ctx.not_future(since or self._ctx.today, "since")
        return self._subjects.add_subject(name, unique, since=since,
                                          changed_by=(by or "").strip())

    def update_subject(self, subject: str, roles: list[str] | None = None,
                       since: date | None = None, name: str | None = None,
                       by: str | None = None) -> Subject:
        """Rename, change roles or the tracking start; `by`: who made the change (default:
        the subject). The earlier version stays in the subject's history."""
        subj = self.subject(subject)
        if roles is not None:
            roles = self.check_roles(roles)
        if name is not None:
            name = clean_name(name)
        if name is not None and not name:
            raise InvalidInput(code="subject.no_name", field="name")
        if name is not None and len(name) > MAX_NAME:
            raise InvalidInput(code="name.too_long", field="name", n=len(name), most=MAX_NAME)
        who = (by or "").strip() or subj.name
        if since is not None:
            self._ctx.not_future(since, "since")
            return self._subjects.update_subject(subj.id, name=name, roles=roles, since=since,
                                                 changed_by=who)
        return self._subjects.update_subject(subj.id, name=name, roles=roles, changed_by=who)

    def archive(self, subject: str, by: str | None = None) -> Subject:
        """An official who left: kept with every record, hidden from the lists (`subjects()`),
        restorable (`restore`). Refused when already archived."""
        subj = self.subject(subject)
        if subj.archived is not None:
            raise InvalidInput(code="subject.already_archived", field="subject", name=subj.name,
                               since=subj.archived)
        return self._subjects.set_archived(subj.id, self._ctx.today,
                                           (by or "").strip() or subj.name)

    def restore(self, subject: str, by: str | None = None) -> Subject:
        """Bring an archived subject back into the lists."""
        subj = self.subject(subject)
        if subj.archived is None:
            raise InvalidInput(code="subject.not_archived", field="subject", name=subj.name)
        return self._subjects.set_archived(subj.id, None, (by or "").strip() or subj.name)

    def subject_history(self, subject: str) -> list[dict[str, object]]:
        """Every version of a subject, oldest first, each with changed_by and reason."""
        return self._subjects.versions(self.subject(subject).id)

    def tracked_from(self, subj: Subject, as_of: date | None = None) -> date:
        """CONTRACT "Tracked from": the earlier of the subject's since day and its earliest
        live entry. With neither (a bundle's subject without since and no entry yet),
        nothing before the evaluation day is claimed: tracked from the day after it."""
        first = self._subjects.first_entry_date(subj.id)
        days = [d for d in (subj.since, first) if d is not None]
        if days:
            return min(days)
        return (as_of or self._ctx.today) + timedelta(days=1)

    def subject(self, name: str) -> Subject:
        try:
            return self._subjects.get_subject(name)
        except NotFound:
            if clean_name(name or "") not in ("", name):
                return self.subject(clean_name(name))
            names = [s.name for s in self._subjects.list_subjects()]
            if names:
                raise NotFound(code="subject.unknown", field="subject", name=name, known=names) from None
            raise NotFound(code="subject.unknown_none", field="subject", name=name) from None

    def subject_of(self, record: OfSubject) -> Subject:
        """The subject an entry, a ledger item or a trip is of."""
        return self._subjects.get_subject(record.subject_id)

    def subjects(self, include_archived: bool = False) -> list[Subject]:
        """The subjects kept, in the order they were added; archived ones only when asked."""
        found = self._subjects.list_subjects()
        return found if include_archived else [s for s in found if s.archived is None]

    # ---- links ------------------------------------------------------------------------------
    def check_link_type(self, link_type: str) -> str:
        policy = self._ctx.policy
        if policy.link_type(link_type) is None:
            raise InvalidInput(code="link.type_unknown", field="type", text=link_type,
                               accepted=list(policy.link_type_ids))
        return link_type

    def link(self, subject: str, link_type: str, name: str, since: date | None = None) -> Link:
        self.check_link_type(link_type)
        name = clean_name(name or "")
        if not name:
            raise InvalidInput(code="link.no_name", field="name")
        if len(name) > MAX_NAME:
            raise InvalidInput(code="name.too_long", field="name", n=len(name), most=MAX_NAME)
        subj = self.subject(subject)
        return self._subjects.add_link(subj.id, link_type, name, since or self._ctx.today)

    def unlink(self, subject: str, link_type: str, name: str, until: date) -> Link:
        """End a link on `until`; refused while entries for it are dated later."""
        self.check_link_type(link_type)
        subj = self.subject(subject)
        link = self.find_link(subj, name, link_type)
        after = self._ctx.store.entries.query_entries(subject_id=subj.id,
                                                      date_from=until + timedelta(days=1))
        later = [e for e in after if e.object_id == link.id]
        if later:
            first = min(e.date for e in later)
            raise InvalidInput(code="link.entries_after", field="until", n=len(later), name=name,
                               until=until, first=first, last=max(e.date for e in later))
        return self._subjects.end_link(link.id, until)

    def reopen_link(self, link_id: str) -> Link:
        """Undo ending a link (the TUI's u after x): active again from its start."""
        return self._subjects.reopen_link(link_id)

    def links(self, subject: str) -> list[Link]:
        return self._subjects.links(self.subject(subject).id)

    def links_of(self, subj: Subject) -> list[Link]:
        return self._subjects.links(subj.id)

    def link_by_id(self, link_id: str) -> Link:
        return self._subjects.get_link(link_id)

    def link_name(self, link_id: str) -> str:
        """The name of a link (ended or not)."""
        return self._subjects.link_name(link_id)

    def link_names(self, subject: str) -> dict[str, str]:
        """{link id: name} of one subject's links."""
        return {ln.id: ln.name for ln in self.links(subject)}

    def find_link(self, subj: Subject, name: str, link_type: str | None) -> Link:
        try:
            return self._subjects.find_link(subj.id, name, link_type)
        except NotFound:
            linked = [f"{ln.name} ({ln.link_type})" for ln in self._subjects.links(subj.id)
                      if link_type is None or ln.link_type == link_type]
            what = link_type or "object"
            if linked:
                raise NotFound(code="link.not_linked", field="object", name=name, subject=subj.name,
                               what=what, linked=linked) from None
            raise NotFound(code="link.not_linked_none", field="object", name=name, subject=subj.name,
                           what=what, type=link_type or "TYPE") from None

    def object_on(self, subj: Subject, name: str, link_type: str | None, on: date) -> Link:
        """The subject's link named `name` that is active on `on` (CONTRACT "Objects by
        date"): an entry counts for the link active on its date; outside every span of
        that name the entry is refused, naming the spans."""
        self.find_link(subj, name, link_type)  # refuses an unknown name with the known ones
        same = [ln for ln in self._subjects.links(subj.id)
                if ln.name == name and (link_type is None or ln.link_type == link_type)]
        active = [ln for ln in same if ln.active_during(on, on)]
        if len(active) > 1 and len({ln.link_type for ln in active}) > 1:
            raise InvalidInput(code="link.several_types", field="object", name=name, on=on,
                               types=sorted({ln.link_type for ln in active}))
        if active:
            return active[0]
        raise InvalidInput(code="link.not_on_day", field="object", name=name, subject=subj.name, on=on,
                           spans=[_span(ln) for ln in same])


def _span(ln: Link) -> str:
    start = ln.since.isoformat() if ln.since else "…"
    end = ln.until.isoformat() if ln.until else "…"
    return f"{start} – {end}"
