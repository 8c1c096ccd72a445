"""The user's own choices kept in the database: the interface language, who records."""

from __future__ import annotations

from .context import Context

LANG_SETTING = "lang"
RECORDER_SETTING = "recorded_by"


class Preferences:
    def __init__(self, ctx: Context) -> None:
        self._settings = ctx.store.settings

    def saved_lang(self) -> str | None:
        value = self._settings.get(LANG_SETTING)
        return value if value in ("zh", "en") else None

    def save_lang(self, lang: str) -> None:
        self._settings.set(LANG_SETTING, lang)

    def recorder(self) -> str | None:
        """Who the log form names as recorder by default (a secretary), or None."""
        return self._settings.get(RECORDER_SETTING) or None

    def save_recorder(self, name: str | None) -> None:
        self._settings.set(RECORDER_SETTING, (name or "").strip())


def peek_saved_lang(home=None) -> str | None:
    """The saved interface language, read without opening the data folder's database
    (the command line picks its words before a command runs; nothing is created)."""
    from dutylog.store.settings import peek

    value = peek(home, LANG_SETTING)
    return value if value in ("zh", "en") else None
