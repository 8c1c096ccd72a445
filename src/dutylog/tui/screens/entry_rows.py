"""Entries as DataTable rows (shared by the entries screen and the calendar's day list).

Cells are `rich.text.Text`, so a title such as "[red]" shows as typed, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from dutylog.i18n import t
from dutylog.services import ui

from .. import fmt

COLUMNS = (("date", "col.date", 10), ("kind", "col.kind", 16), ("days", "col.days", 4),
           ("title", "col.title", 30), ("place", "col.place", 14), ("object", "form.object", 16),
           ("by", "col.by", 10))


class EntryTable(DataTable):
    """Rows of entries: Home/End go to the first/last row (DataTable scrolls sideways)."""

    BINDINGS = [Binding("home", "scroll_top", show=False), Binding("end", "scroll_bottom", show=False)]


def setup_entry_table(table: DataTable, lang: str, with_subject: bool = False) -> None:
    table.cursor_type = "row"
    table.zebra_stripes = True
    for key, label, width in COLUMNS:
        table.add_column(t(label, lang) if key != "object" else t("form.object", lang),
                         key=key, width=width)


def entry_cells(svc, e, lang: str, names: dict[str, str],
                subject: str | None = None) -> list[Text]:
    """The cells of one entry; the recorder's cell of a pending entry (recorded by someone
    else than `subject`, not confirmed) says 待确认."""
    kind = svc.policy.kind(e.kind)
    kind_name = kind.name.get(lang) if kind else e.kind
    days = "" if e.days is None else fmt.num(e.days, "days")
    title = e.title or ""
    if e.four_no:
        title = f"[{t('msg.four_no', lang)}] {title}"
    obj = names.get(e.object_id, "") if e.object_id else ""
    by = fmt.cell(e.recorded_by or "")
    if subject is not None and ui.is_pending(e, subject):
        by = fmt.cell(f"{e.recorded_by} · {t('entries.pending', lang)}")
        by.stylize("bold yellow")
    return [Text(e.date.isoformat()), fmt.cell(kind_name), Text(days, justify="right"),
            fmt.cell(title), fmt.cell(e.place), fmt.cell(obj), by]


def fill_entry_table(svc, table: DataTable, entries, lang: str, names: dict[str, str],
                     clear: bool = False, subject: str | None = None) -> None:
    if clear:
        table.clear()
    for e in entries:
        table.add_row(*entry_cells(svc, e, lang, names, subject), key=e.id)
