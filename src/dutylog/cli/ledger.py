"""`ledger add|progress|close|list|show`, `courts` and `patrols`: clauses 9, 12, 14, 19, 20, 26."""

from __future__ import annotations

import click

from dutylog.domain.dates import parse_year

from .common import current_words, echo_json, echo_records, echo_text, iso, lang, parse_date_opt, service, table, word


def colour_word(colour: str | None) -> str:
    """A ledger colour's word (cli.colour.*), else the code as it is."""
    key = f"cli.colour.{colour}"
    return word(key) if key in current_words() else (colour or "")


def term_word(term, code: str | None) -> str:
    """The policy's word for a ledger or patrol type; an id it does not name as it is."""
    return term.word(lang()) if term is not None else (code or "")


def due_text(item) -> str:
    """The due day of a `LedgerRecord`, marked when it is the policy's estimate."""
    return (item.due.isoformat() if item.due else "—") + (word('cli.est') if item.due_estimated else "")


def register(cli: click.Group) -> None:
    cli.add_command(ledger)
    cli.add_command(courts)
    cli.add_command(patrols)


@click.group()
def ledger() -> None:
    """Tracked items with a deadline (台账: the policy's ledger types, see policy show)."""


@ledger.command("add")
@click.argument("ledger_type", metavar="TYPE")
@click.option("--subject", "subject_name", required=True)
@click.option("--opened", required=True, help="The day the item arrived (YYYY-MM-DD, today …).")
@click.option("--title")
@click.option("--due", help="Due day; default: the working days after --opened that the policy "
                            "sets for TYPE (policy show); required for a type without them.")
@click.option("--note")
def add(ledger_type, subject_name, opened, title, due, note) -> None:
    """Open a tracked item of TYPE, a ledger type of the policy (policy show); prints its id."""
    with service() as svc:
        item = svc.ledger_add(ledger_type, subject_name,
                              svc.date(opened, "opened", allow_future=False), title=title,
                              due=parse_date_opt(svc, due, "due"), note=note)
        click.echo(item.id)


@ledger.command("progress")
@click.argument("item_id", metavar="ID")
@click.option("--date", "when", required=True)
@click.option("--note", required=True)
def progress(item_id, when, note) -> None:
    """Add a progress report (定期报告进展) to an item."""
    with service() as svc:
        report = svc.ledger_progress(item_id, svc.date(when, "date", allow_future=False), note)
        click.echo(report.id)


@ledger.command("close")
@click.argument("item_id", metavar="ID")
@click.option("--date", "when", required=True)
def close(item_id, when) -> None:
    """Close an item (办结)."""
    with service() as svc:
        item = svc.ledger_close(item_id, svc.date(when, "date", allow_future=False))
        click.echo(item.id)


@ledger.command("list")
@click.option("--subject", "subject_name")
@click.option("--open", "open_only", is_flag=True, help="Only items not yet closed.")
@click.option("--as-of", "as_of")
@click.option("--json", "as_json", is_flag=True)
def list_(subject_name, open_only, as_of, as_json) -> None:
    """Items, most urgent first (red, yellow, blue, closed)."""
    with service() as svc:
        items = svc.ledger_list(subject_name, open_only, parse_date_opt(svc, as_of, "as-of"))
        echo_records(
            [i.as_dict() for i in items] if as_json else items, as_json, word('cli.no_ledger_items'),
            [word('col.id'), word('ledger.colour'), word('col.type'), word('col.title'),
             word('ledger.opened'), word('ledger.due'), word('ledger.closed'), word('cli.late'),
             word('col.subject')],
            lambda r: [r.id[:8], colour_word(r.color),
                       term_word(svc.policy.ledger_type(r.type), r.type),
                       r.title or "", r.opened.isoformat(), due_text(r), iso(r.closed),
                       word('ledger.late') if r.late else "", r.subject],
            max_widths=[0, 0, 0, 30, 0, 0, 0, 0, 12])


@ledger.command("show")
@click.argument("item_id", metavar="ID")
@click.option("--as-of", "as_of")
@click.option("--json", "as_json", is_flag=True)
def show(item_id, as_of, as_json) -> None:
    """One item with its history of progress reports."""
    with service() as svc:
        record = svc.ledger_detail(item_id, parse_date_opt(svc, as_of, "as-of"))
        if as_json:
            echo_json(record.as_dict())
            return
        due = due_text(record)
        kind = term_word(svc.policy.ledger_type(record.type), record.type)
        echo_text(f"{record.id}  {kind}  {record.title or ''}")
        click.echo(f"{word('ledger.colour')}: {colour_word(record.color)}  "
                   f"{word('ledger.opened')}: {record.opened}  {word('ledger.due')}: {due}  "
                   f"{word('ledger.closed')}: {iso(record.closed) or '—'}")
        for p in record.progress:
            echo_text(f"  {p.date}  {p.note or ''}")


@click.command()
@click.option("--subject", "subject_name", required=True)
@click.option("--year")
@click.option("--json", "as_json", is_flag=True)
def courts(subject_name, year, as_json) -> None:
    """Court cases of a year (clause 26): appeared yes/no and the appearance rate."""
    with service() as svc:
        report = svc.courts(subject_name, parse_year(year) if year else None)
        if as_json:
            echo_json(report.as_dict())
            return
        yes, no, unknown = word('history.field.appeared'), word('cli.did_not_appear'), word('casebook.unknown')
        rows = [[c.id[:8], c.date.isoformat(), c.title or "",
                 unknown if c.appeared is None else (yes if c.appeared else no)]
                for c in report.cases]
        click.echo(table([word('col.id'), word('col.date'), word('casebook.case'),
                          word('casebook.appeared')], rows, max_widths=[0, 0, 36, 0]))
        rate = "—" if report.rate is None else f"{report.rate * 100:.0f}%"
        click.echo(f"{report.year} {word('cli.appearance_rate')}: {rate} "
                   f"({report.appeared}/{report.decided})")


@click.command()
@click.option("--subject", "subject_name", required=True)
@click.option("--year")
@click.option("--target", type=float, help="Set the yearly patrol target (0 removes it).")
@click.option("--json", "as_json", is_flag=True)
def patrols(subject_name, year, target, as_json) -> None:
    """Patrols (clause 20) by type, per month and for the year."""
    with service() as svc:
        if target is not None:
            svc.set_patrol_target(target or None)
        report = svc.patrols(subject_name, parse_year(year) if year else None)
        if as_json:
            echo_json(report.as_dict())
            return
        kinds = [*svc.policy.patrol_type_ids, *(["unspecified"] if report.by_type["unspecified"] else [])]
        heads = [word('cli.unspecified') if k == "unspecified" else term_word(svc.policy.patrol_type(k), k)
                 for k in kinds]
        rows = [[str(m.month), *[str(m.by_type[k]) for k in kinds], str(m.total)]
                for m in report.months]
        rows.append([word('casebook.year'), *[str(report.by_type[k]) for k in kinds],
                     str(report.total)])
        click.echo(table([word('casebook.month'), *heads,
                          word('casebook.total')], rows, aligns=["left"] + ["right"] * (len(kinds) + 1)))
        goal = "—" if report.target is None else f"{report.target:g}"
        click.echo(f"{word('casebook.target')}: {goal}")
