"""Exceptions raised by the core. The edges (CLI, TUI) turn them into one line."""


class DutylogError(Exception):
    """Base class for every error dutylog reports to a user."""


class InvalidInput(DutylogError):
    """Refused input: bad date, unknown kind, missing field… (CLI exit code 2)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


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
