"""The command line in the run's language: click's own words and the commands' help.

click words its usage errors and help headings with gettext (`_("Missing option")`);
`speaking(words)` installs the catalog's Chinese for them while a command runs (the
lexicon's CLICK table, keyed by click's own English, as a gettext catalog is) and puts
the commands' help texts in the language (`word_command`). English is click's and the
decorators' own text, so `--lang en` changes nothing of it.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager

import click

from dutylog.i18n import Words
from dutylog.lexicon.cli_words import CLICK, HELP

# the click modules that word something with gettext
_CLICK_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.types",
                  "click.parser", "click.decorators")


def _gettext(message: str) -> str:
    return CLICK.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    message = singular if n == 1 else plural
    return CLICK.get(message, message)


@contextmanager
def speaking(words: Words, cli: click.Command | None = None) -> Iterator[None]:
    """While a command runs: click's words and the help texts in `words`' language."""
    if cli is not None:
        word_command(cli, words.lang)
    if words.lang == "en":
        yield
        return
    saved = []
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        for attr, ours in (("_", _gettext), ("ngettext", _ngettext)):
            if attr in vars(module):
                saved.append((module, attr, vars(module)[attr]))
                setattr(module, attr, ours)
    try:
        yield
    finally:
        for module, attr, theirs in saved:
            setattr(module, attr, theirs)


def _original(obj: object, attr: str) -> str | None:
    """The English the decorator gave (kept the first time the object is worded)."""
    key = f"_dutylog_en_{attr}"
    if key not in vars(obj):
        vars(obj)[key] = getattr(obj, attr, None)
    return vars(obj)[key]


def word_command(command: click.Command, lang: str) -> None:
    """Put a command's help, its options' help and its subcommands' in `lang`."""
    pairs: list[tuple[object, str]] = [(command, "help"), (command, "short_help")]
    pairs += [(param, "help") for param in command.params if isinstance(param, click.Option)]
    for obj, attr in pairs:
        english = _original(obj, attr)
        if english:
            setattr(obj, attr, _zh(english) if lang == "zh" else english)
    if "_help_option" in vars(command):
        command._help_option = None  # click caches the help option with its words: make it again
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            word_command(sub, lang)


def _zh(english: str) -> str:
    """A help text's Chinese (the commands' own, or click's), else the English as it is."""
    clean = inspect.cleandoc(english)
    return HELP.get(clean) or CLICK.get(clean) or english
