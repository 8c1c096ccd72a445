"""`policy export|use|show`: targets are data; a user edits a copy."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_json, refuse, service


def register(cli: click.Group) -> None:
    cli.add_command(policy)


@click.group()
def policy() -> None:
    """The policy preset (rules and targets) in use."""


@policy.command("export")
@click.argument("path")
def policy_export(path: str) -> None:
    """Write the policy in use as TOML to PATH, to edit a copy."""
    from dutylog.policy import builtin_text

    with service() as svc:
        source = svc.policy.source
        text = builtin_text() if source == "builtin" else Path(source).read_text(encoding="utf-8")
    out = Path(path)
    if out.exists():
        refuse(f"{out} already exists; choose a new file name")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        refuse(f"{out}: cannot write ({exc.strerror or exc})")
    click.echo(str(out))


@policy.command("use")
@click.argument("path")
def policy_use(path: str) -> None:
    """Use your own copy of the policy (`builtin` goes back to the preset)."""
    with service() as svc:
        p = svc.use_policy(None if path in ("builtin", "default") else path)
        click.echo(f"{p.id}: {len(p.rules)} rules from {p.source}")


@policy.command("show")
@click.option("--json", "as_json", is_flag=True)
def policy_show(as_json: bool) -> None:
    """Rules and targets of the policy in use."""
    with service() as svc:
        p = svc.policy
        rows = [{"id": r.id, "clause": r.clause, "roles": list(r.roles), "period": r.period,
                 "target": r.target.as_dict(), "title": r.title.zh} for r in p.rules]
        if as_json:
            echo_json({"id": p.id, "source": p.source, "rules": rows})
            return
        click.echo(f"{p.id} ({p.source})")
        for r in rows:
            click.echo(f"  {r['id']:<26} §{r['clause']:<3} {r['period']:<9} {r['target']}  {r['title']}")
