"""`dutylog import-table FILE.xlsx|FILE.csv`: bring in the 台账 an office already keeps.

Columns are found by their header, in Chinese or English (日期, 类别, 天数, 标题, 地点, 人员,
备注, 对象, 记录人, 姓名, and the other columns of dutylog's own CSV and workbook), in any
order; the header row may sit below a title row. The kind column takes what `log` takes
(id, Chinese name or its unambiguous beginning, English name, pinyin initials), the date
column what people type (domain/dates.py) or an Excel date cell. Whose entry a row is: its
姓名 (subject) cell when the file has that column, else the `--subject` given.

Every row goes through `Logbook.log`, the path `dutylog log` takes, so an imported row is
checked exactly as a typed one. All or nothing: the rows are written in one transaction,
and a single bad row leaves the data untouched.

Each row gets a stable id, a UUID5 of its subject and content (and which occurrence of
that content it is in the file), unless the file gives one (the 编号 column of dutylog's
own exports): importing the same file again finds its rows already there and changes
nothing; a file with rows added imports only those. A row edited in the file is a new row.

Reading the file (CSV encodings, sheets, the header row) is services/table_read.py.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from dutylog.domain.dates import parse_days
from dutylog.domain.errors import DutylogError, InvalidInput, NotFound
from dutylog.domain.validate import check_kind, parse_yes_no

from .context import Context
from .logbook import Logbook, LogRequest
from .subjects import Roster
from .table_read import HEADER_SEARCH, cell_text, columns, find_header, read_rows

_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DEFUSED = ("=", "+", "-", "@", "\t", "\r")  # what reports.cell() quoted on the way out
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "dutylog:import-table")
TEXT_FIELDS = ("title", "place", "people", "note", "object", "by")


@dataclass
class TableRow:
    number: int  # the row as the user sees it: the sheet's row, the CSV's record
    req: LogRequest | None = None
    error: Exception | None = None  # a refusal, worded at the edge
    present: bool = False  # already in the data (imported before)


@dataclass
class TablePlan:
    path: Path
    subject: str | None  # the --subject given (rows may name their own)
    sheet: str | None  # None for a CSV
    encoding: str | None  # None for a workbook
    columns: dict[str, str]  # field -> the header as written
    ignored: list[str]  # headers no field takes
    rows: list[TableRow] = field(default_factory=list)

    @property
    def bad(self) -> list[TableRow]:
        return [r for r in self.rows if r.error]

    @property
    def new(self) -> list[TableRow]:
        return [r for r in self.rows if not r.error and not r.present]

    @property
    def present(self) -> list[TableRow]:
        return [r for r in self.rows if r.present]

    @property
    def new_days(self) -> float:
        return sum(r.req.days or 0 for r in self.new if r.req)

    @property
    def subjects(self) -> list[str]:
        return sorted({r.req.subject for r in self.new if r.req})


class _Rollback(Exception):
    """Leaves the import's transaction without keeping anything."""


# ---- one row ---------------------------------------------------------------------------------
def _text(value: object) -> str | None:
    text = cell_text(value)
    if text[:1] == "'" and text[1:2] in DEFUSED:  # quoted by dutylog's CSV on the way out
        text = text[1:]
    return text or None


def row_id(subject_id: str, req: LogRequest, occurrence: int) -> str:
    """The row's stable id: the same subject, content and occurrence give the same UUID."""
    parts = [subject_id, req.kind, req.date.isoformat(), repr(req.days), str(req.four_no),
             *(getattr(req, f) or "" for f in TEXT_FIELDS), repr(req.appeared), req.patrol or "",
             str(req.sensitive), str(occurrence)]
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


