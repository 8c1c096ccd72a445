"""`dutylog demo`: the app on a realistic sample year, in a temporary data folder."""

from __future__ import annotations

import signal
import sys

import click

from .common import lang, word


def _exit_on_hangup() -> None:
    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, lambda *_: sys.exit(1))


def register(cli: click.Group) -> None:
    cli.add_command(demo)


@click.command()
@click.option("--today", "today_text", help="Pretend today is this date (YYYY-MM-DD).")
@click.option("--keep", is_flag=True, help="Keep the demo folder afterwards and print its path.")
def demo(today_text: str | None, keep: bool) -> None:
    """Open the app on a sample year for two leaders and a Party-member cadre.

    The data lives in a temporary folder; your own database is never touched.
    """
    from dutylog.domain.dates import parse_date
    from dutylog.services.core import today_from_env
    from dutylog.tui.launch import launch_demo

    today = parse_date(today_text, today_from_env(), "today") if today_text else None
    _exit_on_hangup()  # a closed terminal still runs launch_demo's clean-up
    home = launch_demo(today, keep=keep, lang=lang())
    if keep:
        click.echo(word("cli.demo_kept", home=home))
