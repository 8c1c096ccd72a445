"""Shared plumbing of the CLI: the service per command, one-line errors, output helpers."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import date

import click

from dutylog.domain.errors import DataFolderError, DutylogError, InvalidInput, StoreError
from dutylog.i18n import default_lang, t


def lang() -> str:
    return default_lang()


def tr(zh: str, en: str) -> str:
    return en if lang() == "en" else zh


@contextmanager
def service():
    """Open the data folder's database for one command."""
    from dutylog.services import Dutylog

    svc = Dutylog.open()
    try:
        yield svc
    finally:
        svc.close()


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_json_stream(records: Iterable[dict], chunk: int = 500) -> None:
    """A JSON array written as it is made: one record a line, in the C encoder (indented
    JSON forces Python's slow one), in chunks — the same JSON value as `echo_json`, with
    flat memory for the text however long the list (issue 14 §7)."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    first, pending = True, []
    for rec in records:
        pending.append(("[\n  " if first else ",\n  ") + dumps(rec))
        first = False
        if len(pending) >= chunk:
            click.echo("".join(pending), nl=False)
            pending.clear()
    pending.append("[]\n" if first else "\n]\n")
    click.echo("".join(pending), nl=False)


def echo_records(records: list[dict], as_json: bool, empty: str, headers: list[str],
                 row: Callable[[dict], list[str]], **table_options) -> None:
    """The records as JSON; else a table, a `row(record)` each; else, with none, the line `empty`."""
    if as_json:
        echo_json(records)
        return
    if not records:
        click.echo(empty)
        return
    from dutylog.textcells import table

    click.echo(table(headers, [row(r) for r in records], **table_options))


def parse_date_opt(svc, value: str | None, field: str, allow_future: bool = True) -> date | None:
    if value is None:
        return None
    return svc.date(value, field, allow_future)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Finished(Exception):  # noqa: N818 - not an error: the command's own exit code
    """Raised by a command that printed everything it had to say and ends with `code`
    (e.g. `import` of a folder where one bundle was refused: exit 2 after the summary)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_guarded(cli: click.Group, argv: list[str] | None) -> int:
    """Run the click group; turn every failure into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="dutylog", standalone_mode=False)
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except Finished as exc:
        return exc.code
    except click.exceptions.Abort:
        click.echo("dutylog: aborted", err=True)
        return 1
    except click.UsageError as exc:
        hint = ""
        if exc.ctx is not None and exc.ctx.command_path:
            hint = f" (see: {exc.ctx.command_path} --help)"
        click.echo(f"dutylog: {_one_line(exc.format_message())}{hint}", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"dutylog: {_one_line(exc.format_message())}", err=True)
        return 2 if exc.exit_code == 2 else 1
    except InvalidInput as exc:
        click.echo(f"dutylog: {_one_line(str(exc))}", err=True)
        return 2
    except DataFolderError as exc:  # the configured data folder is refused, like any bad input
        click.echo(f"dutylog: {_one_line(str(exc))}", err=True)
        return 2
    except StoreError as exc:
        click.echo(f"dutylog: {_one_line(str(exc))}", err=True)
        return 1
    except DutylogError as exc:
        click.echo(f"dutylog: {_one_line(str(exc))}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("dutylog: interrupted; nothing was half-written", err=True)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: never a traceback for a user
        if os.environ.get("DUTYLOG_DEBUG"):
            raise
        click.echo(f"dutylog: unexpected error: {type(exc).__name__}: {_one_line(str(exc))} "
                   "(set DUTYLOG_DEBUG=1 for details)", err=True)
        return 1


def words(key: str) -> str:
    return t(key, lang())


def refuse(message: str, field: str | None = None):
    raise InvalidInput(message, field)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()
