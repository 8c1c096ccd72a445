"""`status`: progress of every rule for one subject-year, as JSON or a table for a person."""

from __future__ import annotations

import click

from dutylog.fmt import rule_line
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
        when = parse_date_opt(svc, as_of, "as-of")
        progress = svc.progress(subject_name, year, when, include_pending=not confirmed_only)
        if as_json:
            echo_json(status_json(progress, svc.policy.id))
            return
        click.echo(render_status(progress, svc.policy, lang()))


def status_json(progress, policy_id: str) -> dict:
    """`status --json` (CONTRACT.md): the progress of a subject-year in the contract's shape."""
    return {"subject": progress.subject.name, "roles": list(progress.roles), "year": progress.year,
            "as_of": progress.as_of.isoformat(), "policy": policy_id,
            "rules": [r.as_dict() for r in progress.results]}


def render_status(progress, policy, lg: str) -> str:
    """The status table: one row a rule, in the words of `fmt.rule_line` (the dashboard's)."""
    from dutylog.textcells import bar

    from .common import table

    roles = ("、" if lg == "zh" else ", ").join(
        (policy.role(r).word(lg) if policy.role(r) else r) for r in progress.roles)
    head = (f"{progress.subject.name}  {roles}  {progress.year} {t('msg.year', lg)}  "
            f"{t('msg.as_of', lg)} {progress.as_of.isoformat()}  ({policy.id})")
    rows, notes = [], []
    for r in progress.results:
        line = rule_line(r, policy, progress.as_of, lg)
        rows.append([r.rule.title.get(lg), bar(line.fraction, 16), line.progress, line.expected,
                     f"{line.mark} {line.word}"])
        if line.detail:
            notes.append(f"  {r.rule.title.get(lg)}: {line.detail}")
    body = table([t("col.rule", lg), t("col.progress", lg), t("col.actual", lg), t("col.expected", lg),
                  t("col.status", lg)], rows, aligns=["left", "left", "right", "right", "left"])
    from dutylog.textsafe import shown

    return "\n".join([shown(head), body, *map(shown, notes)])
