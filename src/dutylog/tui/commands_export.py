"""Command-palette export actions: the same exports as `dutylog report` and `dutylog export`.

Add `ExportCommands` to the app's `COMMANDS` (e.g. `COMMANDS = App.COMMANDS | {ExportCommands}`).
Each command opens `ExportDialog`, which asks where to write the file.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dutylog.domain.errors import DutylogError

from .screens.export_dialog import ExportDialog

LABELS = {
    "md": ("导出述职报告 Markdown", "Export annual report (Markdown)"),
    "csv": ("导出记录表 CSV（Excel）", "Export entries for Excel (CSV)"),
    "ics": ("导出日历 ICS", "Export calendar (ICS)"),
    "bundle": ("导出合并包", "Export merge bundle"),
}
HELP = {
    "md": ("每条职责的目标、完成、状态和佐证记录，可粘贴到 Word",
           "Target, actual, status and supporting entries per duty; pastes into Word"),
    "csv": ("UTF-8 带 BOM，双击用 Excel 打开中文不乱码", "UTF-8 with BOM, opens in Excel by double-click"),
    "ics": ("一线办公、台账到期日和外出", "Frontline sessions, ledger due dates and trips"),
    "bundle": ("给秘书或汇总办公室的 JSON Lines 文件", "A JSON Lines file for another laptop or the office"),
}


def _text(table: dict, key: str, lang: str) -> str:
    zh, en = table[key]
    return en if lang == "en" else zh


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
            for fmt in ("md", "csv", "ics"):
                text = f"{_text(LABELS, fmt, lang)} · {name} · {year}"
                found.append((text, _text(HELP, fmt, lang), partial(self._open, fmt, name, year)))
        found.append((_text(LABELS, "bundle", lang), _text(HELP, "bundle", lang),
                      partial(self._open, "bundle", None, year)))
        return found

    def _open(self, fmt: str, subject: str | None, year: int) -> None:
        self.app.push_screen(ExportDialog(fmt, subject, year))

    async def discover(self) -> Hits:
        for text, help_text, command in self.commands():
            yield DiscoveryHit(text, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
