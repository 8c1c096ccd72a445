"""The `Dutylog` service object: one open store, one policy, one notion of today."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from dutylog.domain.dates import parse_date, parse_year
from dutylog.domain.errors import InvalidInput, NotFound
from dutylog.domain.model import Entry, Link, Subject
from dutylog.domain.progress import EvalDay, RuleResult, evaluate
from dutylog.domain.rules import Policy
from dutylog.domain.validate import check_entry, check_kind
from dutylog.policy import load_policy
from dutylog.store import Store, entry_to_record
from dutylog.store.opening import close_store, open_store

from .ledgers import LedgersMixin
from .records import RecordsMixin

POLICY_SETTING = "policy_path"


def today_from_env() -> date:
    """Today's date; `DUTYLOG_TODAY=YYYY-MM-DD` pins it for tests and demos."""
    pinned = os.environ.get("DUTYLOG_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InvalidInput(f"DUTYLOG_TODAY: {pinned!r} is not a YYYY-MM-DD date") from None
    return date.today()


@dataclass
class LogRequest:
    """One activity as a user gives it (strings resolved, dates parsed)."""

    kind: str
    subject: str
    date: date
    days: float | None = None
    four_no: bool = False
    title: str | None = None
    place: str | None = None
    people: str | None = None
    note: str | None = None
    object: str | None = None
    by: str | None = None
    appeared: bool | None = None
    patrol: str | None = None
    sensitive: bool = False


@dataclass(frozen=True)
class Progress:
    subject: Subject
    roles: tuple[str, ...]  # implied ones included
    year: int
    as_of: date
    results: list[RuleResult]


class Dutylog(RecordsMixin, LedgersMixin):
    def __init__(self, store: Store, today: date | None = None, policy: Policy | None = None):
        self.store = store
        self.today = today or today_from_env()
        self._policy = policy

    @classmethod
    def open(cls, home: Path | None = None, today: date | None = None) -> "Dutylog":
        today = today or today_from_env()  # check the file, open it, take the day's backup
        return cls(open_store(home, today), today)

    def close(self) -> None:
        close_store(self.store)  # closes it and notes the file, so the next open can skip the full check

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ policy
    @property
    def policy(self) -> Policy:
        if self._policy is None:
            path = self.store.settings.get(POLICY_SETTING)
            self._policy = load_policy(path or None)
        return self._policy

    def use_policy(self, path: str | None) -> Policy:
        """Point dutylog at a user's copy of the preset (None: back to the built-in one)."""
        if path is None:
            policy = load_policy(None)
            self.store.settings.set(POLICY_SETTING, "")
        else:
            resolved = str(Path(path).expanduser().resolve())
            policy = load_policy(resolved)
            self.store.settings.set(POLICY_SETTING, resolved)
        self._policy = policy
        return policy

    def date(self, text: str, field: str = "date", allow_future: bool = True) -> date:
        return parse_date(text, self.today, field, allow_future)

    # ------------------------------------------------------------------ subjects and links
    def check_roles(self, roles) -> list[str]:
        """The roles as given, each known to the policy (refused otherwise)."""
        accepted = ", ".join(self.policy.role_ids)
        if not roles:
            raise InvalidInput(f"role: give at least one --role; accepted: {accepted}", "role")
        for role in roles:
            if role not in self.policy.role_ids:
                raise InvalidInput(f"role: unknown role {role!r}; accepted: {accepted}", "role")
        return list(dict.fromkeys(roles))

    def roles_of(self, subj: Subject) -> tuple[str, ...]:
        """A subject's roles with the implied ones included, in the policy's order."""
        return self.policy.expand_roles(subj.roles)

    def add_subject(self, name: str, roles: list[str], since: date | None = None) -> Subject:
        name = (name or "").strip()
        if not name:
            raise InvalidInput("name: a subject needs a name", "name")
        unique = self.check_roles(roles)
        since = self._not_future(since or self.today, "since")
        return self.store.subjects.add_subject(name, unique, since=since)

    def update_subject(self, subject: str, roles: list[str] | None = None,
                       since: date | None = None, name: str | None = None) -> Subject:
        subj = self.subject(subject)
        if roles is not None:
            roles = self.check_roles(roles)
        if name is not None and not name.strip():
            raise InvalidInput("name: a subject needs a name", "name")
        if since is not None:
            self._not_future(since, "since")
            return self.store.subjects.update_subject(subj.id, name=name, roles=roles, since=since,
                                             changed_by=subj.name)
        return self.store.subjects.update_subject(subj.id, name=name, roles=roles, changed_by=subj.name)

    def tracked_from(self, subj: Subject, as_of: date | None = None) -> date:
        """CONTRACT "Tracked from": the earlier of the subject's since day and its earliest
        live entry. With neither (a bundle's subject without since and no entry yet),
        nothing before the evaluation day is claimed: tracked from the day after it."""
        first = self.store.subjects.first_entry_date(subj.id)
        days = [d for d in (subj.since, first) if d is not None]
        if days:
            return min(days)
        return (as_of or self.today) + timedelta(days=1)

    def _not_future(self, day: date, field: str) -> date:
        if day > self.today:
            raise InvalidInput(f"{field}: {day} is in the future (today is {self.today})", field)
        return day

    def subject(self, name: str) -> Subject:
        try:
            return self.store.subjects.get_subject(name)
        except NotFound:
            names = [s.name for s in self.store.subjects.list_subjects()]
            known = f"; known: {', '.join(names)}" if names else "; add one with: dutylog subject add NAME --role ROLE"
            raise NotFound(f"subject: no subject named {name!r}{known}", "subject") from None

    def subjects(self) -> list[Subject]:
        return self.store.subjects.list_subjects()

    def subject_record(self, subj: Subject) -> dict:
        """A subject as `subject list --json` shows it (implied roles included)."""
        return {"id": subj.id, "name": subj.name, "roles": list(self.roles_of(subj)),
                "since": subj.since.isoformat() if subj.since else None,
                "updated_at": subj.updated_at}

    def check_link_type(self, link_type: str) -> str:
        if self.policy.link_type(link_type) is None:
            accepted = ", ".join(self.policy.link_type_ids)
            raise InvalidInput(f"type: unknown link type {link_type!r}; accepted: {accepted}", "type")
        return link_type

    def link(self, subject: str, link_type: str, name: str, since: date | None = None) -> Link:
        self.check_link_type(link_type)
        name = (name or "").strip()
        if not name:
            raise InvalidInput("name: a linked object needs a name", "name")
        subj = self.subject(subject)
        return self.store.subjects.add_link(subj.id, link_type, name, since or self.today)

    def unlink(self, subject: str, link_type: str, name: str, until: date) -> Link:
        self.check_link_type(link_type)
        subj = self.subject(subject)
        link = self._find_link(subj, name, link_type)
        later = [e for e in self.store.entries.query_entries(subject_id=subj.id, date_from=until + timedelta(days=1))
                 if e.object_id == link.id]
        if later:
            first = min(e.date for e in later)
            raise InvalidInput(f"until: {len(later)} entries for {name!r} are dated after {until} "
                               f"(the first on {first}); end the link on or after {max(e.date for e in later)}",
                               "until")
        return self.store.subjects.end_link(link.id, until)

    def links(self, subject: str) -> list[Link]:
        return self.store.subjects.links(self.subject(subject).id)

    def _find_link(self, subj: Subject, name: str, link_type: str | None) -> Link:
        try:
            return self.store.subjects.find_link(subj.id, name, link_type)
        except NotFound:
            linked = [f"{ln.name} ({ln.link_type})" for ln in self.store.subjects.links(subj.id)
                      if link_type is None or ln.link_type == link_type]
            what = link_type or "object"
            known = f"; linked: {', '.join(linked)}" if linked else f"; link it first: dutylog link {subj.name} {link_type or 'TYPE'} NAME"
            raise NotFound(f"object: {name!r} is not linked to {subj.name} as {what}{known}", "object") from None

    def object_on(self, subj: Subject, name: str, link_type: str | None, on: date) -> Link:
        """The subject's link named `name` that is active on `on` (CONTRACT "Objects by
        date"): an entry counts for the link active on its date; outside every span of
        that name the entry is refused, naming the spans."""
        self._find_link(subj, name, link_type)  # refuses an unknown name with the known ones
        same = [ln for ln in self.store.subjects.links(subj.id)
                if ln.name == name and (link_type is None or ln.link_type == link_type)]
        active = [ln for ln in same if ln.active_during(on, on)]
        if len(active) > 1 and len({ln.link_type for ln in active}) > 1:
            types = ", ".join(sorted({ln.link_type for ln in active}))
            raise InvalidInput(f"object: {name!r} is linked as several types ({types}) on {on}", "object")
        if active:
            return active[0]
        spans = "; ".join(_span(ln) for ln in same)
        raise InvalidInput(f"object: {name!r} was not linked to {subj.name} on {on} "
                           f"(linked {spans})", "object")

    # ------------------------------------------------------------------ entries
    def log(self, req: LogRequest) -> Entry:
        subj = self.subject(req.subject)
        kind = check_kind(self.policy, req.kind)
        object_id = None
        if req.object:
            object_id = self.object_on(subj, req.object.strip(), kind.object_type, req.date).id
        days = req.days
        if days is None and kind.day_based:
            days = 1.0
        title = _clean(req.title)
        check_entry(self.policy, kind=req.kind, when=req.date, today=self.today, days=days,
                    title=title, object_id=object_id,
                    appeared=req.appeared, patrol=req.patrol,
                    texts={"title": title, "place": req.place, "people": req.people,
                           "note": req.note, "by": req.by})
        by = _clean(req.by) or subj.name
        entry = Entry(id="", subject_id=subj.id, kind=req.kind, date=req.date, days=days,
                      four_no=bool(req.four_no), title=title, place=_clean(req.place),
                      people=_clean(req.people), note=_clean(req.note), object_id=object_id,
                      recorded_by=by, appeared=req.appeared, patrol=req.patrol,
                      sensitive=req.sensitive)
        return self.store.entries.add_entry(entry)

    def entry(self, entry_id: str) -> Entry:
        return self.store.entries.get_entry(entry_id)

    def edit(self, entry_id: str, by: str | None = None, **changes) -> Entry:
        """Change an entry; `changes` holds only what the user gave. Old version goes to history."""
        current = self.store.entries.get_entry(entry_id)
        subj = self.store.subjects.get_subject(current.subject_id)
        if "kind" in changes:
            check_kind(self.policy, changes["kind"])
        kind = self.policy.kind(changes.get("kind", current.kind))
        when = changes.get("date", current.date)
        if "object" in changes:
            name = changes.pop("object")
            changes["object_id"] = self.object_on(subj, name.strip(), kind.object_type, when).id if name else None
        elif "date" in changes and current.object_id:
            # the same object on the new date: the link of that name active then
            linked = self.store.subjects.get_link(current.object_id)
            moved = self.object_on(subj, linked.name, linked.link_type, when).id
            if moved != current.object_id:
                changes["object_id"] = moved
        for key in ("title", "place", "people", "note"):
            if key in changes:
                changes[key] = _clean(changes[key])
        candidate = replace(current, **changes)
        kind = check_kind(self.policy, candidate.kind)
        if candidate.days is None and kind.day_based:
            candidate = replace(candidate, days=1.0)
            changes["days"] = 1.0
        check_entry(self.policy, kind=candidate.kind, when=candidate.date, today=self.today,
                    days=candidate.days, title=candidate.title, object_id=candidate.object_id,
                    appeared=candidate.appeared, patrol=candidate.patrol,
                    texts={k: getattr(candidate, k) for k in ("title", "place", "people", "note")})
        if not changes:
            raise InvalidInput("edit: nothing to change; give at least one option such as --date or --note")
        return self.store.entries.update_entry(current.id, by or subj.name, **changes)

    def delete(self, entry_id: str, by: str | None = None) -> Entry:
        e = self.store.entries.get_entry(entry_id)
        if e.deleted:
            raise InvalidInput(f"entry {e.id[:8]} is already deleted; bring it back with: dutylog undelete {e.id[:8]}")
        return self.store.entries.delete_entry(e.id, by or self._subject_name(e))

    def undelete(self, entry_id: str, by: str | None = None) -> Entry:
        e = self.store.entries.get_entry(entry_id)
        if not e.deleted:
            raise InvalidInput(f"entry {e.id[:8]} is not deleted")
        return self.store.entries.undelete_entry(e.id, by or self._subject_name(e))

    def _subject_name(self, e: Entry) -> str:
        return self.store.subjects.get_subject(e.subject_id).name

    def entries(self, subject: str | None = None, kinds: list[str] | None = None,
                date_from: date | None = None, date_to: date | None = None,
                search: str | None = None, include_deleted: bool = False,
                limit: int | None = None, offset: int = 0, desc: bool = False) -> list[Entry]:
        subject_id = self.subject(subject).id if subject else None
        for k in kinds or ():
            check_kind(self.policy, k)
        if date_from and date_to and date_to < date_from:
            raise InvalidInput(f"--to {date_to} is before --from {date_from}")
        return self.store.entries.query_entries(subject_id=subject_id, kinds=kinds or None, date_from=date_from,
                                        date_to=date_to, search=search or None,
                                        include_deleted=include_deleted, limit=limit, offset=offset,
                                        desc=desc)

    def entry_record(self, e: Entry, names: dict[str, str] | None = None) -> dict:
        """An entry as `entries --json` shows it: bundle fields plus names."""
        names = names if names is not None else {}
        subject_name = names.get(e.subject_id)
        if subject_name is None:
            subject_name = names[e.subject_id] = self.store.subjects.get_subject(e.subject_id).name
        object_name = None
        if e.object_id:
            object_name = names.get(e.object_id)
            if object_name is None:
                object_name = names[e.object_id] = self.store.subjects.link_name(e.object_id)
        return entry_to_record(e, subject_name=subject_name, object_name=object_name)

    # ------------------------------------------------------------------ status
    def progress(self, subject: str, year: int | str | None = None, as_of: date | None = None,
                 include_pending: bool = True) -> "Progress":
        """Every rule of one subject-year, as the dashboard, `status` and reports show it."""
        subj = self.subject(subject)
        year_value, as_of = self.resolve_year(year, as_of)
        results = self.evaluate(subj, year_value, as_of, include_pending)
        return Progress(subj, self.roles_of(subj), year_value, as_of, results)

    def status(self, subject: str, year: int | str | None = None, as_of: date | None = None,
               include_pending: bool = True) -> dict:
        """`status --json` (CONTRACT.md)."""
        pr = self.progress(subject, year, as_of, include_pending)
        return {"subject": pr.subject.name, "roles": list(pr.roles), "year": pr.year,
                "as_of": pr.as_of.isoformat(), "policy": self.policy.id,
                "rules": [r.as_dict() for r in pr.results]}

    def resolve_year(self, year, as_of: date | None) -> tuple[int, date]:
        """CONTRACT: --as-of defaults to today, or 31 Dec when --year names a past year;
        --year defaults to the year of --as-of."""
        if year is not None:
            y = parse_year(year)
            if as_of is None:
                as_of = self.today if y >= self.today.year else date(y, 12, 31)
            return y, as_of
        as_of = as_of or self.today
        return as_of.year, as_of

    def eval_day(self, subj: Subject, as_of: date) -> EvalDay:
        """as_of, still running when it is today, and the subject's tracked-from day."""
        return EvalDay(as_of, running=as_of == self.today, tracked_from=self.tracked_from(subj, as_of))

    def evaluate(self, subj: Subject, year: int, as_of: date, include_pending: bool = True,
                 entries: list[Entry] | None = None) -> list[RuleResult]:
        """Every rule of the subject's roles (implied ones included) for one year.
        `entries`: the subject-year's entries when the caller has read them already."""
        if entries is None:
            start, end = date(year, 1, 1), min(date(year, 12, 31), as_of)
            entries = self.store.entries.entries_in_range(subj.id, start, end) if end >= start else []
        if not include_pending:
            entries = [e for e in entries if e.recorded_by == subj.name or e.confirmed_by]
        links = self.store.subjects.links(subj.id)
        return evaluate(self.policy.rules, self.roles_of(subj), entries, links, year,
                        self.eval_day(subj, as_of))


def _span(ln: Link) -> str:
    start = ln.since.isoformat() if ln.since else "…"
    end = ln.until.isoformat() if ln.until else "…"
    return f"{start} – {end}"


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text or None

