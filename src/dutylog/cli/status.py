"""`status`: progress of every rule for one subject-year, as JSON or a table for a person."""

from __future__ import annotations

import click

from dutylog.fmt import num
from dutylog.fmt import target_text as _target_text
from dutylog.i18n import t

from .common import echo_json, lang, parse_date_opt, service


def register(cli: click.Group) -> None:
    cli.add_command(status)


@click.command()
@click.option("--subject", "subject_name", required=True)
@click.option("--year")
@click.option("--as-of", "as_of")
@click.option("--confirmed-only", is_flag=True, help="Leave out entries still awaiting the subject's confirmation.")
@click.option("--json", "as_json", is_flag=True)
def status(subject_name, year, as_of, confirmed_only, as_json) -> None:
    """Progress of every rule that applies to the subject's roles."""
    with service() as svc:
        report = svc.status(subject_name, year, parse_date_opt(svc, as_of, "as-of"),
                            include_pending=not confirmed_only)
        if as_json:
            echo_json(report)
            return
        click.echo(render_status(report, lang()))


def target_text(target: dict, unit: str, lg: str) -> str:
    return _target_text(target["min"], target["max"], unit, lg)


STATUS_MARK = {"met": "✔", "on_track": "·", "behind": "!", "missed": "✘", "over": "▲", "none": " "}


def render_status(report: dict, lg: str) -> str:
    from dutylog.textcells import bar, table

    head = (f"{report['subject']}  {report['year']} {t('msg.year', lg)}  "
            f"{t('msg.as_of', lg)} {report['as_of']}  ({report['policy']})")
    rows = []
    for r in report["rules"]:
        unit = r["unit"]
        title = r["title"] if lg == "zh" else r.get("title_en", r["title"])
        tmin = r["target"]["min"]
        if r["period"] == "year":
            actual = r["actual"]
            frac = None if not tmin or actual is None else actual / tmin
            shown = f"{num(actual, unit)} / {target_text(r['target'], unit, lg)}"
        else:  # shorter periods: how many of the year's periods are met
            done = sum(1 for p in r["periods"] if p["status"] in ("met", "over"))
            frac = done / len(r["periods"])
            shown = f"{done}/{len(r['periods'])} {t('period.' + r['period'], lg)}"
        expected = "" if r["expected"] is None else num(r["expected"], unit)
        word = f"{STATUS_MARK.get(r['status'], ' ')} {t('status.' + r['status'], lg)}"
        rows.append([f"{title}", bar(frac, 16), shown, expected, word])
    body = table([t("col.rule", lg), t("col.progress", lg), t("col.actual", lg), t("col.expected", lg),
                  t("col.status", lg)], rows, aligns=["left", "left", "right", "right", "left"])
    return head + "\n" + body
