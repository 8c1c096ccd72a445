"""The command line of CONTRACT.md. Thin: parse, call a service, print.

`dutylog` with no arguments opens the Textual app; nothing else imports Textual, so the
other commands start fast. Every refusal is one line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from dutylog import __version__

from .common import current_words, run_guarded

# Command name -> the module that defines it. Modules are imported only when their
# command runs, so `dutylog status` does not pay for `report` or `backup` (issue 2: speed).
COMMANDS = {
    "subject": "subjects", "link": "subjects", "unlink": "subjects", "links": "subjects",
    "log": "entries", "entries": "entries", "edit": "entries", "delete": "entries",
    "undelete": "entries", "history": "entries", "confirm": "entries",
    "status": "status", "export": "bundles", "import": "bundles", "policy": "policy_cmd",
    "report": "report", "backup": "backup", "ledger": "ledger", "courts": "ledger",
    "patrols": "ledger", "leave": "leave", "workday": "workdays", "holidays": "workdays",
    "demo": "demo", "roles": "roles", "import-table": "table_import",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            load_module(COMMANDS[name]).register(self)
        command = self.commands.get(name)
        if command is not None:
            from .speech import word_command

            word_command(command, current_words().lang)  # its help in the run's language
        return command


def load_module(module: str):
    return importlib.import_module(f"{__name__}.{module}")


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dutylog", message="%(prog)s %(version)s")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the interface (default: DUTYLOG_LANG, else the saved setting, else zh).")
@click.option("--ascii", "ascii_glyphs", is_flag=True, default=False,
              help="Draw bars and marks with ASCII (also DUTYLOG_ASCII=1; automatic on the old Windows console).")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, ascii_glyphs: bool) -> None:
    """dutylog — 履职记录：海政发〔2022〕17号 duties, logged and tracked offline."""
    # the language was chosen before parsing (common.lang_of): the run's catalog is ctx.obj
    if ascii_glyphs:
        os.environ["DUTYLOG_ASCII"] = "1"
    if ctx.invoked_subcommand is None:
        from dutylog.tui.launch import launch  # Textual is imported only here

        launch(lang=current_words().lang)


def main(argv: list[str] | None = None) -> None:
    from dutylog.console import prepare_streams

    prepare_streams()  # UTF-8 when redirected; never a UnicodeEncodeError on a GBK console
    sys.exit(run_guarded(cli, argv))
