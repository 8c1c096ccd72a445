"""Shared plumbing of the CLI: the service per command, one-line errors, output helpers."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from dutylog.domain.errors import DataFolderError, DutylogError, InvalidInput
from dutylog.i18n import Words, choose_lang, words
from dutylog.textsafe import shown, shown_line


def current_words() -> Words:
    """The run's catalog: the one `run_guarded` built and handed to click (`ctx.obj`)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, Words) else words(choose_lang())


def lang() -> str:
    return current_words().lang


def tr(zh: str, en: str) -> str:
    """Two wordings side by side (older commands); new words go in the catalog."""
    return en if lang() == "en" else zh


def lang_of(argv: list[str]) -> str:
    """The run's language, before click parses anything: `--lang X` (also `--lang=X`),
    else DUTYLOG_LANG, else the saved setting, else Chinese."""
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    if given is None and not os.environ.get("DUTYLOG_LANG"):
        from dutylog.services.settings import peek_saved_lang

        return choose_lang(None, peek_saved_lang())
    return choose_lang(given)


@contextmanager
def service():
    """Open the data folder's database for one command."""
    from dutylog.services import Dutylog

    svc = Dutylog.open()
    try:
        yield svc
    finally:
        svc.close()


# JSON escapes C0 itself; C1 (U+0080–U+009F, read as CSI/OSC by some terminals) and the
# bidi controls it writes raw when ensure_ascii is off.
# A regex, not str.translate: translating with a dict walks Chinese text character by
# character in Python's slow path (two thirds of a county subject's `entries --json`).
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe_text(text: str) -> str:
    """JSON text with those characters written as escapes (the same JSON value)."""
    return _JSON_RAW.sub(_escape, text) if _JSON_RAW.search(text) else text


def safe_json(data) -> str:
    """JSON text with no control character raw (a stored ESC or OSC stays an escape)."""
    return json_safe_text(json.dumps(data, ensure_ascii=False, indent=2))


def echo_json(data) -> None:
    click.echo(safe_json(data))


def table(headers: list[str], rows: list[list[str]], made: frozenset[int] = frozenset(),
          **options) -> str:
    """textcells' table with every cell on one line and every control character visible
    (issue 12: a title holding ESC/OSC sequences must not reach the terminal). `made`:
    the columns dutylog writes itself (an id, a date, a number), taken as they are once
    the whole column is seen printable (one check in C: a file edited by another program
    may hold anything)."""
    from dutylog import textcells

    made = frozenset(i for i in made if "".join(str(row[i]) for row in rows if i < len(row)).isprintable())
    if made:
        rows = [[c if i in made else shown_line(str(c)) for i, c in enumerate(row)] for row in rows]
    else:
        rows = [[shown_line(str(c)) for c in row] for row in rows]
    return textcells.table([shown_line(h) for h in headers], rows, **options)


def echo_text(text: str, err: bool = False) -> None:
    """A line holding user text, every control character but newline and tab visible."""
    click.echo(shown(text), err=err)


