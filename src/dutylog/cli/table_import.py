"""`import-table FILE.xlsx|FILE.csv --subject NAME [--yes] [--sheet NAME]`: an office's own
台账 brought in, all or nothing, after a preview (services.table_import)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dutylog.domain.errors import InvalidInput

from .common import lang, service, tr

PREVIEW_ROWS = 5


def register(cli: click.Group) -> None:
    cli.add_command(import_table)


def _can_ask() -> bool:
    """Someone is at the terminal to answer the question."""
    return sys.stdin is not None and sys.stdin.isatty()


def _row_word(number: int) -> str:
    return tr(f"第 {number} 行", f"row {number}")


def _refuse_rows(plan) -> None:
    for row in plan.bad:
        click.echo(f"dutylog: {_row_word(row.number)}{tr('：', ': ')}{row.error}", err=True)
    n, total = len(plan.bad), len(plan.rows)
    raise InvalidInput(tr(f"{plan.path.name}：{total} 行中有 {n} 行有误，未导入任何记录；改正后再导入",
                          f"{plan.path.name}: {n} of {total} rows refused; nothing was imported. "
                          "Fix them and import again"), "file")


def _preview(svc, plan) -> None:
    from dutylog.services.table_import import kind_counts
    from dutylog.textcells import table

    lg = lang()
    where = plan.path.name + (tr(f"（工作表 {plan.sheet}）", f" (sheet {plan.sheet})") if plan.sheet else "")
    if plan.encoding:
        where += tr(f"（{plan.encoding}）", f" ({plan.encoding})")
    click.echo(tr(f"{where}：{len(plan.rows)} 行，导入到 {plan.subject}",
                  f"{where}: {len(plan.rows)} rows, for {plan.subject}"))
    click.echo(tr("列：", "Columns: ") + "、".join(plan.columns.values()))
    if plan.ignored:
        click.echo(tr("不导入的列：", "Columns left out: ") + "、".join(plan.ignored))
    shown = [r for r in plan.rows if r.req][:PREVIEW_ROWS]
    if shown:
        rows = []
        for r in shown:
            kind = svc.policy.kind(r.req.kind)
            days = "" if r.req.days is None else (f"{r.req.days:g}")
            text = " · ".join(x for x in (r.req.title, r.req.object, r.req.note) if x)
            rows.append([str(r.number), r.req.date.isoformat(), kind.name.get(lg) if kind else r.req.kind,
                         days, r.req.place or "", text, r.req.by or plan.subject])
        click.echo(table([tr("行", "Row"), tr("日期", "Date"), tr("类别", "Kind"), tr("天数", "Days"),
                          tr("地点", "Place"), tr("标题·对象·备注", "Title · object · note"),
                          tr("记录人", "Recorded by")], rows,
                         aligns=["right", "left", "left", "right", "left", "left", "left"],
                         max_widths=[0, 0, 20, 0, 16, 40, 12]))
        if len(plan.rows) > len(shown):
            click.echo(tr(f"……另 {len(plan.rows) - len(shown)} 行", f"… {len(plan.rows) - len(shown)} more rows"))
    counts = kind_counts(svc, plan, lg)
    if counts:
        sep = "，" if lg == "zh" else ", "
        click.echo(tr("按类别：", "By kind: ") + sep.join(f"{name} {n}" for name, n in counts))
    if plan.present:
        click.echo(tr(f"已导入过 {len(plan.present)} 行，这些不再改动",
                      f"{len(plan.present)} rows were imported before and are left as they are"))


@click.command("import-table")
@click.argument("path", metavar="FILE")
@click.option("--subject", "subject_name", required=True, help="Whose entries the rows are.")
@click.option("--yes", is_flag=True, help="Import without asking (needed when no one is at the terminal).")
@click.option("--sheet", help="The workbook's sheet to read (default: 台账, else the first with a header row).")
def import_table(path, subject_name, yes, sheet) -> None:
    """Import the rows of an Excel or CSV 台账 as entries, all or nothing.

    Columns by header (Chinese or English): 日期 类别 天数 标题 地点 人员 备注 对象 记录人
    (date kind days title place people note object by). Importing the same file again
    changes nothing."""
    from dutylog.services.table_import import read_plan, run_import

    with service() as svc:
        svc.policy  # a broken policy file is reported before anything else
        plan = read_plan(svc, Path(path), subject_name, sheet)
        if not yes:
            run_import(svc, plan, write=False)  # every row checked, nothing kept
            if plan.bad:
                _refuse_rows(plan)
        _preview(svc, plan)
        if not plan.new and not plan.bad:
            click.echo(tr("没有新的记录，未作改动", "Nothing new; nothing was changed"))
            return
        if not yes:
            if not _can_ask():
                raise InvalidInput(tr("没有可以确认的终端；核对以上预览后加 --yes 再运行",
                                      "no terminal to ask; check the preview above and run again with --yes"))
            if not click.confirm(tr(f"导入这 {len(plan.new)} 条记录？", f"Import these {len(plan.new)} entries?"),
                                 default=False):
                click.echo(tr("未导入", "Nothing imported"))
                return
        added = run_import(svc, plan, write=True)
        if plan.bad:
            _refuse_rows(plan)
        click.echo(tr(f"已导入 {added} 条记录", f"Imported {added} entries"))
