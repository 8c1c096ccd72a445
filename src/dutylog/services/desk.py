"""The desk: every kept subject against every duty, from the same results as each
dashboard (`Tracker.evaluate` through `ui.dashboard`'s reading), free of Textual.

A cell is one of `CELL_STATES`: `met` (met or over), `on_track`, `due_soon` (on track, but
a period still unmet closes within the week), `behind`, `unreachable`, `missed`; "" where
the rule does not apply or judges nothing yet (no target, untracked). A row is evaluated
when first asked for (`Desk.row`, ≈ 10 ms a subject-year of 1,000 entries) and kept for
the `Desk`'s life. Sorting by "most behind", a status filter, the week's due list and the
export need all of them: the app evaluates them in a worker thread (`row` is safe to call
from one: the store's reads take its lock) and asks with `counted_only=True` meanwhile,
which reads the rows evaluated so far and never evaluates on the caller's thread.

What was counted is kept in the database's memo (store/memo.py) under a stamp of what the
count read: the day, the policy, the database's change number. A `Desk` made again under
the same stamp (the desk opened again that day, nothing written since) starts with those
rows counted; `remember` keeps the rows it evaluated (the app's worker calls it with each
report, `all_rows` at its end).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from dutylog import __version__
from dutylog.domain.model import Subject
from dutylog.domain.progress import RuleResult
from dutylog.domain.rules import Policy, Rule
from dutylog.i18n import t

from .core import Dutylog
from .ui import DueItem, due_next, pending_by_rule

CELL_STATES = ("met", "on_track", "due_soon", "behind", "unreachable", "missed")
BEHIND_STATES = ("behind", "unreachable", "missed")
SOON_DAYS = 7  # an open period closing within a week is "due soon"


MEMO_FORMAT = "desk-1"  # the memo's reading of a row; a new one forgets the old rows


@dataclass(frozen=True, slots=True)
class DeskDue:
    """One thing due this week: the rule, the days left in its period, the object."""

    rule: Rule
    days_left: int  # 0: the period closes today
    object_name: str | None = None


@dataclass
class DeskRow:
    subject: Subject
    roles: tuple[str, ...]
    cells: dict[str, str]  # rule id -> one of CELL_STATES or ""
    pending: int
    due: list[DeskDue] = field(default_factory=list)  # due this week (period ends by Sunday)

    @property
    def behind(self) -> int:
        return sum(1 for s in self.cells.values() if s in BEHIND_STATES)

    @property
    def due_soon(self) -> int:
        return sum(1 for s in self.cells.values() if s == "due_soon")


def cell_state(r: RuleResult, due: list[DueItem], as_of: date) -> str:
    """The desk's word for one rule's result (see the module docstring)."""
    status = str(getattr(r.status, "value", r.status))
    if status in ("met", "over"):
        return "met"
    if status in ("behind", "unreachable", "missed"):
        return status
    if status == "on_track":
        soon = any(d.result is r and d.days_left < SOON_DAYS for d in due)
        return "due_soon" if soon else "on_track"
    return ""


def week_end(as_of: date) -> date:
    """The Sunday of as_of's week (Monday first)."""
    return as_of + timedelta(days=6 - as_of.weekday())


def evaluate_row(svc: Dutylog, subj: Subject, year: int, as_of: date) -> DeskRow:
    entries = svc.year_entries(subj, year)
    results = svc.evaluate(subj, year, as_of, entries=entries)
    due = due_next(results, as_of)
    cells = {r.rule.id: cell_state(r, due, as_of) for r in results}
    _, pending = pending_by_rule(svc.policy, results, entries, subj.name, as_of)
    sunday = week_end(as_of)
    return DeskRow(subj, svc.roles_of(subj), cells, pending,
                   [DeskDue(d.result.rule, d.days_left, d.object_name) for d in due if d.period.end <= sunday])


def row_text(row: DeskRow) -> str:
    """The row as the memo keeps it (the subject and its roles are read anew)."""
    return json.dumps({"cells": row.cells, "pending": row.pending,
                       "due": [[d.rule.id, d.days_left, d.object_name] for d in row.due]},
                      ensure_ascii=False, separators=(",", ":"))


