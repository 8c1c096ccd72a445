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
@click.option("--encrypt", is_flag=True, help="Seal the bundle with a passphrase (for a USB stick that may be lost).")
@click.option("--passphrase-file", type=click.Path(dir_okay=False), help="Read the passphrase (or the office's key file) from FILE.")
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def export(path, subject_name, since, destination, include_sensitive, encrypt, passphrase_file,
           force) -> None:
    """Write a merge bundle to PATH."""
    with service() as svc:
        secret = passphrase(passphrase_file, confirm=True) if encrypt or passphrase_file else None
        n = svc.export(Path(path), subject=subject_name, since=parse_date_opt(svc, since, "since"),
                       to=destination, include_sensitive=include_sensitive, passphrase=secret,
                       force=force)
        click.echo(f"{n} records written to {path}" + (" (sealed)" if secret else ""))


@click.command("import")
@click.argument("path")
@click.option("--passphrase-file", type=click.Path(dir_okay=False), help="The passphrase of a sealed bundle, from FILE.")
def import_(path, passphrase_file) -> None:
    """Merge a bundle; importing the same bundle twice changes nothing."""
    from dutylog.console import check_input_file
    from dutylog.sealing import is_sealed

    from .progress import ImportProgress, summary_lines

    check_input_file(path)  # a FIFO or /dev/zero: refused before anything reads it
    secret = passphrase(passphrase_file) if passphrase_file or is_sealed(path) else None
    bar = ImportProgress()
    bar.start(Path(path))
    with service() as svc:
        try:
            summary = svc.import_bundle(Path(path), progress=bar, passphrase=secret)
        finally:
            bar.close()
        click.echo("\n".join(summary_lines(summary)))


def passphrase(path: str | None, confirm: bool = False) -> bytes:
    """From --passphrase-file, else typed at the terminal (asked twice when sealing)."""
    import sys

    from dutylog.domain.errors import InvalidInput
    from dutylog.sealing import SealError, passphrase_bytes, read_passphrase_file

    try:
        if path:
            return read_passphrase_file(path)
        if not sys.stdin.isatty():
            raise InvalidInput(code="passphrase.no_terminal", field="passphrase")
        return passphrase_bytes(click.prompt("口令 passphrase", hide_input=True, confirmation_prompt=confirm))
    except SealError as exc:
        raise InvalidInput(code="passphrase.refused", field="passphrase", reason=exc) from None
    except OSError as exc:
        raise InvalidInput(code="passphrase.unreadable", field="passphrase", path=path, reason=exc.strerror or exc) from None
