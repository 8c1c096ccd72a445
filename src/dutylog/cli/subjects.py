"""`subject add|list`, `link`, `unlink`, `links`."""

from __future__ import annotations

import click

from .common import echo_json, parse_date_opt, service, table, word


def register(cli: click.Group) -> None:
    cli.add_command(subject)
    cli.add_command(link)
    cli.add_command(unlink)
    cli.add_command(links)


@click.group()
def subject() -> None:
    """People and bodies whose duties are tracked."""


@subject.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True,
              help="A role of the policy (dutylog roles / policy show); repeatable.")
@click.option("--since", help="The day record keeping starts (default: today); periods that ended before it are not judged.")
def subject_add(name: str, roles: tuple[str, ...], since: str | None) -> None:
    """Add a person or body."""
    with service() as svc:
        s = svc.add_subject(name, list(roles), parse_date_opt(svc, since, "since"))
        click.echo(s.id)


@subject.command("edit")
@click.argument("name")
@click.option("--role", "roles", multiple=True,
              help="Roles of the policy (dutylog roles), replacing the present ones (repeatable).")
@click.option("--since", help="The day record keeping started.")
@click.option("--rename", help="A new name.")
def subject_edit(name: str, roles: tuple[str, ...], since: str | None, rename: str | None) -> None:
    """Change a subject's roles, tracking start or name (the old version stays in its history)."""
    with service() as svc:
        if not roles and since is None and rename is None:
            from dutylog.domain.errors import InvalidInput

            raise InvalidInput(code="edit.subject_nothing")
        s = svc.update_subject(name, list(roles) or None, parse_date_opt(svc, since, "since"), rename)
        click.echo(s.id)


@subject.command("archive")
@click.argument("name")
@click.option("--by", help="Who archives it (default: the subject).")
def subject_archive(name: str, by: str | None) -> None:
    """Archive a subject who left: kept with every record, hidden from lists (restore brings it back)."""
    with service() as svc:
        click.echo(svc.archive_subject(name, by).id)


@subject.command("restore")
@click.argument("name")
@click.option("--by", help="Who restores it (default: the subject).")
def subject_restore(name: str, by: str | None) -> None:
    """Bring an archived subject back into the lists."""
    with service() as svc:
        click.echo(svc.restore_subject(name, by).id)


@subject.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--all", "show_all", is_flag=True, help="Archived subjects too.")
def subject_list(as_json: bool, show_all: bool) -> None:
    """List subjects (archived ones with --all)."""
    with service() as svc:
        subjects = svc.subjects(include_archived=show_all)
        if as_json:
            records = [subject_record(svc, s) for s in subjects]
            if show_all:  # the archived day only when archived ones are asked for
                for rec, s in zip(records, subjects, strict=True):
                    rec["archived"] = s.archived.isoformat() if s.archived else None
            echo_json(records)
            return
        if not subjects:
            click.echo(word("msg.no_subjects"))
            return
        click.echo(table([word("col.subject"), word("col.roles"), word("col.since"), word("col.id")],
                         [[s.name, ", ".join(svc.roles_of(s)), s.since.isoformat() if s.since else "—", s.id[:8]]
                          for s in subjects]))


@click.command()
@click.argument("subject_name", metavar="SUBJECT")
@click.argument("link_type", metavar="TYPE")
@click.argument("name")
@click.option("--since", help="First day of the link (YYYY-MM-DD); default: today.")
def link(subject_name: str, link_type: str, name: str, since: str | None) -> None:
    """Assign a linked object; TYPE is a link type of the policy (policy show)."""
    with service() as svc:
        ln = svc.link(subject_name, link_type, name, parse_date_opt(svc, since, "since"))
        click.echo(ln.id)


@click.command()
@click.argument("subject_name", metavar="SUBJECT")
@click.argument("link_type", metavar="TYPE")
@click.argument("name")
@click.option("--until", required=True, help="Last day of the link (YYYY-MM-DD).")
def unlink(subject_name: str, link_type: str, name: str, until: str) -> None:
    """End a link (it still counts for the days it was active)."""
    with service() as svc:
        svc.unlink(subject_name, link_type, name, parse_date_opt(svc, until, "until"))


@click.command()
@click.argument("subject_name", metavar="SUBJECT")
@click.option("--json", "as_json", is_flag=True)
def links(subject_name: str, as_json: bool) -> None:
    """List a subject's linked objects."""
    with service() as svc:
        items = svc.links(subject_name)
        rows = [{"id": ln.id, "link_type": ln.link_type, "name": ln.name,
                 "since": ln.since.isoformat() if ln.since else None,
                 "until": ln.until.isoformat() if ln.until else None} for ln in items]
        if as_json:
            echo_json(rows)
            return
        click.echo(table([word("col.type"), word("col.name"), word("col.since"), word("col.until")],
                         [[r["link_type"], r["name"], r["since"] or "—", r["until"] or "—"] for r in rows]))


def subject_record(svc, subj) -> dict:
    """A subject as `subject list --json` shows it (implied roles included)."""
    return {"id": subj.id, "name": subj.name, "roles": list(svc.roles_of(subj)),
            "since": subj.since.isoformat() if subj.since else None,
            "updated_at": subj.updated_at}
