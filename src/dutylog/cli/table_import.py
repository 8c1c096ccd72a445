"""`import-table FILE.xlsx|FILE.csv [--subject NAME] [--dry-run | --yes] [--sheet NAME]`: an
office's own 台账 brought in, all or nothing, after a preview (services/table_import.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import words

from .common import lang, service, word

PREVIEW_ROWS = 5


def register(cli: click.Group) -> None:
    cli.add_command(import_table)


def _can_ask() -> bool:
    """Someone is at the terminal to answer the question."""
    return sys.stdin is not None and sys.stdin.isatty()


def _w(key: str, **values) -> str:
    from dutylog.i18n import t

    return t(key, lang(), **values)


def _refuse_rows(plan) -> None:
    """One line per bad row on stderr, then the refusal (exit 2)."""
    sep = "：" if lang() == "zh" else ": "
    for row in plan.bad:
        click.echo(f"dutylog: {_w('ti.row', n=row.number)}{sep}{words(lang()).refusal(row.error)}",
                   err=True)
    raise InvalidInput(_w("ti.refused", file=plan.path.name, total=len(plan.rows), bad=len(plan.bad)),
                       "file")


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _preview(svc, plan) -> None:
    from dutylog.textcells import table

    lg = lang()
    where = plan.path.name
    if plan.sheet:
        where += _w("ti.sheet", sheet=plan.sheet)
    if plan.encoding:
        where += _w("ti.encoding", encoding=plan.encoding)
    head = _w("ti.head", where=where, rows=len(plan.rows))
    if plan.subject and "subject" not in plan.columns:
        head += _w("ti.for", subject=plan.subject)
    click.echo(head)
    sep = "、" if lg == "zh" else ", "
    click.echo(_w("ti.columns", cols=sep.join(plan.columns.values())))
    if plan.ignored:
        click.echo(_w("ti.ignored", cols=sep.join(plan.ignored)))
    shown = [r for r in plan.new if r.req][:PREVIEW_ROWS]
    if shown:
        rows = []
        for r in shown:
            q = r.req
            kind = svc.policy.kind(q.kind)
            text = " · ".join(x for x in (q.title, q.object, q.note) if x)
            rows.append([str(r.number), q.subject, q.date.isoformat(), kind.name.get(lg) if kind else q.kind,
                         _days(q.days), q.place or "", text, q.by or q.subject])
        click.echo(table([word("ti.col.row"), word("ti.col.subject"), word("col.date"), word("col.kind"),
                          word("col.days"), word("col.place"), word("ti.col.text"), word("col.by")],
                         rows, aligns=["right", "left", "left", "left", "right", "left", "left", "left"],
                         max_widths=[0, 12, 0, 20, 0, 16, 40, 12]))
        if len(plan.new) > len(shown):
            click.echo(_w("ti.more", n=len(plan.new) - len(shown)))
    if plan.new:
        counts = svc.tables.kind_counts(plan, lg)
        kinds = ("，" if lg == "zh" else ", ").join(f"{name} {n}" for name, n in counts)
        click.echo(_w("ti.totals", n=len(plan.new), days=_days(plan.new_days), kinds=kinds))
    if plan.present:
        click.echo(_w("ti.present", n=len(plan.present)))


@click.command("import-table")
@click.argument("path", metavar="FILE")
@click.option("--subject", "subject_name",
              help="Whose entries the rows are (needed unless the file has a 姓名/subject column; "
                   "fills its empty cells).")
@click.option("--dry-run", is_flag=True, help="Show the preview and the refusals; change nothing.")
@click.option("--yes", is_flag=True, help="Import without asking (needed when no one is at the terminal).")
@click.option("--sheet", help="The workbook's sheet to read (default: 台账, else the first with a header row).")
def import_table(path, subject_name, dry_run, yes, sheet) -> None:
    """Import the rows of an Excel or CSV 台账 as entries, all or nothing.

    Columns by header (Chinese or English): 日期 类别 天数 标题 地点 人员 备注 对象 记录人 姓名
    (date kind days title place people note object by subject). Importing the same file
    again changes nothing."""
    with service() as svc:
        svc.policy  # noqa: B018  (a broken policy file is reported before anything else)
        tables = svc.tables
        plan = tables.read_plan(Path(path), subject_name, sheet)
        tables.run(plan, write=False)  # every row checked as `log` checks it, nothing kept
        if plan.bad:
            _refuse_rows(plan)
        _preview(svc, plan)
        if not plan.new:
            click.echo(_w("ti.nothing"))
            return
        if dry_run:
            click.echo(_w("ti.dry_run"))
            return
        if not yes:
            if not _can_ask():
                raise InvalidInput(_w("ti.no_tty"))
            if not click.confirm(_w("ti.ask", n=len(plan.new)), default=False):
                click.echo(_w("ti.declined"))
                return
        added = tables.run(plan, write=True)
        if plan.bad:  # refused between the check and the write (another writer): nothing kept
            _refuse_rows(plan)
        click.echo(_w("ti.done", n=added))
