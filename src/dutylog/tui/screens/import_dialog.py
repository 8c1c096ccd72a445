"""The office's merge day in the app: a modal asking for a bundle or a folder of bundles,
merged one transaction per bundle in a worker thread (the screen never blocks), then the
same summary as `dutylog import` — a row per source and the total. A sealed bundle is
refused here (its passphrase is asked by `dutylog import`); the others are merged."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from dutylog.domain.errors import DutylogError

from .base import DutylogDialog


class ImportDialog(DutylogDialog[object]):
    """Dismisses with the merge day's result (`MergeDay`), or None when nothing ran."""

    BINDINGS = [Binding("escape", "close", "key.cancel")]

    def __init__(self, service=None, lang: str | None = None, folder: Path | None = None):
        super().__init__(service=service, lang=lang)
        self.folder = folder or Path.cwd()
        self.result = None
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.word("merge.cmd"), markup=False)
            yield Label(self.word("merge.path"), markup=False)
            yield Input(str(self.folder), id="import-path")
            yield Static("", id="import-error", markup=False)
            yield Static("", id="import-summary", markup=False)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or self.running:
            return
        from dutylog.services.merge_day import bundle_paths

        try:
            files = bundle_paths([Path(text).expanduser()])
        except DutylogError as exc:
            self.query_one("#import-error", Static).update(self.refusal(exc))
            return
        self.query_one("#import-error", Static).update("")
        self.query_one("#import-summary", Static).update(self.word("merge.running", n=len(files)))
        self.running = True
        self.merge(files)

    @work(thread=True, exclusive=True)
    def merge(self, files: list[Path]) -> None:
        from dutylog.services.merge_day import merge_all

        day = merge_all(self.service, files)
        self.app.call_from_thread(self.merged, day)

    def merged(self, day) -> None:
        from dutylog.services.merge_day import summary_table

        self.running = False
        self.result = day
        self.query_one("#import-summary", Static).update(summary_table(day, self.lang))
        tot = day.total()
        if tot["merged"]:
            self.announce("import")
        self.app.notify(self.word("merge.done", merged=tot["merged"], sources=tot["sources"]),
                        markup=False, severity="warning" if day.refused else "information")

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.result)
