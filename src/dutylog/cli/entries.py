"""`log`, `entries`, `edit`, `delete`, `undelete`, `history`, `confirm`."""

from __future__ import annotations

import click

from dutylog.domain.dates import parse_days
from dutylog.domain.validate import parse_yes_no

from .common import echo_json, echo_json_texts, echo_text, lang, parse_date_opt, service, table, word


def register(cli: click.Group) -> None:
    for cmd in (log, entries, edit, delete, undelete, history, confirm):
        cli.add_command(cmd)


def text_options(fn):
    for opt in reversed([
        click.option("--days", help="Days spent (half days allowed: 0.5, 1.5 …)."),
        click.option("--title", help="Title (required for research-topic, major-item, service-project)."),
        click.option("--place", help="Where it happened."),
        click.option("--people", help="People met or present."),
        click.option("--note", help="Anything else worth keeping."),
        click.option("--object", "obj", help="Linked enterprise or department head it concerns."),
        click.option("--by", help="Who recorded it (a secretary); default: the subject."),
        click.option("--appeared", help="court-case: did the head appear in court (yes|no)."),
        click.option("--patrol", help="patrol: a patrol type of the policy (policy show)."),
    ]):
        fn = opt(fn)
    return fn


@click.command()
@click.argument("kind")
@click.option("--subject", "subject_name", required=True, help="Whose activity it is.")
@click.option("--date", "when", required=True, help="YYYY-MM-DD, today/yesterday, 今天/昨天.")
@click.option("--four-no", is_flag=True, help="The visit was 四不两直 (unannounced).")
@click.option("--sensitive", is_flag=True, help="Keep out of exports and bundles unless asked.")
@click.option("--follow-up-due", "follow_up_due", help="Also open a follow-up ledger item due that day.")
@text_options
def log(kind, subject_name, when, four_no, sensitive, follow_up_due, days, title, place, people, note,
        obj, by, appeared, patrol) -> None:
    """Record one activity; prints the new entry's id."""
    from dutylog.services import LogRequest

    with service() as svc:
        svc.policy  # noqa: B018  (a broken policy file is reported before anything else)
        due = svc.date(follow_up_due, "follow-up-due") if follow_up_due is not None else None
        req = LogRequest(
            kind=kind, subject=subject_name, date=svc.date(when, "date", allow_future=False),
            days=parse_days(days), four_no=four_no, title=title, place=place, people=people,
            note=note, object=obj, by=by, appeared=parse_yes_no(appeared, "appeared"),
            patrol=patrol, sensitive=sensitive)
        if due is None:
            click.echo(svc.log(req).id)
            return
        entry, item = svc.log_with_follow_up(req, due)
        click.echo(entry.id)
        click.echo(item.id)


@click.command()
@click.option("--subject", "subject_name")
@click.option("--kind", "kinds", multiple=True)
@click.option("--from", "date_from")
@click.option("--to", "date_to")
@click.option("--search", help="Any substring of title, place, people or note, Chinese included.")
@click.option("--deleted", "include_deleted", is_flag=True, help="Include deleted entries.")
@click.option("--limit", type=click.IntRange(min=1, max=10_000_000), default=None)
@click.option("--json", "as_json", is_flag=True)
def entries(subject_name, kinds, date_from, date_to, search, include_deleted, limit, as_json) -> None:
    """List entries, oldest first."""
    with service() as svc:
        filters = {"subject": subject_name, "kinds": list(kinds),
                   "date_from": parse_date_opt(svc, date_from, "from"),
                   "date_to": parse_date_opt(svc, date_to, "to"), "search": search,
                   "include_deleted": include_deleted, "limit": limit}
        if as_json:  # each record's JSON made by SQLite, streamed: no Entry in between
            echo_json_texts(svc.logbook.entry_record_texts(**filters))
            return
        lg = lang()
        labels: dict[tuple[str, bool], str] = {}
        rows = []
        for (id_, day, subject, kind_id, four_no, days, place, title, object_name, note, deleted,
             recorded_by) in svc.logbook.entry_lines(**filters):  # the same rows, no Entry made
            label = labels.get((kind_id, four_no))
            if label is None:
                kind = svc.policy.kind(kind_id)
                label = kind.name.get(lg) if kind else kind_id
                if four_no:
                    label += f" ({word('msg.four_no')})"
                labels[kind_id, four_no] = label
            text = " · ".join(x for x in (title, object_name, note) if x)
            if deleted:
                text = f"[{word('msg.deleted')}] {text}"
            rows.append([id_[:8], day, subject, label, _days(days), place or "", text, recorded_by or ""])
        if not rows:
            click.echo(word("msg.no_entries"))
            return
        click.echo(table([word("col.id"), word("col.date"), word("col.subject"), word("col.kind"),
                          word("col.days"), word("col.place"), word("col.title"), word("col.by")],
                         rows, aligns=["left", "left", "left", "left", "right", "left", "left", "left"],
                         max_widths=[0, 0, 12, 24, 0, 16, 40, 12], made=ENTRY_MADE))


