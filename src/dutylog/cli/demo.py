"""`dutylog demo`: the app on a realistic sample year, in a temporary data folder."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

import click

from .common import parse_date_opt


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
    from dutylog.services import Dutylog
    from dutylog.services.demo import fill_demo

    home = Path(tempfile.mkdtemp(prefix="dutylog-demo-"))
    _exit_on_hangup()  # a closed terminal still runs the `finally` below
    try:
        with Dutylog.open(home=home) as svc:
            if today_text:
                svc.today = parse_date_opt(svc, today_text, "today")
            fill_demo(svc)
            today = svc.today
        from dutylog.i18n import default_lang
        from dutylog.services import Dutylog as _D
        from dutylog.tui.app import make_app

        with _D.open(home=home, today=today) as svc:
            make_app(svc, today=today, lang=default_lang(), demo=True).run()
    finally:
        if keep:
            click.echo(f"demo data kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
