"""`workday DATE N` and `holidays set|list|import`: China's working days, 调休 included."""

from __future__ import annotations

from pathlib import Path

import click

from dutylog.domain.dates import parse_year

from .common import echo_json, echo_text, service, table, tr


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
            echo_json(result)
            return
        click.echo(result["date"] + (tr("（估算）", " (estimated)") if result["estimated"] else ""))


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
        echo_text(f"{entry['date']} {entry['kind']}" + (f" {entry['name']}" if entry["name"] else ""))


@holidays.command("list")
@click.argument("year", metavar="YEAR")
@click.option("--json", "as_json", is_flag=True)
def list_(year, as_json) -> None:
    """Your entries for a year."""
    with service() as svc:
        y = parse_year(year)
        entries = svc.holidays_list(y)
        if as_json:
            echo_json(entries)
            return
        if not svc.calendar().is_covered(y):
            click.echo(tr(f"{y} 年不在内置日历中：未录入的日子按估算（周末和法定节日休息，不含调休）。",
                          f"{y} is not in the built-in calendar: days not entered are estimated "
                          "(weekends and statutory holidays off, no make-up workdays)."))
        if not entries:
            click.echo(tr("没有自行录入的节假日。", "No entries of your own."))
            return
        names = {"holiday": tr("放假", "holiday"), "workday": tr("上班", "workday")}
        click.echo(table([tr("日期", "Date"), tr("类型", "Kind"), tr("名称", "Name")],
                         [[e["date"], names[e["kind"]], e["name"] or ""] for e in entries]))


@holidays.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def import_(path) -> None:
    """Import a holiday notice file: lines `DATE[..DATE] holiday|workday [NAME]`
    (`dutylog holidays template` prints a documented example)."""
    with service() as svc:
        changed = svc.holidays_import(path)
        click.echo(tr(f"已录入 {changed} 天。", f"{changed} days entered."))


@holidays.command("template")
def template() -> None:
    """Print a documented holiday file to fill in for `holidays import`."""
    from dutylog.policy import holidays_template_text

    click.echo(holidays_template_text(), nl=False)
