"""The desk's export (`x`): the subjects and duties it shows, as xlsx or CSV, where the
user says (never over a file that exists)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from dutylog.domain.errors import InvalidInput
from dutylog.services import desk as desk_service

from ..dialogs.form import FormDialog, FormField


def ask(screen) -> None:
    """Ask where to write what the desk shows (xlsx or CSV), then write it there: only a
    complete desk, never over a file that exists."""
    svc, lang = screen.service, screen.lang

    def submit(values: dict) -> Path:
        desk, shown = screen.desk, list(screen.shown)
        if not desk.complete:  # the file would wait for the count on the UI thread
            raise InvalidInput(screen.word("desk.export_counting", done=desk.done,
                                           total=len(desk.subjects)), "path")
        text = values["path"].strip()
        if not text:
            raise InvalidInput(screen.word("desk.export_kind"), "path")
        path = Path(text).expanduser()
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise InvalidInput(screen.word("desk.export_kind"), "path")
        if path.exists():  # never overwrite in silence
            raise InvalidInput(screen.word("desk.export_exists", path=str(path)), "path")
        heads, rows = desk.table(shown, lang)
        data = (desk_service.desk_xlsx(heads, rows, lang) if suffix == ".xlsx"
                else desk_service.desk_csv(heads, rows))
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise InvalidInput(code="file.unwritable", field="path", path=path,
                               why=exc.strerror) from None
        return path

    def done(path: Path | None) -> None:
        if path is not None:
            screen.query_one("#desk-message", Static).update(
                screen.word("desk.exported", path=str(path)))

    default = Path.home() / f"dutylog-desk-{svc.today.isoformat()}.xlsx"
    field = FormField("path", screen.word("desk.export_path"), value=str(default))
    screen.app.push_screen(FormDialog(screen.word("desk.export_title"), [field], submit,
                                      changes="export", **screen.given), callback=done)

