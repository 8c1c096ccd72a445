"""`leave request|back|list`: trips out of the city and 销假 (clause 3)."""

from __future__ import annotations

import click

from .common import echo_records, iso, parse_date_opt, service, word


def register(cli: click.Group) -> None:
    cli.add_command(leave)


@click.group()
def leave() -> None:
    """Leave requests (请假) and returns (销假)."""


@leave.command("request")
@click.option("--subject", "subject_name", required=True)
@click.option("--requested", required=True, help="The day the written request was made.")
@click.option("--depart", required=True)
@click.option("--return", "return_date", required=True)
@click.option("--emergency", is_flag=True, help="An emergency, reported when leaving.")
@click.option("--destination")
def request(subject_name, requested, depart, return_date, emergency, destination) -> None:
    """Record a trip out of the city; prints its id."""
    with service() as svc:
        trip = svc.leave_request(subject_name, svc.date(requested, "requested"),
                                 svc.date(depart, "depart"), svc.date(return_date, "return"),
                                 emergency=emergency, destination=destination)
        click.echo(trip.id)


@leave.command("back")
@click.argument("trip_id", metavar="ID")
@click.option("--date", "when", required=True)
def back(trip_id, when) -> None:
    """Record the 销假 of a trip."""
    with service() as svc:
        trip = svc.leave_back(trip_id, svc.date(when, "date", allow_future=False))
        click.echo(trip.id)


@leave.command("list")
@click.option("--subject", "subject_name")
@click.option("--as-of", "as_of")
@click.option("--json", "as_json", is_flag=True)
def list_(subject_name, as_of, as_json) -> None:
    """Trips with their notice days, compliance and open flag."""
    with service() as svc:
        trips = svc.leave_list(subject_name, parse_date_opt(svc, as_of, "as-of"))
        yes, no = word('cli.yes'), word('cli.no')
        echo_records(
            [t.as_dict() for t in trips] if as_json else trips, as_json, word('cli.no_trips'),
            [word('col.id'), word('col.subject'), word('leave.dest'), word('cli.requested'),
             word('leave.depart'), word('leave.return'), word('leave.back'), word('leave.notice'),
             word('cli.emergency'), word('leave.compliant'), word('cli.open')],
            lambda t: [t.id[:8], t.subject, t.destination or "", t.requested.isoformat(),
                       t.depart.isoformat(), t.return_date.isoformat(), iso(t.back), str(t.notice_days),
                       word('leave.emergency') if t.emergency else "",
                       yes if t.compliant else no, word('cli.open_') if t.open else ""],
            max_widths=[0, 12, 16, 0, 0, 0, 0, 0, 0, 0, 0])
