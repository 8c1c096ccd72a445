"""The user's own choices kept in the database: the interface language, who records, the
app's colour theme and its glyphs (ASCII or Unicode marks), so the next start keeps them."""

from __future__ import annotations

from pathlib import Path

from .context import Context

LANG_SETTING = "lang"
RECORDER_SETTING = "recorded_by"
THEME_SETTING = "theme"
GLYPHS_SETTING = "glyphs"
GLYPHS = ("unicode", "ascii")


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

    def theme(self) -> str | None:
        """The app's colour theme by name (the app checks it still exists), or None."""
        return self._settings.get(THEME_SETTING) or None

    def save_theme(self, name: str) -> None:
        self._settings.set(THEME_SETTING, name.strip())

    def glyphs(self) -> str | None:
        """"ascii" or "unicode" when chosen, None to follow the terminal (console.ascii_mode)."""
        value = self._settings.get(GLYPHS_SETTING)
        return value if value in GLYPHS else None

    def save_glyphs(self, glyphs: str) -> None:
        if glyphs not in GLYPHS:
            raise ValueError(f"glyphs: {glyphs!r} is not one of {', '.join(GLYPHS)}")
        self._settings.set(GLYPHS_SETTING, glyphs)


def peek_saved_lang(home: Path | str | None = None) -> str | None:
    """The saved interface language, read without opening the data folder's database
    (the command line picks its words before a command runs; nothing is created)."""
    from dutylog.store.settings import peek

    value = peek(home, LANG_SETTING)
    return value if value in ("zh", "en") else None


def peek_saved_glyphs(home: Path | str | None = None) -> str | None:
    """The saved glyph set ("ascii"/"unicode"), read like peek_saved_lang: nothing created."""
    from dutylog.store.settings import peek

    value = peek(home, GLYPHS_SETTING)
    return value if value in GLYPHS else None