class TableImport:
    """Reads a table into a plan (nothing written), then logs the plan's new rows."""

    def __init__(self, ctx: Context, roster: Roster, logbook: Logbook) -> None:
        self._ctx = ctx
        self._roster = roster
        self._logbook = logbook

    # ---- one cell -------------------------------------------------------------------------
    def _date(self, value: object) -> date:
        ctx = self._ctx
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return ctx.not_future(value, "date")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 20000 <= value <= 80000:  # an Excel day number (1954–2119) in a cell without a date format
                from openpyxl.utils.datetime import from_excel

                return ctx.not_future(from_excel(value).date(), "date")
            raise InvalidInput(code="table.not_a_date", field="date", given=repr(value))
        text = _TIME_TAIL.sub("", cell_text(value))
        if not text:
            raise InvalidInput(code="table.no_date", field="date")
        return ctx.date(text, "date", allow_future=False)

    def _patrol(self, text: str) -> str:
        policy = self._ctx.policy
        if policy.patrol_type(text) is not None:
            return text
        for p in policy.patrol_types:
            if text in (p.name.zh, p.name.en):
                return p.id
        return text  # the log refuses it, naming the accepted ones

    def _request(self, subject: str | None, values: list[object], cols: dict[str, int]) -> LogRequest:
        def get(name: str) -> object:
            col = cols.get(name)
            return values[col] if col is not None and col < len(values) else None

        who = _text(get("subject")) or subject
        if not who:
            raise InvalidInput(code="table.no_subject", field="subject")
        self._roster.subject(who)  # an unknown name is this row's refusal
        kind_text = _text(get("kind_code")) or _text(get("kind"))
        if not kind_text:
            raise InvalidInput(code="table.no_kind", field="kind")
        kind = check_kind(self._ctx.policy, kind_text).id
        when = self._date(get("date"))
        days_text = cell_text(get("days"))
        days = parse_days(days_text) if days_text else None
        flags = {}
        for name in ("four_no", "sensitive", "appeared"):
            text = _text(get(name))
            flags[name] = parse_yes_no(text, name) if text else None
        patrol = _text(get("patrol"))
        texts = {name: _text(get(name)) for name in TEXT_FIELDS}
        given = _text(get("id"))
        return LogRequest(kind=kind, subject=who, date=when, days=days,
                          four_no=bool(flags["four_no"]), sensitive=bool(flags["sensitive"]),
                          appeared=flags["appeared"],
                          patrol=self._patrol(patrol) if patrol else None,
                          id=given.lower() if given and _UUID.match(given) else None, **texts)

    # ---- the plan and the import ------------------------------------------------------------
    def read_plan(self, path: str | Path, subject: str | None = None,
                  sheet: str | None = None) -> TablePlan:
        """Read the file and turn each row into a LogRequest (or the reason it cannot be
        one); rows already in the data are marked. Nothing is written."""
        path = Path(path).expanduser()
        if subject is not None:
            subject = self._roster.subject(subject).name
        rows, sheet_name, encoding = read_rows(path, sheet)
        at = find_header(rows)
        if at is None:
            if sheet_name:
                raise InvalidInput(code="table.no_header_sheet", field="file", rows=HEADER_SEARCH,
                                   name=path.name, sheet=sheet_name)
            raise InvalidInput(code="table.no_header", field="file", rows=HEADER_SEARCH,
                               name=path.name)
        cols, written, ignored = columns(rows[at][1])
        if subject is None and "subject" not in cols:
            raise InvalidInput(code="table.no_subject_column", field="subject", name=path.name)
        plan = TablePlan(path, subject, sheet_name, encoding, written, ignored)
        seen: Counter[str] = Counter()
        for number, values in rows[at + 1:]:
            if not any(cell_text(v) for v in values):
                continue  # blank lines between blocks, formatted but empty rows at the end
            row = TableRow(number)
            try:
                req = self._request(subject, values, cols)
            except DutylogError as exc:
                row.error = exc
            else:
                if req.id is None:
                    sid = self._roster.subject(req.subject).id
                    content = row_id(sid, req, 0)
                    seen[content] += 1
                    req = replace(req, id=row_id(sid, req, seen[content]))
                row.req = req
            plan.rows.append(row)
        if not plan.rows:
            raise InvalidInput(code="table.no_rows", field="file", name=path.name)
        ids = Counter(r.req.id for r in plan.rows if r.req)
        for row in plan.rows:
            if row.req is None or row.req.id is None:
                continue
            if ids[row.req.id] > 1:
                row.error = InvalidInput(code="table.same_id", field="id", id=row.req.id,
                                         rows=ids[row.req.id])
            else:
                row.present = self._exists(row.req.id)
        return plan

    def _exists(self, entry_id: str) -> bool:
        try:
            self._logbook.entry(entry_id)  # deleted ones too: an import never brings one back
            return True
        except NotFound:
            return False

    def run(self, plan: TablePlan, write: bool) -> int:
        """Log every new row in one transaction through `Logbook.log`; a row the log
        refuses gets its reason. Kept only when `write` and no row is bad; returns how
        many entries were (or would be) added."""
        added = 0
        try:
            with self._ctx.store.transaction():
                for row in plan.new:
                    assert row.req is not None
                    try:
                        self._logbook.log(row.req)
                        added += 1
                    except DutylogError as exc:
                        row.error = exc
                if not write or plan.bad:
                    raise _Rollback
        except _Rollback:
            pass
        return 0 if plan.bad else added

    def kind_counts(self, plan: TablePlan, lang: str) -> list[tuple[str, int]]:
        """The new rows by kind, most first: (the kind's name, how many)."""
        counts = Counter(r.req.kind for r in plan.new if r.req)
        out = []
        for kind_id, n in counts.most_common():
            kind = self._ctx.policy.kind(kind_id)
            out.append((kind.name.get(lang) if kind else kind_id, n))
        return out
