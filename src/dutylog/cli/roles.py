"""`roles`: the roles of the policy in use, each with the roles it implies (closed over)."""

from __future__ import annotations

import click

from .common import echo_json, lang, service


def register(cli: click.Group) -> None:
    cli.add_command(roles)


@click.command()
@click.option("--json", "as_json", is_flag=True)
def roles(as_json: bool) -> None:
    """The roles `subject add --role` accepts, and the roles each one implies."""
    with service() as svc:
        policy = svc.policy
        records = [{"id": r.id, "name": r.name.zh, "name_en": r.name.en, "short": r.word("zh"),
                    "short_en": r.word("en"),
                    "implies": [x for x in policy.expand_roles([r.id]) if x != r.id]}
                   for r in policy.roles]
    if as_json:
        echo_json(records)
        return
    from dutylog.textcells import pad, width

    key = "name_en" if lang() == "en" else "name"
    id_w = max((width(r["id"]) for r in records), default=0)
    name_w = max((width(r[key]) for r in records), default=0)
    for r in records:
        line = f"{pad(r['id'], id_w)}  {pad(r[key], name_w)}"
        if r["implies"]:
            line += f"  → {', '.join(r['implies'])}"
        click.echo(line.rstrip())