ENTRY_MADE = frozenset({0, 1, 4})  # id, date, days: written by dutylog, no user text in them


def _days(d):
    if d is None:
        return ""
    return str(int(d)) if float(d).is_integer() else str(d)


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--kind")
@click.option("--date", "when")
@click.option("--four-no/--not-four-no", default=None)
@click.option("--sensitive/--not-sensitive", default=None)
@text_options
def edit(entry_id, kind, when, four_no, sensitive, days, title, place, people, note, obj, by,
         appeared, patrol) -> None:
    """Change an entry; the old version stays in its history."""
    with service() as svc:
        changes = {}
        if kind is not None:
            changes["kind"] = kind
        if when is not None:
            changes["date"] = svc.date(when, "date", allow_future=False)
        if four_no is not None:
            changes["four_no"] = four_no
        if sensitive is not None:
            changes["sensitive"] = sensitive
        if days is not None:
            changes["days"] = parse_days(days)
        for key, value in (("title", title), ("place", place), ("people", people), ("note", note)):
            if value is not None:
                changes[key] = value
        if obj is not None:
            changes["object"] = obj
        if appeared is not None:
            changes["appeared"] = parse_yes_no(appeared, "appeared")
        if patrol is not None:
            changes["patrol"] = patrol
        entry = svc.edit(entry_id, by=by, **changes)
        click.echo(entry.id)


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--by", help="Who deletes it; default: the subject.")
def delete(entry_id, by) -> None:
    """Delete an entry (a tombstone: `dutylog undelete ID` brings it back)."""
    with service() as svc:
        e = svc.delete(entry_id, by)
        click.echo(f"{e.id} deleted; undo with: dutylog undelete {e.id[:8]}")


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--by")
def undelete(entry_id, by) -> None:
    """Bring a deleted entry back."""
    with service() as svc:
        e = svc.undelete(entry_id, by)
        click.echo(f"{e.id} restored")


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True)
def history(entry_id, as_json) -> None:
    """Every version of an entry, oldest first."""
    with service() as svc:
        versions = svc.history(entry_id)
        if as_json:
            echo_json([v.as_dict() for v in versions])
            return
        from dutylog.fmt import local_time  # (here: `entries` and `log` do not need it)

        rows = [[local_time(v.changed_at), v.changed_by or "",
                 v.date or "", str(v.days or ""), v.field("title") or "",
                 v.field("note") or "", word("msg.deleted") if v.deleted else ""]
                for v in versions]
        click.echo(table(["changed_at", word("col.by"), word("col.date"), word("col.days"),
                          word("col.title"), "note", ""], rows, max_widths=[0, 12, 0, 0, 30, 30, 0]))


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--by", required=True, help="The subject confirming the entry.")
def confirm(entry_id, by) -> None:
    """The subject confirms an entry someone else recorded."""
    with service() as svc:
        e = svc.confirm(entry_id, by)
        echo_text(f"{e.id} confirmed by {e.confirmed_by}")


def entry_record(svc, e, names: dict[str, str]) -> dict:
    """An entry as `entries --json` shows it: its bundle record plus subject and object
    names (`names` caches them across the list)."""
    from dutylog.services.records import entry_as_record

    if e.subject_id not in names:
        names[e.subject_id] = svc.subject_of(e).name
    object_name = None
    if e.object_id:
        if e.object_id not in names:
            names[e.object_id] = svc.link_name(e.object_id)
        object_name = names[e.object_id]
    return entry_as_record(e, names[e.subject_id], object_name)
