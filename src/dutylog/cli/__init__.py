"""The command line of CONTRACT.md. Thin: parse, call a service, print.

`dutylog` with no arguments opens the Textual app; nothing else imports Textual, so the
other commands start fast. Every refusal is one line on stderr and exit code 2.
"""

from __future__ import annotations

import os
import sys

import click

from dutylog import __version__

from . import backup, bundles, demo, entries, ledger, leave, policy_cmd, report, status, subjects, workdays
from .common import run_guarded

COMMAND_MODULES = [subjects, entries, status, bundles, policy_cmd, report, backup, ledger, leave, workdays, demo]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dutylog", message="%(prog)s %(version)s")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the interface (default: DUTYLOG_LANG or zh).")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """dutylog — 履职记录：海政发〔2022〕17号 duties, logged and tracked offline."""
    if lang:
        os.environ["DUTYLOG_LANG"] = lang
    if ctx.invoked_subcommand is None:
        from dutylog.tui.launch import launch  # Textual is imported only here

        launch(lang=lang)


for module in COMMAND_MODULES:
    module.register(cli)


def main(argv: list[str] | None = None) -> None:
    sys.exit(run_guarded(cli, argv))
