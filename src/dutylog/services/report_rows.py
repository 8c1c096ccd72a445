"""What the Word and Excel reports show, as rows: one status row per rule in the words of
`fmt.rule_line` (so the documents agree with the dashboard, `status` and the Markdown),
the entries under each rule, and the year's ledger items and trips.

No python-docx or openpyxl here: report_docx and report_xlsx lay these rows out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutylog.domain.model import Entry
from dutylog.fmt import rule_line
from dutylog.i18n import t
from dutylog.textsafe import shown

from .reports import ReportData, w
from .results import LedgerRecord, TripRecord

if TYPE_CHECKING:
    from .core import Dutylog

# Characters XML 1.0 cannot hold (both .docx and .xlsx are XML): C0 controls except tab,
# newline and carriage return, lone surrogates, U+FFFE/U+FFFF. An entry's note may
# contain one (pasted from elsewhere); it is dropped rather than refusing the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Words the documents add to reports.WORDS and the shared catalog.
WORDS = {
    "section": ("部分", "Part"), "clause": ("条款", "Clause"),
    "clause_n": ("第{n}条", "clause {n}"),
    "ledgers": ("台账事项", "Ledger items"), "trips": ("外出请假", "Trips"),
    "no_ledgers": ("本年度没有台账事项。", "No ledger items this year."),
    "no_trips": ("本年度没有外出请假记录。", "No trips this year."),
    "subject": ("姓名", "Name"), "period": ("期间", "Period"),
    "period_text": ("{start} 至 {end}", "{start} to {end}"),
    "late": ("超期", "late"), "left": ("剩余工作日", "Working days left"),
    "note": ("备注", "Note"), "yes": ("是", "yes"), "no": ("否", "no"),
    "status_table": ("完成情况", "Status"), "entries_sheet": ("台账", "Entries"),
}


def word(key: str, lang: str) -> str:
    if key in WORDS:
        zh, en = WORDS[key]
        return en if lang == "en" else zh
    return w(key, lang)


def xml_safe(value: object) -> str:
    """Text for a Word or Excel file: every control character visible (textsafe.shown, so
    an ESC or OSC sequence stored before issue 12 never lands raw), then XML-legal."""
    return _NOT_XML.sub("", shown("" if value is None else str(value)))


def one_line(value: object) -> str:
    """User text for a table cell or a list line: one line, XML-safe."""
    return " ".join(xml_safe(value).split())


@dataclass(frozen=True)
class StatusRow:
    rule_id: str
    section: str  # the part of the document, in words
    clause: int
    duty: str  # the rule's title
    target: str  # with its period ("≥1（双周）") as the Markdown shows it
    progress: str  # rule_line.progress: "done" in the tables
    expected: str
    mark: str
    word: str
    detail: str  # the shortfall or note

    @property
    def status(self) -> str:
        return f"{self.mark} {self.word}".strip()


def status_rows(svc: Dutylog, data: ReportData, lang: str) -> list[StatusRow]:
    policy, as_of = svc.policy, data.progress.as_of
    sections = {s.id: s.name.get(lang) for s in policy.sections}
    rows = []
    for r in data.progress.results:
        rule, line = r.rule, rule_line(r, policy, as_of, lang)
        per = ""
        if rule.period not in ("year", "window"):
            period = t("period." + rule.period, lang)
            per = f"（{period}）" if lang == "zh" else f" ({period})"
        rows.append(StatusRow(rule.id, sections.get(rule.section, rule.section or ""), rule.clause,
                              rule.title.get(lang), f"{line.target}{per}", line.progress,
                              line.expected, line.mark, line.word, line.detail))
    return rows


def entries_by_rule(data: ReportData) -> dict[str, list[Entry]]:
    """The listed entries (sensitive ones already removed) of each rule that counts
    activities, by date, up to the evaluation day."""
    as_of = data.progress.as_of
    by_kind: dict[str, list[Entry]] = {}
    for e in data.entries:
        if e.date <= as_of:
            by_kind.setdefault(e.kind, []).append(e)
    out = {}
    for r in data.progress.results:
        if r.metric.needs_kinds:
            items = [e for k in r.rule.kinds for e in by_kind.get(k, [])]
            out[r.rule.id] = sorted(items, key=lambda e: (e.date, e.id))
    return out


def year_span(data: ReportData) -> tuple[date, date]:
    year = data.status["year"]
    return date(year, 1, 1), min(date(year, 12, 31), data.progress.as_of)


def ledger_rows(svc: Dutylog, data: ReportData) -> list[LedgerRecord]:
    """The subject's ledger items open at some time in the year (up to the evaluation
    day), most urgent first, as `ledger list` gives them."""
    lister = getattr(svc, "ledger_list", None)
    if lister is None:
        return []
    start, end = year_span(data)
    return [item for item in lister(data.subject.name, as_of=end)
            if item.closed is None or item.closed >= start]


def trip_rows(svc: Dutylog, data: ReportData) -> list[TripRecord]:
    """The subject's trips that touch the year, by departure day."""
    lister = getattr(svc, "leave_list", None)
    if lister is None:
        return []
    start, end = year_span(data)
    return [trip for trip in lister(data.subject.name, end)
            if trip.return_date >= start and trip.depart <= end]


def ledger_type_word(svc: Dutylog, type_id: str, lang: str) -> str:
    kind = svc.policy.ledger_type(type_id)
    return kind.word(lang) if kind is not None else type_id


def iso(day: date | None) -> str:
    """YYYY-MM-DD, or nothing."""
    return day.isoformat() if day is not None else ""


def colour_word(item: LedgerRecord, lang: str) -> str:
    text = t(f"ledger.colour.{item.color}", lang)
    if item.late:
        text += f"（{word('late', lang)}）" if lang == "zh" else f" ({word('late', lang)})"
    return text


def trip_flags(trip: TripRecord, lang: str) -> str:
    """Compliance in the Leave screen's words, with emergency and not-back marks."""
    parts = [t("leave.yes" if trip.compliant else "leave.no", lang)]
    if trip.emergency:
        parts.append(t("leave.emergency", lang))
    if trip.open:
        parts.append(t("leave.open", lang))
    return ("，" if lang == "zh" else ", ").join(parts)