def row_from_text(svc: Dutylog, subj: Subject, text: str) -> DeskRow | None:
    """The row the memo kept, or None when it cannot be read (then it is counted again)."""
    try:
        data = json.loads(text)
        due = []
        for rule_id, days_left, object_name in data["due"]:
            rule = svc.policy.rule(rule_id)
            if rule is None:
                return None
            due.append(DeskDue(rule, int(days_left), object_name))
        cells = dict(data["cells"])
        if not all(isinstance(k, str) and (v in CELL_STATES or v == "") for k, v in cells.items()):
            return None  # (never what `row_text` wrote: counted again)
        return DeskRow(subj, svc.roles_of(subj), cells, int(data["pending"]), due)
    except (ValueError, TypeError, KeyError):
        return None


_DIGESTS: dict[int, tuple[Policy, str]] = {}


def policy_digest(policy: Policy) -> str:
    """A fingerprint of everything the policy says (its targets, roles, periods)."""
    kept = _DIGESTS.get(id(policy))
    if kept is None or kept[0] is not policy:
        kept = _DIGESTS[id(policy)] = (policy, hashlib.sha1(repr(policy).encode("utf-8")).hexdigest()[:16])
    return kept[1]


class Desk:
    """The kept subjects of one year as the desk shows them; rows evaluated on demand."""

    def __init__(self, svc: Dutylog, year: int | None = None) -> None:
        self.svc = svc
        self.year, self.as_of = svc.resolve_year(year, None)
        self.subjects = svc.subjects()
        self._rows: dict[str, DeskRow] = {}
        self._fresh: list[str] = []  # evaluated here, not yet in the memo
        self._towns: dict[str, list[str]] | None = None
        roles: set[str] = set()
        for s in self.subjects:
            roles.update(svc.roles_of(s))
        self.rules: list[Rule] = [r for r in svc.policy.rules if set(r.roles) & roles]
        memo = svc.memo
        self._rev = memo.change_number()
        self._stamp = (f"{MEMO_FORMAT} {__version__} {self.as_of.isoformat()} {self._rev} "
                       f"{policy_digest(svc.policy)}")  # (another dutylog may count otherwise)
        kept = memo.rows(self.year, self._stamp)
        for subj in self.subjects if kept else ():
            text = kept.get(subj.id)
            row = row_from_text(svc, subj, text) if text is not None else None
            if row is not None:
                self._rows[subj.id] = row

    def row(self, subj: Subject) -> DeskRow:
        found = self._rows.get(subj.id)
        if found is None:
            found = self._rows[subj.id] = evaluate_row(self.svc, subj, self.year, self.as_of)
            self._fresh.append(subj.id)
        return found

    def remember(self) -> bool:
        """Keep the rows evaluated since the last call in the memo (False: not kept — the
        data changed meanwhile, or the database cannot be written)."""
        fresh, self._fresh = self._fresh, []
        rows = [(sid, row_text(self._rows[sid])) for sid in fresh]
        return self.svc.memo.keep(self.year, self._stamp, self._rev, rows)

    def counted(self, subj: Subject) -> DeskRow | None:
        """The subject's row if it has been evaluated, else None (never evaluates)."""
        return self._rows.get(subj.id)

    @property
    def done(self) -> int:
        """How many subjects are evaluated."""
        return len(self._rows)

    @property
    def complete(self) -> bool:
        return len(self._rows) >= len(self.subjects)

    def all_rows(self) -> list[DeskRow]:
        rows = [self.row(s) for s in self.subjects]
        if self._fresh:
            self.remember()
        return rows

    def towns(self, subj: Subject) -> list[str]:
        """The names of the subject's town and village links (what the town filter reads)."""
        if self._towns is None:  # built whole, then kept (the app's worker may build it)
            self._towns = {s.id: [ln.name for ln in self.svc.roster.links_of(s)
                                  if ln.link_type in ("town", "village")]
                           for s in self.subjects}
        return self._towns.get(subj.id, [])

    # ---- filter and sort ------------------------------------------------------------
    def matches(self, subj: Subject, text: str, lang: str, counted_only: bool = False) -> bool:
        """Every word of `text` names one of the subject's roles (its id, or a part of its
        short word, implied roles included), a town or
        village it is linked to, a status it has in some duty, or a part of its name.
        `counted_only`: a subject not yet evaluated has no status (it matches none)."""
        for word in text.split():
            w = word.casefold()
            if w in subj.name.casefold():
                continue
            roles = self.svc.roles_of(subj)
            policy = self.svc.policy
            if any(w == r or _role_words(policy, r, w) for r in roles):
                continue
            if any(w in town.casefold() for town in self.towns(subj)):
                continue
            states = [s for s in CELL_STATES if w in (s, t(f"desk.state.{s}", "zh"),
                                                      t(f"desk.state.{s}", "en").casefold())]
            if states:
                row = self.counted(subj) if counted_only else self.row(subj)
                if row is not None and any(c in states for c in row.cells.values()):
                    continue
            return False
        return True

    def by_state(self, text: str) -> bool:
        """Some word of `text` names a status (the filter reads the evaluated rows)."""
        words = {w.casefold() for w in text.split()}
        return any(w in (s, t(f"desk.state.{s}", "zh"), t(f"desk.state.{s}", "en").casefold())
                   for s in CELL_STATES for w in words)

    def view(self, text: str = "", most_behind: bool = False, lang: str = "zh",
             counted_only: bool = False) -> list[Subject]:
        """The subjects shown: those matching `text`, in the order added or most behind
        first. `counted_only`: from the rows evaluated so far (a status filter leaves out
        the others, "most behind" puts them last, in the order added)."""
        found = [s for s in self.subjects
                 if not text.strip() or self.matches(s, text, lang, counted_only)]
        if most_behind:
            order = {s.id: i for i, s in enumerate(self.subjects)}

            def key(s: Subject) -> tuple[int, int, int, int]:
                row = self.counted(s) if counted_only else self.row(s)
                if row is None:
                    return (1, 0, 0, order[s.id])
                return (0, -row.behind, -row.due_soon, order[s.id])

            found.sort(key=key)
        return found

    def due_this_week(self, counted_only: bool = False) -> list[tuple[Subject, DeskDue]]:
        """What is due by Sunday across the subjects (`counted_only`: those evaluated so far)."""
        if counted_only:
            rows = [r for r in map(self.counted, self.subjects) if r is not None]
        else:
            rows = self.all_rows()
        out = [(row.subject, d) for row in rows for d in row.due]
        out.sort(key=lambda x: (x[1].days_left, x[0].name))
        return out

    # ---- export ---------------------------------------------------------------------
    def table(self, subjects: list[Subject], lang: str) -> tuple[list[str], list[list[object]]]:
        """Headers and rows of the export: name, roles, pending, behind, then a status
        word per duty."""
        heads = [t("desk.col_name", lang), t("col.roles", lang), t("desk.col_pending", lang),
                 t("desk.col_behind", lang)] + [r.title.get(lang) for r in self.rules]
        rows = []
        for s in subjects:
            row = self.row(s)
            rows.append([s.name, " ".join(row.roles), row.pending, row.behind]
                        + [t(f"desk.state.{row.cells[r.id]}", lang) if row.cells.get(r.id) else ""
                           for r in self.rules])
        return heads, rows


def _role_words(policy: Policy, role_id: str, w: str) -> bool:
    role = policy.role(role_id)
    if role is None:
        return False
    short = role.short or role.name  # the short words: a long name says too much ("领导")
    return any(w in (x or "").casefold() for x in (short.zh, short.en))


def desk_csv(heads: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 with BOM (Excel opens it right), formula-like text quoted as the reports do."""
    from .reports import cell

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(heads)
    for row in rows:
        writer.writerow([cell(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def desk_xlsx(heads: list[str], rows: list[list[object]], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .report_xlsx import _put

    wb = Workbook()
    ws = wb.active
    ws.title = t("key.desk", lang)[:31]
    for c, head in enumerate(heads, 1):
        ws.cell(row=1, column=c, value=head).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            _put(ws, r, c, value)
    ws.freeze_panes = "B2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
