"""`report --format xlsx`: the year as an Excel workbook (openpyxl).

Four sheets, headers in Chinese (English with --lang en), each with a frozen, filtered
header row and columns sized to their contents:
- 台账 (entries): the CSV's columns; dates are dates, days are numbers. `dutylog
  import-table` reads this sheet back (its 编号 column keeps re-imports from doubling).
- 台账事项 (ledger items) and 外出请假 (trips) of the year.
- 完成情况 (the status table): one row per rule in the words of `fmt.rule_line`.

Text that Excel would take for a formula (=, +, -, @ first, as the CSV's `cell()` knows)
is stored as a text cell with Excel's quote prefix: it shows as typed and is never
evaluated, not even after the cell is edited. Entries marked sensitive are left out
unless asked, as in every report.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from dutylog import __version__
from dutylog.fmt import local_moment as fmt_local_moment
from dutylog.i18n import t

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from .core import Dutylog

from .report_rows import (
    colour_word,
    ledger_rows,
    ledger_type_word,
    status_rows,
    trip_flags,
    trip_rows,
    word,
    xml_safe,
    year_span,
)
from .reports import CSV_COLUMNS, ReportData

FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r")  # as reports.cell()
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
TOP = Alignment(vertical="top")
MAX_WIDTH = 60  # characters of a column, before Excel's own wrapping takes over

SHEETS = {  # sheet names: Excel allows 31 characters and no []:*?/\
    "entries": ("台账", "Entries"), "ledgers": ("台账事项", "Ledger items"),
    "status": ("完成情况", "Status"), "trips": ("外出请假", "Trips"),
}


def sheet_name(key: str, lang: str) -> str:
    zh, en = SHEETS[key]
    return en if lang == "en" else zh


def _display_width(text: str) -> int:
    """Columns a text needs: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    c = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = xml_safe(value)
        c.value = value
        if value[:1] in FORMULA_FIRST:
            c.data_type = "s"  # openpyxl made "=…" a formula: keep it text
            c.quotePrefix = True  # and Excel's own mark for text that looks like a formula
    else:
        c.value = value
        if isinstance(value, datetime):
            c.number_format = TIME_FORMAT
        elif isinstance(value, date):
            c.number_format = DATE_FORMAT
    return c


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[object]],
           widths: dict[int, int] | None = None) -> Worksheet:
    ws = wb.create_sheet(title)
    for col, text in enumerate(headers, 1):
        c = _put(ws, 1, col, text)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
    for r, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            _put(ws, r, col, value).alignment = TOP
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for col, header in enumerate(headers, 1):
        widest = _display_width(header)
        for values in rows:
            value = values[col - 1]
            text = value.isoformat() if isinstance(value, (date, datetime)) else str(value if value is not None else "")
            widest = max(widest, _display_width(text))
        cap = (widths or {}).get(col, MAX_WIDTH)
        ws.column_dimensions[get_column_letter(col)].width = max(min(widest, cap), 8) + 2
    return ws


def _flag(value: bool | None, lang: str) -> str:
    return "" if value is None else word("yes" if value else "no", lang)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def local_moment(stamp: str | None) -> datetime | None:
    """The stamp as the laptop's local time without a zone (Excel has none, and shows
    what the user's clock showed): `fmt.local_moment`, made naive."""
    moment = fmt_local_moment(stamp)
    return None if moment is None else moment.replace(tzinfo=None)


def entry_rows(svc: Dutylog, data: ReportData, lang: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for e in data.entries:
        kind = svc.policy.kind(e.kind)
        days = None if e.days is None else (int(e.days) if float(e.days).is_integer() else e.days)
        rows.append([e.id, e.date, kind.name.get(lang) if kind else e.kind, e.kind, days,
                     _flag(e.four_no, lang), e.title, e.place, e.people, e.note,
                     data.names.get(e.object_id or ""), e.recorded_by, e.confirmed_by,
                     _flag(e.appeared, lang), e.patrol, _flag(e.sensitive, lang),
                     local_moment(e.updated_at)])
    return rows


def xlsx_report(svc: Dutylog, data: ReportData, lang: str = "zh") -> bytes:
    wb = Workbook()
    wb.remove(wb.active)

    _sheet(wb, sheet_name("entries", lang), CSV_COLUMNS[lang], entry_rows(svc, data, lang),
           {1: 36, 7: 40, 8: 24, 9: 30, 10: 50})

    est = t("ledger.est", lang)
    _sheet(wb, sheet_name("ledgers", lang),
           [t("col.id", lang), t("col.type", lang), t("ledger.what", lang), t("ledger.opened", lang),
            t("ledger.due", lang), est, t("ledger.closed", lang), t("ledger.colour", lang),
            word("left", lang), word("note", lang)],
           [[i.id, ledger_type_word(svc, i.type, lang), i.title, i.opened, i.due,
             word("yes", lang) if i.due_estimated else "", i.closed,
             colour_word(i, lang), i.workdays_left, i.note] for i in ledger_rows(svc, data)],
           {1: 36, 3: 40, 10: 50})

    _sheet(wb, sheet_name("status", lang),
           [word("section", lang), word("clause", lang), t("col.rule", lang), word("target", lang),
            word("actual", lang), t("col.expected", lang), word("status", lang), word("note", lang)],
           [[r.section, r.clause, r.duty, r.target, r.progress, r.expected, r.status, r.detail]
            for r in status_rows(svc, data, lang)],
           {3: 30, 8: 50})

    _sheet(wb, sheet_name("trips", lang),
           [t("leave.requested", lang), t("leave.depart", lang), t("leave.return", lang),
            t("leave.dest", lang), t("leave.back", lang), t("leave.notice", lang),
            t("leave.compliant", lang)],
           [[tr.requested, tr.depart, tr.return_date, tr.destination, tr.back, tr.notice_days,
             trip_flags(tr, lang)] for tr in trip_rows(svc, data)])

    wb.active = 0
    st = data.status
    _, end = year_span(data)
    props = wb.properties
    props.title = word("title", lang).format(name=xml_safe(st["subject"]), year=st["year"])
    props.creator = props.lastModifiedBy = xml_safe(st["subject"])
    props.description = f"dutylog {__version__}"
    props.language = "zh-CN" if lang == "zh" else "en-US"
    props.created = props.modified = datetime.combine(end, time())
    buf = io.BytesIO()
    # openpyxl's save() stamps `modified` with the clock; its writer keeps the data's day,
    # so the same data gives the same workbook
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return buf.getvalue()
