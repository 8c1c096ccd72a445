"""`export` and `import` of merge bundles (CONTRACT "Merge bundles")."""

from __future__ import annotations

from pathlib import Path

import click

from .common import parse_date_opt, service


def register(cli: click.Group) -> None:
    cli.add_command(export)
    cli.add_command(import_)


@click.command()
@click.argument("path")
@click.option("--subject", "subject_name")
@click.option("--since", help="Only records changed on or after this date.")
@click.option("--to", "destination", help="Only what changed since the last export to this destination.")
@click.option("--include-sensitive", is_flag=True, help="Also export entries marked sensitive.")
def export(path, subject_name, since, destination, include_sensitive) -> None:
    """Write a merge bundle to PATH."""
    with service() as svc:
        n = svc.export(Path(path), subject=subject_name, since=parse_date_opt(svc, since, "since"),
                       to=destination, include_sensitive=include_sensitive)
        click.echo(f"{n} records written to {path}")


@click.command("import")
@click.argument("path")
def import_(path) -> None:
    """Merge a bundle; importing the same bundle twice changes nothing."""
    from .progress import ImportProgress, summary_lines

    bar = ImportProgress()
    bar.start(Path(path))
    with service() as svc:
        try:
            summary = svc.import_bundle(Path(path), progress=bar)
        finally:
            bar.close()
        click.echo("\n".join(summary_lines(summary)))
