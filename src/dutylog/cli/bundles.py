"""`export` and `import` of merge bundles (CONTRACT "Merge bundles")."""

from __future__ import annotations

from pathlib import Path

import click

from .common import Finished, current_words, lang, parse_date_opt, service, word


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
        click.echo(word("cli.exported_sealed" if secret else "cli.exported", n=n, path=path))


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--passphrase-file", type=click.Path(dir_okay=False), help="The passphrase of a sealed bundle, from FILE.")
@click.option("--json", "as_json", is_flag=True, help="The summary as JSON (per source and the total).")
def import_(paths, passphrase_file, as_json) -> None:
    """Merge bundles (files, or folders of .jsonl bundles); each bundle in its own
    transaction; importing the same bundle twice changes nothing. Exit 2 when any bundle
    was refused (the others are merged)."""
    from dutylog.sealing import is_sealed
    from dutylog.services.merge_day import bundle_paths

    files = bundle_paths(paths)
    if len(files) == 1 and not Path(paths[0]).is_dir() and not as_json:
        _import_one(files[0], passphrase_file)
        return
    asked: list[bytes] = []

    def secret(path: Path) -> bytes | None:  # asked once, for the first sealed bundle
        if not (passphrase_file or is_sealed(path)):
            return None
        if not asked:
            asked.append(passphrase(passphrase_file))
        return asked[0]

    _import_many(files, secret, as_json)


def _import_one(path: Path, passphrase_file) -> None:
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


def _import_many(files: list[Path], secret, as_json: bool) -> None:
    from dutylog.services.merge_day import merge_all, summary_table

    from .common import echo_json
    from .progress import MergeProgressBar

    bar = MergeProgressBar(files)
    with service() as svc:
        try:
            day = merge_all(svc, files, progress=bar, passphrase=secret)
        finally:
            bar.close()
    if as_json:
        echo_json({"sources": [r.as_json() for r in day.results], "total": day.total()})
    else:
        click.echo(summary_table(day, lang()))
    said = current_words().refusal
    for r in day.refused:
        reason = said(r.error) if r.error is not None else r.reason
        where = "" if str(r.path) in reason else f"{r.path}: "
        click.echo(word("cli.source_refused", where=where, reason=reason), err=True)
    if day.exit_code:
        raise Finished(day.exit_code)


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
