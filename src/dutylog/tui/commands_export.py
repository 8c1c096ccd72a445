"""Command-palette export actions: the same exports as `dutylog report` and `dutylog export`.

The app's `COMMANDS` load `ExportCommands` when the palette opens (`registry.export_commands`).
Each command opens `ExportDialog`, which asks where to write the file; the words are the
one catalog's (`export.cmd.*`, `export.help.*`).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from dutylog.domain.errors import DutylogError
from dutylog.i18n import t

from .palette_text import highlight, plain, plain_help
from .screens.export_dialog import ExportDialog


class ExportCommands(Provider):
    """One command per format and subject (and one bundle of everything)."""

    def commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        lang = getattr(app, "lang", "zh")
        year = getattr(app, "year", None) or app.service.today.year  # the year on screen
        try:
            subjects = [s.name for s in app.service.subjects()]
        except DutylogError:
            subjects = []
        found = []
        for name in subjects:
            for fmt in ("md", "docx", "xlsx", "csv", "ics"):
                text = f"{t(f'export.cmd.{fmt}', lang)} · {plain(name)} · {year}"
                found.append((text, t(f"export.help.{fmt}", lang), partial(self._open, fmt, name, year)))
        found.append((t("export.cmd.bundle", lang), t("export.help.bundle", lang),
                      partial(self._open, "bundle", None, year)))
        found.append((t("merge.cmd", lang), t("merge.help", lang), self._open_import))
        return found

    def _open_import(self) -> None:
        from .registry import load

        self.app.push_screen(load("import")())

    def _open(self, fmt: str, subject: str | None, year: int) -> None:
        self.app.push_screen(ExportDialog(fmt, subject, year))

    async def discover(self) -> Hits:
        for text, help_text, command in self.commands():
            yield DiscoveryHit(Content(text), command, text=text, help=plain_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), command, text=text,
                          help=plain_help(help_text))
