"""Exceptions raised by the core. The edges (CLI, TUI) turn them into one line.

A refusal carries a `code` (a key of the refusal catalog, `dutylog.lexicon.refusals`) and
the `params` its wording names; the edge words it in the user's language
(`dutylog.i18n.Words.refusal`). The domain never speaks: it raises

    raise InvalidInput(code="date.future", field="date", when=when, today=today)

A refusal made the older way, with plain text (`InvalidInput("…", "field")`), has no code
and is shown as it is, in every language.
"""

from __future__ import annotations

from typing import Any


class DutylogError(Exception):
    """Base class for every error dutylog reports to a user."""

    def __init__(self, message: str | None = None, field: str | None = None, *,
                 code: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params: dict[str, Any] = params
        super().__init__(message if message is not None else _plain(code, field, params))


def _plain(code: str | None, field: str | None, params: dict[str, Any]) -> str:
    """What str() gives for a coded refusal (logs, tracebacks): the code and its values.
    Users never see it: the edges word the code from the catalog."""
    shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return f"{field + ': ' if field else ''}[{code}] {shown}".rstrip()


class InvalidInput(DutylogError):
    """Refused input: bad date, unknown kind, missing field… (CLI exit code 2)."""


class NotFound(InvalidInput):
    """A named subject, entry, link or item does not exist."""


class Conflict(InvalidInput):
    """The request contradicts what is stored (duplicate name, ambiguous id…)."""


class PolicyError(InvalidInput):
    """A policy file is malformed; the message names the file, rule and problem."""


class BundleError(InvalidInput):
    """A merge bundle is refused whole; the message names the line and the reason."""


class StoreError(DutylogError):
    """The database cannot be opened or written (exit code 1)."""


class DataFolderError(StoreError):
    """The data folder (DUTYLOG_HOME) cannot be created or written: a refusal, exit code 2."""
