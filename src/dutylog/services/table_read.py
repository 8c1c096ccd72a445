"""Reading an office's table for `import-table`: a CSV in whatever encoding Excel or WPS
saved it, or an .xlsx sheet, as numbered rows of cells; the header row found among the
first rows by the names of its columns (Chinese or English), and each column's field.

A CSV may be UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 (what Excel on a
Chinese Windows writes); comma, semicolon or tab separated. No dutylog data here:
services/table_import.py turns the rows into entries.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from dutylog.domain.errors import InvalidInput

# field -> the headers that name it (compared without spaces, case or a parenthesised hint)
HEADERS = {
    "id": ("编号", "id", "uuid"),
    "subject": ("姓名", "subject", "主体", "责任人", "subjectname"),
    "date": ("日期", "date", "活动日期", "时间"),
    "kind": ("类别", "kind", "活动类别", "类别名称", "事项类别"),
    "kind_code": ("类别代码", "kindcode", "kindid"),
    "days": ("天数", "days"),
    "four_no": ("四不两直", "unannounced", "fourno"),
    "title": ("标题", "title", "主题", "题目"),
    "place": ("地点", "place"),
    "people": ("人员", "people", "参加人员"),
    "note": ("备注", "note", "内容"),
    "object": ("对象", "联系对象", "object", "linkedobject"),
    "by": ("记录人", "recordedby", "by"),
    "appeared": ("出庭", "appeared"),
    "patrol": ("巡查", "patrol", "巡查类型"),
    "sensitive": ("敏感", "sensitive"),
}
_BY_HEADER = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
_HINT = re.compile(r"[（(].*?[）)]")
HEADER_SEARCH = 10  # rows looked at for the header
SHEETS = ("台账", "Entries")  # dutylog's own workbook; else the first sheet with a header

Rows = list[tuple[int, list[object]]]  # (the row's number as the user sees it, its cells)


def read_rows(path: Path, sheet: str | None) -> tuple[Rows, str | None, str | None]:
    """The file's rows, the sheet read (None for a CSV) and the encoding (None for a workbook)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput(code="table.missing", field="file", path=path)
    if suffix in (".xlsx", ".xlsm"):
        rows, sheet_name = xlsx_rows(path, sheet)
        return rows, sheet_name, None
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise InvalidInput(code="table.csv_sheet", field="sheet")
        rows, encoding = csv_rows(path)
        return rows, None, encoding
    if suffix == ".xls":
        raise InvalidInput(code="table.xls", field="file", name=path.name)
    raise InvalidInput(code="table.suffix", field="file", name=path.name)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gbk"  # GBK's superset; raises when it is neither


def csv_rows(path: Path) -> tuple[list[tuple[int, list[object]]], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(code="table.unreadable", field="file", path=path,
                           why=exc.strerror or exc) from None
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError:
        raise InvalidInput(code="table.encoding", field="file", path=path) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", "\t", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(n, list[object](row)) for n, row in enumerate(reader, 1)], encoding
    except csv.Error as exc:
        raise InvalidInput(code="table.bad_csv", field="file", path=path, why=exc) from None


def xlsx_rows(path: Path, wanted: str | None) -> tuple[list[tuple[int, list[object]]], str]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInput(code="table.bad_xlsx", field="file", path=path, why=exc) from None
    try:
        names = wb.sheetnames
        if wanted is not None:
            if wanted not in names:
                raise InvalidInput(code="table.no_sheet", field="sheet", wanted=repr(wanted),
                                   name=path.name, sheets=list(names))
            order = [wanted]
        else:
            order = [n for n in SHEETS if n in names] + [n for n in names if n not in SHEETS]
        first = None
        for name in order:
            rows = [(n, list(values)) for n, values in enumerate(wb[name].iter_rows(values_only=True), 1)]
            first = first or (name, rows)
            if find_header(rows) is not None:
                return rows, name
        return (first[1], first[0]) if first else ([], "")
    finally:
        wb.close()


def key(header: object) -> str:
    text = _HINT.sub("", "" if header is None else str(header))
    return re.sub(r"[\s_*＊:：-]", "", text).lower()


def find_header(rows: list[tuple[int, list[object]]]) -> int | None:
    """Index (into rows) of the first row naming both a date and a kind column."""
    looked = 0
    for i, (_, values) in enumerate(rows):
        if not any(cell_text(v) for v in values):
            continue
        fields = {_BY_HEADER.get(key(v)) for v in values}
        if "date" in fields and ({"kind", "kind_code"} & fields):
            return i
        looked += 1
        if looked >= HEADER_SEARCH:
            break
    return None


def columns(headers: list[object]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored = []
    for col, header in enumerate(headers):
        text = cell_text(header)
        name = _BY_HEADER.get(key(header))
        if name is None:
            if text:
                ignored.append(text)
            continue
        if name in index:
            raise InvalidInput(code="table.two_columns", field="file", name=name,
                               first=repr(written[name]), second=repr(text))
        index[name], written[name] = col, text
    return index, written, ignored


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
