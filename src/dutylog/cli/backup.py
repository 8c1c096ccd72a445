"""`backup create|list|restore`: consistent copies of the database (CONTRACT "Records people hand in").

`list` and `restore` never open the database, so they work when it is damaged.
"""

from __future__ import annotations

import click

from .common import echo_json, lang, service

WORDS = {
    "none": ("没有备份。现在备份：dutylog backup create", "No backups yet. Take one now: dutylog backup create"),
    "cols": (("时间", "大小", "", "文件"), ("taken", "size", "", "file")),
    "checked": ("已检查", "checked"), "damaged": ("检查未通过", "failed the check"),
    "rule": ("保留规则：最近 {daily} 天每天最新一份、最近 {weekly} 周每周最新一份，以及最近一份通过检查的备份；"
             "总大小不超过数据库的 {factor} 倍（至少 {floor_mib} MiB），超出时先删最旧的。每天的备份在命令结束后于后台进行并检查。",
             "Kept: the newest copy of each of the last {daily} days and of each of the last {weekly} weeks, "
             "and the newest copy that passed the check; in all at most {factor}× the database (at least "
             "{floor_mib} MiB), the oldest going first. The day's copy is taken and checked in the background "
             "after a command."),
    "replaced": ("恢复时替换下的文件", "replaced by a restore"),
    "ask": ("用 {src} 替换 {db}？当前文件会保留在 backups/ 中。", "Replace {db} by {src}? The current file is kept in backups/."),
    "restored": ("已恢复 {src}", "restored {src}"),
    "kept": ("替换下的数据库保留为 {kept}", "the replaced database is kept as {kept}"),
}


def _w(key: str, **fmt):
    zh, en = WORDS[key]
    text = en if lang() == "en" else zh
    return text.format(**fmt) if isinstance(text, str) else text


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
def backup_create() -> None:
    """Take a consistent copy of the database now."""
    with service() as svc:
        path = svc.backup_now()
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
    from dutylog.textcells import table

    def mark(b) -> str:
        if b.replaced:
            return _w("replaced")
        return {True: _w("checked"), False: _w("damaged")}.get(checked.get(b.name), "")

    rows = [[b.label, f"{b.size / 1024:.0f} KB", mark(b), str(b.path)] for b in items]
    click.echo(table(list(_w("cols")), rows, aligns=["left", "right", "left", "left"]))
    click.echo(_w("rule", **folder.rule()))


@backup.command("restore")
@click.argument("file")
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def backup_restore(file: str, yes: bool) -> None:
    """Replace the database by the backup FILE (the replaced file is kept in backups/)."""
    folder = _folder()
    plan = folder.plan_restore(file)  # checked, and refused while in use, before asking
    if plan.replaces and not yes:
        click.confirm(_w("ask", db=plan.database, src=plan.source), abort=True, err=True)
    kept = folder.restore(plan)
    click.echo(_w("restored", src=plan.source))
    if kept is not None:
        click.echo(_w("kept", kept=kept))
