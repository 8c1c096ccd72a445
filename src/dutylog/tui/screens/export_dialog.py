"""Where to write an export: a modal asking for the file, prefilled with a suggestion in the
current folder. Nothing is written until the user presses Enter (CONTRACT: exports go
where the user says)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from dutylog.domain.errors import DutylogError

from .base import DutylogDialog


def suggested_name(fmt: str, subject: str | None, year: int) -> str:
    who = subject or "dutylog"
    return {"md": f"{who}-{year}-述职.md", "docx": f"{who}-{year}-述职.docx",
            "xlsx": f"{who}-{year}-台账.xlsx", "csv": f"{who}-{year}-记录.csv",
            "ics": f"{who}-{year}.ics", "bundle": f"{who}-bundle.jsonl"}[fmt]


def export(service, fmt: str, path: Path, subject: str | None, year: int, lang: str,
           force: bool = False) -> Path:
    """Write one export; DutylogError when refused."""
    if fmt == "bundle":
        service.export(path, subject=subject, force=force)
        return path
    from dutylog.services.reports import write_report

    return write_report(service, path, subject, year, fmt, lang, force=force)


class ExportDialog(DutylogDialog[Path | None]):
    """Dismisses with the written path, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, fmt: str, subject: str | None, year: int, service=None,
                 lang: str | None = None, folder: Path | None = None):
        super().__init__(service=service, lang=lang)
        self.fmt = fmt
        self.subject = subject
        self.year = year
        self.folder = folder or Path.cwd()
        self._confirmed: Path | None = None  # the existing file the user agreed to replace

    def compose(self) -> ComposeResult:
        heading = self.word(f"export.{self.fmt}")
        if self.subject:
            heading += f" · {self.subject} · {self.year}"
        with Vertical():
            yield Label(heading, markup=False)
            yield Label(self.word("export.file"), markup=False)
            yield Input(str(self.folder / suggested_name(self.fmt, self.subject, self.year)),
                        id="export-path")
            yield Static("", id="export-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        target = Path(text).expanduser()
        force = self._confirmed == target
        if not force and target.is_file():
            # an existing file: ask, and replace it on a second Enter (issue 12)
            self._confirmed = target
            self.query_one("#export-error", Static).update(self.word("export.exists", path=target))
            return
        try:
            path = export(self.service, self.fmt, target, self.subject, self.year, self.lang,
                          force=force)
        except DutylogError as exc:
            self.query_one("#export-error", Static).update(self.words.refusal(exc))
            return
        self.app.notify(self.word("export.written", path=path), markup=False)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
