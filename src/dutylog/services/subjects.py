"""Subjects and their links: who is tracked, in which roles, linked to what and when."""

from __future__ import annotations

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

    def check_roles(self, roles) -> list[str]:
        """The roles as given, each known to the policy (refused otherwise)."""
        policy = self._ctx.policy
        accepted = ", ".join(policy.role_ids)
        if not roles:
            raise InvalidInput(f"role: give at least one --role; accepted: {accepted}", "role")
        for role in roles:
            if role not in policy.role_ids:
                raise InvalidInput(f"role: unknown role {role!r}; accepted: {accepted}", "role")
        return list(dict.fromkeys(roles))

    def roles_of(self, subj: Subject) -> tuple[str, ...]:
        """A subject's roles with the implied ones included, in the policy's order."""
        return self._ctx.policy.expand_roles(subj.roles)

    def add_subject(self, name: str, roles: list[str], since: date | None = None) -> Subject:
        name = clean_name(name or "")
        if not name:
            raise InvalidInput("name: a subject needs a name", "name")
        if len(name) > MAX_NAME:
            raise InvalidInput(f"name: {len(name)} characters; at most {MAX_NAME}", "name")
        unique = self.check_roles(roles)
        since = self._ctx.not_future(since or self._ctx.today, "since")
        return self._subjects.add_subject(name, unique, since=since)

    def update_subject(self, subject: str, roles: list[str] | None = None,
                       since: date | None = None, name: str | None = None) -> Subject:
        subj = self.subject(subject)
        if roles is not None:
            roles = self.check_roles(roles)
        if name is not None:
            name = clean_name(name)
        if name is not None and not name:
            raise InvalidInput("name: a subject needs a name", "name")
        if name is not None and len(name) > MAX_NAME:
            raise InvalidInput(f"name: {len(name)} characters; at most {MAX_NAME}", "name")
        if since is not None:
            self._ctx.not_future(since, "since")
            return self._subjects.update_subject(subj.id, name=name, roles=roles, since=since,
                                                 changed_by=subj.name)
        return self._subjects.update_subject(subj.id, name=name, roles=roles,
                                             changed_by=subj.name)

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
            known = (f"; known: {', '.join(names)}" if names
                     else "; add one with: dutylog subject add NAME --role ROLE")
            raise NotFound(f"subject: no subject named {name!r}{known}", "subject") from None

    def subject_of(self, record: OfSubject) -> Subject:
        """The subject an entry, a ledger item or a trip is of."""
        return self._subjects.get_subject(record.subject_id)

    def subjects(self) -> list[Subject]:
        return self._subjects.list_subjects()

    # ---- links ------------------------------------------------------------------------------
    def check_link_type(self, link_type: str) -> str:
        policy = self._ctx.policy
        if policy.link_type(link_type) is None:
            accepted = ", ".join(policy.link_type_ids)
            raise InvalidInput(f"type: unknown link type {link_type!r}; accepted: {accepted}",
                               "type")
        return link_type

    def link(self, subject: str, link_type: str, name: str, since: date | None = None) -> Link:
        self.check_link_type(link_type)
        name = clean_name(name or "")
        if not name:
            raise InvalidInput("name: a linked object needs a name", "name")
        if len(name) > MAX_NAME:
            raise InvalidInput(f"name: {len(name)} characters; at most {MAX_NAME}", "name")
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
            raise InvalidInput(f"until: {len(later)} entries for {name!r} are dated after "
                               f"{until} (the first on {first}); end the link on or after "
                               f"{max(e.date for e in later)}", "until")
        return self._subjects.end_link(link.id, until)

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
            known = (f"; linked: {', '.join(linked)}" if linked
                     else f"; link it first: dutylog link {subj.name} {link_type or 'TYPE'} NAME")
            raise NotFound(f"object: {name!r} is not linked to {subj.name} as {what}{known}",
                           "object") from None

    def object_on(self, subj: Subject, name: str, link_type: str | None, on: date) -> Link:
        """The subject's link named `name` that is active on `on` (CONTRACT "Objects by
        date"): an entry counts for the link active on its date; outside every span of
        that name the entry is refused, naming the spans."""
        self.find_link(subj, name, link_type)  # refuses an unknown name with the known ones
        same = [ln for ln in self._subjects.links(subj.id)
                if ln.name == name and (link_type is None or ln.link_type == link_type)]
        active = [ln for ln in same if ln.active_during(on, on)]
        if len(active) > 1 and len({ln.link_type for ln in active}) > 1:
            types = ", ".join(sorted({ln.link_type for ln in active}))
            raise InvalidInput(f"object: {name!r} is linked as several types ({types}) on {on}",
                               "object")
        if active:
            return active[0]
        spans = "; ".join(_span(ln) for ln in same)
        raise InvalidInput(f"object: {name!r} was not linked to {subj.name} on {on} "
                           f"(linked {spans})", "object")


def _span(ln: Link) -> str:
    start = ln.since.isoformat() if ln.since else "…"
    end = ln.until.isoformat() if ln.until else "…"
    return f"{start} – {end}"