def _record_encoder() -> Callable[[Any], str]:
    """`JSONEncoder(ensure_ascii=False).encode`, with its C encoder made once instead of
    once a record (making it was half the encoding of a county subject's 9,000 entries)."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    from json import encoder as stdlib

    make = getattr(stdlib, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        return encoder.encode
    iterencode = make(None, encoder.default, stdlib.encode_basestring, None,
                      encoder.key_separator, encoder.item_separator, False, False, True)
    return lambda record: "".join(iterencode(record, 0))


def echo_json_stream(records: Iterable[dict], chunk: int = 500) -> None:
    """A JSON array written as it is made: one record a line, in the C encoder (indented
    JSON forces Python's slow one), in chunks — the same JSON value as `echo_json`, with
    flat memory for the text however long the list (issue 14 §7)."""
    echo_json_texts(map(_record_encoder(), records), chunk)


def echo_json_texts(texts: Iterable[str], chunk: int = 500) -> None:
    """A JSON array of values given as their JSON texts, one a line, in chunks; the raw
    characters `safe_json` escapes are escaped here too."""
    first, pending = True, []
    for text in texts:
        pending.append(("[\n  " if first else ",\n  ") + text)
        first = False
        if len(pending) >= chunk:
            click.echo(json_safe_text("".join(pending)), nl=False)
            pending.clear()
    pending.append("[]\n" if first else "\n]\n")
    click.echo(json_safe_text("".join(pending)), nl=False)


def echo_records(records: Sequence[Any], as_json: bool, empty: str, headers: list[str],
                 row: Callable[[Any], list[str]], **table_options) -> None:
    """The records as JSON (give them as dicts then); else a table, a `row(record)` each;
    else, with none, the line `empty`."""
    if as_json:
        echo_json(records)
        return
    if not records:
        click.echo(empty)
        return
    click.echo(table(headers, [row(r) for r in records], **table_options))


def iso(day: date | None) -> str:
    """A day as YYYY-MM-DD, or nothing."""
    return day.isoformat() if day is not None else ""


def parse_date_opt(svc, value: str | None, field: str, allow_future: bool = True) -> date | None:
    if value is None:
        return None
    return svc.date(value, field, allow_future)


def _one_line(text: str) -> str:
    return shown_line(str(text))


class Finished(Exception):  # noqa: N818 - not an error: the command's own exit code
    """Raised by a command that printed everything it had to say and ends with `code`
    (e.g. `import` of a folder where one bundle was refused: exit 2 after the summary)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_guarded(cli: click.Group, argv: list[str] | None) -> int:
    """Run the click group; turn every failure into one line and an exit code, worded in
    the run's language (one catalog, built here and handed to the commands as `ctx.obj`)."""
    from .speech import speaking

    args = list(sys.argv[1:] if argv is None else argv)
    w = words(lang_of(args))
    from dutylog import console
    from dutylog.services.settings import peek_saved_glyphs

    # the saved glyph set, as in the TUI; `--ascii` and DUTYLOG_ASCII still win (ascii_mode)
    console.choose_ascii({"ascii": True, "unicode": False}.get(peek_saved_glyphs() or ""))
    try:
        with speaking(w, cli):
            return _run(cli, args, w)
    finally:
        console.choose_ascii(None)


def _run(cli: click.Group, args: list[str], w: Words) -> int:
    def say(text: str) -> None:
        click.echo(f"dutylog: {_one_line(text)}", err=True)

    try:
        cli.main(args=args, prog_name="dutylog", standalone_mode=False, obj=w)
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except Finished as exc:
        return exc.code
    except click.exceptions.Abort:
        say(w.refusal_code("run.aborted"))
        return 1
    except click.UsageError as exc:
        hint = ""
        if exc.ctx is not None and exc.ctx.command_path:
            hint = ("" if w.lang == "zh" else " ") + w.refusal_code("usage.see_help", path=exc.ctx.command_path)
        say(_usage(exc, w) + hint)
        return 2
    except click.ClickException as exc:
        say(exc.format_message())
        return 2 if exc.exit_code == 2 else 1
    except InvalidInput as exc:
        say(w.refusal(exc))
        return 2
    except DataFolderError as exc:  # the configured data folder is refused, like any bad input
        say(w.refusal(exc))
        return 2
    except DutylogError as exc:  # StoreError and the rest
        say(w.refusal(exc))
        return 1
    except KeyboardInterrupt:
        say(w.refusal_code("run.interrupted"))
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: never a traceback for a user
        if os.environ.get("DUTYLOG_DEBUG"):
            raise
        say(w.refusal_code("run.unexpected", name=type(exc).__name__, reason=_one_line(str(exc))))
        return 1


def _usage(exc: click.UsageError, w: Words) -> str:
    """click's usage error in the run's language: a missing option or argument worded from
    its type and parameter; the rest as click words it (in Chinese through cli.speech)."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None and exc.ctx is not None:
        name = exc.param_hint or exc.param.get_error_hint(exc.ctx)
        if isinstance(exc.param, click.Option):
            return w.refusal_code("usage.missing_option", name=name)
        return w.refusal_code("usage.missing_argument", name=name)
    return exc.format_message()


def word(key: str, **values) -> str:
    """The run's word for a catalog key."""
    return current_words()(key, **values)


def refuse(message: str | None = None, field: str | None = None, *, code: str | None = None, **params):
    """Refuse the command: `refuse(code="…", field=…, **values)` (worded from the catalog);
    plain text (`refuse("…")`) is shown as it is."""
    raise InvalidInput(message, field, code=code, **params)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()
