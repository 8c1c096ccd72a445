"""`workday DATE N` and `holidays set|list|import`: China's working days, 调休 included."""

from __future__ import annotations

from pathlib import Path

import click

from dutylog.domain.dates import parse_year

from .common import echo_json, echo_text, service, table, word


def register(cli: click.Group) -> None:
    cli.add_command(workday)
    cli.add_command(holidays)


@click.command()
@click.argument("start", metavar="DATE")
@click.argument("n", metavar="N", type=click.IntRange(min=0))
@click.option("--json", "as_json", is_flag=True)
def workday(start, n, as_json) -> None:
    """The N-th working day after DATE (DATE excluded)."""
    with service() as svc:
        result = svc.workday(svc.date(start, "date"), n)
        if as_json:
            echo_json(result.as_dict())
            return
        click.echo(result.date.isoformat() + (word('cli.estimated') if result.estimated else ""))


@click.group()
def holidays() -> None:
    """Your own entries from a year's official holiday notice (they win over the built-in calendar)."""


@holidays.command("set")
@click.argument("day", metavar="DATE")
@click.argument("kind", metavar="holiday|workday")
@click.option("--name", help="e.g. 春节")
def set_(day, kind, name) -> None:
    """Mark one day a holiday or a (make-up) workday."""
    with service() as svc:
        entry = svc.holidays_set(svc.date(day, "date"), kind, name)
        echo_text(f"{entry.date} {entry.kind}" + (f" {entry.name}" if entry.name else ""))


@holidays.command("list")
@click.argument("year", metavar="YEAR")
@click.option("--json", "as_json", is_flag=True)
def list_(year, as_json) -> None:
    """Your entries for a year."""
    with service() as svc:
        y = parse_year(year)
        entries = svc.holidays_list(y)
        if as_json:
            echo_json([e.as_dict() for e in entries])
            return
        if not svc.calendar().is_covered(y):
            click.echo(word("cli.not_covered", y=y))
        if not entries:
            click.echo(word('cli.no_entries_of_your'))
            return
        names = {"holiday": word('cli.holiday'), "workday": word('cli.workday')}
        click.echo(table([word('col.date'), word('cli.kind'), word('col.name')],
                         [[e.date.isoformat(), names[e.kind], e.name or ""] for e in entries]))


@holidays.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def import_(path) -> None:
    """Import a holiday notice file: lines `DATE[..DATE] holiday|workday [NAME]`
    (`dutylog holidays template` prints a documented example)."""
    with service() as svc:
        changed = svc.holidays_import(path)
        click.echo(word("cli.days_entered", n=changed))


@holidays.command("template")
def template() -> None:
    """Print a documented holiday file to fill in for `holidays import`."""
    from dutylog.policy import holidays_template_text

    click.echo(holidays_template_text(), nl=False)
