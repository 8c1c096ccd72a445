"""`Subjects`: the repository of subjects (people or bodies with roles) and their links
(enterprises, towns…)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from dutylog.domain.errors import Conflict, InvalidInput, NotFound
from dutylog.domain.model import Link, Subject
from dutylog.store import history
from dutylog.store.db import Database
from dutylog.store.records import row_to_link, row_to_subject
from dutylog.store.specs import LINK, SUBJECT, BadValue, check_code, named

_UNSET = object()


def _roles(roles: Iterable[str]) -> list[str]:
    """The shape of a role list (which roles exist is the policy's word, checked above)."""
    if isinstance(roles, str):
        roles = [roles]
    out = list(dict.fromkeys(roles))
    if not out:
        raise InvalidInput(code="store.no_roles", field="roles")
    for role in out:
        _code(role, "roles")
    return out


def _code(value: str, field: str) -> str:
    try:
        return check_code(value)
    except BadValue as exc:
        raise named(exc, field) from None


def _day(value, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, date):
        raise InvalidInput(code="store.not_a_date", field=field, given=repr(value))
    return value.isoformat()


def _name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput(code="store.empty_name", field="name")
    return name.strip()


class Subjects:
    """Subjects and links of one `Database`; every write one transaction, versioned."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- subjects -------------------------------------------------------------------
    def add_subject(self, name: str, roles: Iterable[str], changed_by: str = "",
                    since: date | None = None) -> Subject:
        name, roles, since_text = _name(name), _roles(roles), _day(since, "since")
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM subjects WHERE name = ?", (name,)).fetchone():
                raise Conflict(code="subject.exists", field="name", name=name)
            subject_id = self.db.new_id()
            values = {"id": subject_id, "name": name,
                      "roles": json.dumps(roles, ensure_ascii=False), "since": since_text}
            history.insert(self.db, SUBJECT, values, changed_by, "add")
        return self.get_subject(subject_id)

    def get_subject(self, name_or_id: str) -> Subject:
        """By id or by exact name; NotFound names the known subjects."""
        key = (name_or_id or "").strip()
        row = self.db.row("SELECT * FROM subjects WHERE id = ? OR name = ? "
                        "ORDER BY id = ? DESC LIMIT 1", (key.lower(), key, key.lower()))
        if row is None:
            known = [r["name"] for r in self.db.rows("SELECT name FROM subjects ORDER BY name")]
            if known:
                raise NotFound(code="subject.unknown", field="subject", name=name_or_id, known=known[:20])
            raise NotFound(code="subject.unknown_none", field="subject", name=name_or_id)
        return row_to_subject(row)

    def list_subjects(self) -> list[Subject]:
        return [row_to_subject(r)
                for r in self.db.rows("SELECT * FROM subjects ORDER BY created_at, name")]

    def update_subject(self, subject_id: str, name: str | None = None,
                       roles: Iterable[str] | None = None, changed_by: str = "",
                       since=_UNSET) -> Subject:
        with self.db.transaction() as conn:
            old = conn.execute("SELECT * FROM subjects WHERE id = ?", (subject_id,)).fetchone()
            if old is None:
                raise NotFound(code="store.unknown_subject", field="subject", given=repr(subject_id))
            changes = {}
            if name is not None and _name(name) != old["name"]:
                name = _name(name)
                if conn.execute("SELECT 1 FROM subjects WHERE name = ?", (name,)).fetchone():
                    raise Conflict(code="subject.exists", field="name", name=name)
                changes["name"] = name
            if roles is not None:
                text = json.dumps(_roles(roles), ensure_ascii=False)
                if text != old["roles"]:
                    changes["roles"] = text
            if since is not _UNSET and _day(since, "since") != old["since"]:
                changes["since"] = _day(since, "since")
            if changes:
                history.revise(self.db, SUBJECT, old, changes, changed_by, "edit")
        return self.get_subject(subject_id)

    def set_archived(self, subject_id: str, day: date | None, changed_by: str = "") -> Subject:
        """Archive a subject on `day` (an official who left: kept, hidden from lists), or
        restore it (`day` None); the earlier version stays in its history."""
        with self.db.transaction() as conn:
            old = conn.execute("SELECT * FROM subjects WHERE id = ?", (subject_id,)).fetchone()
            if old is None:
                raise NotFound(code="store.unknown_subject", field="subject", given=repr(subject_id))
            value = _day(day, "archived")
            if value != old["archived"]:
                history.revise(self.db, SUBJECT, old, {"archived": value}, changed_by,
                               "archive" if value else "restore")
        return self.get_subject(subject_id)

    def versions(self, subject_id: str) -> list[dict]:
        """Every version of a subject, oldest first (with changed_by, changed_at, reason)."""
        return history.versions(self.db, "subject", subject_id)

    # ---- links ------------------------------------------------------------------------
    def add_link(self, subject_id: str, link_type: str, name: str, since: date | None = None,
                 changed_by: str = "") -> Link:
        link_type = _code(link_type, "link_type")
        name = _name(name)
        if since is not None and not isinstance(since, date):
            raise InvalidInput(code="store.not_a_date", field="since", given=repr(since))
        subject = self.get_subject(subject_id)
        with self.db.transaction() as conn:
            if conn.execute(
                "SELECT 1 FROM links WHERE subject_id = ? AND link_type = ? AND name = ? "
                "AND until IS NULL AND deleted = 0", (subject.id, link_type, name),
            ).fetchone():
                raise Conflict(code="link.exists", field="name", subject=subject.name, type=link_type,
                               name=name)
            link_id = self.db.new_id()
            values = {"id": link_id, "subject_id": subject.id, "link_type": link_type,
                      "name": name, "since": since.isoformat() if since else None}
            history.insert(self.db, LINK, values, changed_by, "add")
        return self.get_link(link_id)

    def get_link(self, link_id: str) -> Link:
        row = self.db.row("SELECT * FROM links WHERE id = ?", (link_id,))
        if row is None:
            raise NotFound(code="store.unknown_link", field="object", given=repr(link_id))
        return row_to_link(row)

    def end_link(self, link_id: str, until: date, changed_by: str = "") -> Link:
        if not isinstance(until, date):
            raise InvalidInput(code="store.not_a_date", field="until", given=repr(until))
        with self.db.transaction() as conn:
            old = conn.execute("SELECT * FROM links WHERE id = ?", (link_id,)).fetchone()
            if old is None or old["deleted"]:
                raise NotFound(code="store.unknown_link", field="object", given=repr(link_id))
            if old["until"] is not None:
                raise Conflict(code="link.already_ended", name=old["name"], until=old["until"])
            if old["since"] is not None and until.isoformat() < old["since"]:
                raise InvalidInput(code="link.ends_before_start", field="until", until=until,
                                   since=old["since"])
            history.revise(self.db, LINK, old, {"until": until.isoformat()}, changed_by, "end")
        return self.get_link(link_id)

    def reopen_link(self, link_id: str, changed_by: str = "") -> Link:
        """Undo an end: the link is active again (the ended version stays in history)."""
        with self.db.transaction() as conn:
            old = conn.execute("SELECT * FROM links WHERE id = ?", (link_id,)).fetchone()
            if old is None or old["deleted"]:
                raise NotFound(code="store.unknown_link", field="object", given=repr(link_id))
            if old["until"] is None:
                raise Conflict(code="link.not_ended", name=repr(old["name"]))
            if conn.execute(
                "SELECT 1 FROM links WHERE subject_id = ? AND link_type = ? AND name = ? "
                "AND until IS NULL AND deleted = 0 AND id != ?",
                (old["subject_id"], old["link_type"], old["name"], link_id),
            ).fetchone():
                raise Conflict(code="link.linked_again", field="name", name=repr(old["name"]))
            history.revise(self.db, LINK, old, {"until": None}, changed_by, "reopen")
        return self.get_link(link_id)

    def links(self, subject_id: str, include_ended: bool = True) -> list[Link]:
        sql = "SELECT * FROM links WHERE subject_id = ? AND deleted = 0"
        if not include_ended:
            sql += " AND until IS NULL"
        return [row_to_link(r) for r in self.db.rows(sql + " ORDER BY created_at", (subject_id,))]

    def find_link(self, subject_id: str, name: str, link_type: str | None = None) -> Link:
        """The subject's link with that name (and type): the active one, else the one
        that ended last. Conflict when several active links of different types match."""
        sql = "SELECT * FROM links WHERE subject_id = ? AND name = ? AND deleted = 0"
        params: list = [subject_id, (name or "").strip()]
        if link_type is not None:
            sql += " AND link_type = ?"
            params.append(link_type)
        rows = self.db.rows(sql + " ORDER BY until IS NULL DESC, until DESC, created_at DESC", params)
        if not rows:
            known = sorted({link.name for link in self.links(subject_id)})
            raise NotFound(code="link.not_linked_here", field="object", name=name, linked=known)
        active = [r for r in rows if r["until"] is None]
        if len(active) > 1:
            raise Conflict(code="link.several_types_any", field="object", name=name,
                           types=[r["link_type"] for r in active])
        return row_to_link(rows[0])

    def first_entry_date(self, subject_id: str) -> date | None:
        """The date of the subject's earliest live entry (deleted ones do not count)."""
        row = self.db.row("SELECT MIN(date) AS d FROM entries WHERE subject_id = ? AND deleted = 0",
                        (subject_id,))
        return date.fromisoformat(row["d"]) if row and row["d"] else None

    def subject_names(self) -> dict[str, str]:
        """{subject id: name} for every subject."""
        return {r["id"]: r["name"] for r in self.db.rows("SELECT id, name FROM subjects")}

    def link_name(self, link_id: str) -> str:
        """The name of a link (ended or not)."""
        row = self.db.row("SELECT name FROM links WHERE id = ?", (link_id,))
        if row is None:
            raise NotFound(code="store.unknown_link", field="object", given=repr(link_id))
        return row["name"]

    def link_names(self) -> dict[str, str]:
        """{link id: name} for every link, for showing an entry's object."""
        return {r["id"]: r["name"] for r in self.db.rows("SELECT id, name FROM links")}
