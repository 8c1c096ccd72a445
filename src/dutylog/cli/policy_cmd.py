"""`policy export|use|show`: targets are data; a user edits a copy."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_json, lang, refuse, service, word


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
        refuse(code="out.exists", field="out", path=out)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        refuse(code="out.unwritable", field="out", path=out, reason=exc.strerror or exc)
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
    """Rules and targets of the policy in use, and its vocabulary: roles, link, patrol
    and ledger types."""
    with service() as svc:
        p = svc.policy
        rows = [{"id": r.id, "clause": r.clause, "roles": list(r.roles), "period": r.period,
                 "target": r.target.as_dict(), "title": r.title.zh} for r in p.rules]
        words = {"roles": [_term(x) for x in p.roles],
                 "link_types": [_term(x) for x in p.link_types],
                 "patrol_types": [_term(x) for x in p.patrol_types],
                 "ledger_types": [{**_term(x), "due_workdays": x.due_workdays,
                                   "due_required": x.due_required, "rule": x.rule or None}
                                  for x in p.ledger_types]}
        if as_json:
            echo_json({"id": p.id, "source": p.source, **words, "rules": rows})
            return
        click.echo(f"{p.id} ({p.source})")
        sep, comma = ("：", "、") if lang() == "zh" else (": ", ", ")
        for key in ("roles", "link_types", "patrol_types", "ledger_types"):
            click.echo(f"  {word('cli.vocab.' + key)}{sep}{comma.join(_vocab_item(x) for x in words[key])}")
        for r in rows:
            click.echo(f"  {r['id']:<26} §{r['clause']:<3} {r['period']:<9} {r['target']}  {r['title']}")


def _term(x) -> dict:
    return {"id": x.id, "name": x.name.zh, "name_en": x.name.en}


def _vocab_item(x: dict) -> str:
    if x.get("due_workdays"):
        return f"{x['id']} ({word('cli.vocab.workdays', n=x['due_workdays'])})"
    if x.get("due_required"):
        return f"{x['id']} (--due)"
    return x["id"]
