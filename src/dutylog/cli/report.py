"""`report --subject NAME --year YYYY --format md|csv|ics|docx|xlsx --out PATH` (CONTRACT "Records people hand in")."""

from __future__ import annotations

from pathlib import Path

import click

from .common import lang, service


def register(cli: click.Group) -> None:
    cli.add_command(report)


@click.command()
@click.option("--subject", "subject_name", required=True, help="Whose year it is.")
@click.option("--year", help="YYYY; default: the current year.")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "ics", "docx", "xlsx"]), default="md",
              show_default=True,
              help="md: 述职 material; docx: the same as a Word document; csv: entries for Excel; "
                   "xlsx: an Excel workbook of entries, ledgers and the status table; "
                   "ics: sessions, due dates and trips.")
@click.option("--out", required=True, help="File to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.option("--include-sensitive", is_flag=True, help="Also include entries marked sensitive.")
def report(subject_name, year, fmt, out, include_sensitive, force) -> None:
    """Write the year's report for SUBJECT."""
    from dutylog.services.reports import write_report

    with service() as svc:
        path = write_report(svc, Path(out), subject_name, year, fmt, lang(), include_sensitive,
                            force)
    click.echo(str(path))
