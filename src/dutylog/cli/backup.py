"""`backup create|list|restore`: consistent copies of the database (CONTRACT "Records people hand in").

`list` and `restore` never open the database, so they work when it is damaged.
"""

from __future__ import annotations

import click

from .common import echo_json, service, word


def _w(key: str, **fmt):
    """The catalog's word backup.KEY in the run's language."""
    return word(f"backup.{key}", **fmt)


def register(cli: click.Group) -> None:
    cli.add_command(backup)


def _folder():
    """The data folder's backups, without opening the database (it may be damaged)."""
    from dutylog.services.backups import BackupFolder

    return BackupFolder()


@click.group()
def backup() -> None:
    """Copies of the database in the data folder's backups/ (one is taken automatically each day)."""


@backup.command("create")
@click.option("--encrypt", is_flag=True, help="Seal the copy with a passphrase (for a laptop that may be lost).")
@click.option("--passphrase-file", type=click.Path(dir_okay=False), help="Read the passphrase (or the office's key file) from FILE.")
def backup_create(encrypt: bool, passphrase_file: str | None) -> None:
    """Take a consistent copy of the database now."""
    from .bundles import passphrase

    secret = passphrase(passphrase_file, confirm=True) if encrypt or passphrase_file else None
    with service() as svc:
        path = svc.backup_now(secret)
    click.echo(str(path))


@backup.command("list")
@click.option("--json", "as_json", is_flag=True)
def backup_list(as_json: bool) -> None:
    """Backups, oldest first."""
    folder = _folder()
    items, checked = folder.backups(), folder.checked()
    if as_json:
        echo_json([{"file": str(b.path), "name": b.name, "taken": b.label, "size": b.size,
                    "replaced": b.replaced, "checked": checked.get(b.name)} for b in items])
        return
    if not items:
        click.echo(_w("none"))
        click.echo(_w("rule", **folder.rule()))
        return
    from .common import table

    def mark(b) -> str:
        if b.replaced:
            return _w("replaced")
        return {True: _w("checked"), False: _w("damaged")}.get(checked.get(b.name), "")

    rows = [[b.label, f"{b.size / 1024:.0f} KB", mark(b), str(b.path)] for b in items]
    click.echo(table([_w("col.taken"), _w("col.size"), "", _w("col.file")], rows,
                     aligns=["left", "right", "left", "left"]))
    click.echo(_w("rule", **folder.rule()))


@backup.command("restore")
@click.argument("file")
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@click.option("--passphrase-file", type=click.Path(dir_okay=False), help="The passphrase of a sealed backup, from FILE.")
def backup_restore(file: str, yes: bool, passphrase_file: str | None) -> None:
    """Replace the database by the backup FILE (the replaced file is kept in backups/)."""
    from .bundles import passphrase

    folder = _folder()
    plain = None
    if folder.is_sealed(file):  # a sealed backup: asks for its passphrase
        plain = folder.open_sealed(file, passphrase(passphrase_file))
    try:
        plan = folder.plan_restore(str(plain or file))  # checked, refused while in use
        if plan.replaces and not yes:
            click.confirm(_w("ask", db=plan.database, src=file), abort=True, err=True)
        kept = folder.restore(plan)
    finally:
        if plain is not None:
            plain.unlink(missing_ok=True)
    click.echo(_w("restored", src=file))
    if kept is not None:
        click.echo(_w("kept", kept=kept))
