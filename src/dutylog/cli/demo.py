"""`dutylog demo`: the app on a realistic sample year, in a temporary data folder."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

import click


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
    from dutylog.services import Dutylog, today_from_env
    from dutylog.services.demo import fill_demo

    today = today_from_env()
    if today_text:  # the pretended day, parsed before anything is made with it
        today = parse_date(today_text, today, "today")
    home = Path(tempfile.mkdtemp(prefix="dutylog-demo-"))
    _exit_on_hangup()  # a closed terminal still runs the `finally` below
    try:
        with Dutylog.open(home=home, today=today) as svc:
            fill_demo(svc)
        from dutylog.tui.launch import launch

        launch(home=home, today=today, demo=True)
    finally:
        if keep:
            click.echo(f"demo data kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
