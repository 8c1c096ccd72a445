"""`dutylog report`: the year's 述职 material (Markdown, or Word in report_docx), entries for
Excel (CSV with BOM, or a workbook in report_xlsx) and a calendar (iCalendar, RFC 5545) —
built from the service, written where the user says.

Entries marked sensitive are left out unless `include_sensitive`; the Markdown says how
many were left out, so the counts still add up.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylog import __version__
from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry, Link, Subject
from dutylog.fmt import local_time, num, rule_line
from dutylog.i18n import t
from dutylog.textsafe import shown, shown_line

from .report_ics import calendar_text

if TYPE_CHECKING:
    from .core import Dutylog
    from .tracking import Progress

FORMATS = ("md", "csv", "ics", "docx", "xlsx")
SUFFIX = {"md": ".md", "csv": ".csv", "ics": ".ics", "docx": ".docx", "xlsx": ".xlsx"}

# Words only reports use (the shared catalog keeps the UI's words).
WORDS = {
    "title": ("{name} {year} 年度履职情况（述职材料）", "{name}: duties in {year} (annual report)"),
    "basis": ("依据", "Policy"), "as_of": ("截至", "As of"), "roles": ("角色", "Roles"),
    "made": ("生成", "Made by"), "overview": ("总览", "Overview"),
    "target": ("目标", "Target"), "actual": ("完成", "Actual"), "status": ("状态", "Status"),
    "expected": ("应达", "expected"), "periods": ("分期", "Periods"),
    "entries": ("佐证记录", "Supporting entries"), "none": ("（无记录）", "(no entries)"),
    "links": ("联系对象", "Linked"), "pending": ("待确认", "awaiting confirmation"),
    "by": ("记录", "recorded by"), "sensitive": ("另有 {n} 条标为敏感的记录未列出。",
                                                 "{n} entries marked sensitive are not listed."),
    "per": ("每{p}", "per {p}"), "met_periods": ("{done}/{total} 期达标", "{done} of {total} periods met"),
    "four_no": ("四不两直", "unannounced"), "days": ("天", "days"), "deadline": ("截止", "due"),
    "note": ("说明", "Note"),
}


def w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


@dataclass
class ReportData:
    status: dict[str, Any]
    progress: Progress  # the rule results the words come from
    subject: Subject
    entries: list[Entry]  # the year's entries up to as_of, sensitive ones removed unless asked
    hidden: int  # sensitive entries left out
    names: dict[str, str]  # link id -> name


def collect(svc: Dutylog, subject: str, year: int | str | None, include_sensitive: bool = False) -> ReportData:
    subj = svc.subject(subject)
    y, as_of = svc.resolve_year(year, None)
    progress = svc.progress(subj.name, y, as_of)
    status = {"subject": subj.name, "roles": list(progress.roles), "year": y, "as_of": as_of.isoformat()}
    everything = svc.entries(subject=subj.name, date_from=date(y, 1, 1), date_to=date(y, 12, 31))
    kept = [e for e in everything if include_sensitive or not e.sensitive]
    names = {ln.id: ln.name for ln in svc.links(subj.name)}
    return ReportData(status, progress, subj, kept, len(everything) - len(kept), names)


# ---- Markdown ------------------------------------------------------------------------------
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md_text(value: object) -> str:
    """User text safe in Markdown: one line, special characters escaped."""
    return shown_line(str(value)).translate(_MD_SPECIAL)


def entry_line(e: Entry, data: ReportData, svc: Dutylog, lang: str,
               esc: Callable[[object], str] = md_text) -> str:
    """One supporting entry in words; `esc` makes user text safe for the output (Markdown
    by default; the Word report passes plain one-line text)."""
    kind = svc.policy.kind(e.kind)
    parts = [e.date.isoformat()]
    if e.place:
        parts.append(esc(e.place))
    if e.title or e.note:  # a diary often has only a note: its start stands in for a title
        text = e.title or e.note or ""
        parts.append(esc(text if len(text) <= 40 else text[:40] + "…"))
    else:
        parts.append(kind.name.get(lang) if kind else e.kind)
    details = []
    if e.days is not None:
        details.append(f"{num(e.days, 'days')} {w('days', lang)}")
    if e.four_no:
        details.append(w("four_no", lang))
    if e.object_id and e.object_id in data.names:
        details.append(esc(data.names[e.object_id]))
    if e.people:
        details.append(esc(e.people))
    if e.recorded_by and e.recorded_by != data.subject.name:
        mark = "" if e.confirmed_by else f"，{w('pending', lang)}" if lang == "zh" else f", {w('pending', lang)}"
        details.append(f"{esc(e.recorded_by)} {w('by', lang)}{mark}" if lang == "zh"
                       else f"{w('by', lang)} {esc(e.recorded_by)}{mark}")
    line = " · ".join(parts)
    if details:
        line += f"（{'，'.join(details)}）" if lang == "zh" else f" ({', '.join(details)})"
    return line


def _span(link: Link, lang: str) -> str:
    if link.since is None and link.until is None:
        return ""
    start, end = link.since or "…", link.until or ("今" if lang == "zh" else "now")
    return f"（{start} 至 {end}）" if lang == "zh" else f" ({start} – {end})"


def markdown_report(svc: Dutylog, data: ReportData, lang: str = "zh") -> str:
    st = data.status
    policy = svc.policy
    role_names = {r.id: r.name.get(lang) for r in policy.roles}
    as_of = data.progress.as_of
    lines = {r.rule.id: rule_line(r, policy, as_of, lang) for r in data.progress.results}
    out = [f"# {w('title', lang).format(name=md_text(st['subject']), year=st['year'])}", ""]
    out += [f"- {w('basis', lang)}：{policy.document}（{policy.id}）" if lang == "zh"
            else f"- {w('basis', lang)}: {policy.document} ({policy.id})",
            f"- {w('as_of', lang)}：{st['as_of']}" if lang == "zh" else f"- {w('as_of', lang)}: {st['as_of']}",
            (f"- {w('roles', lang)}：" if lang == "zh" else f"- {w('roles', lang)}: ")
            + "、".join(role_names.get(r, r) for r in st["roles"]),
            f"- {w('made', lang)}：dutylog {__version__}" if lang == "zh" else f"- {w('made', lang)}: dutylog {__version__}",
            ""]
    out += [f"## {w('overview', lang)}", "",
            f"| {t('col.rule', lang)} | {t('col.actual', lang)} | {t('col.expected', lang)} | "
            f"{w('status', lang)} | {w('note', lang)} |",
            "|---|---|---|---|---|"]
    for r in data.progress.results:
        line = lines[r.rule.id]
        out.append(f"| {md_text(r.rule.title.get(lang))} | {md_text(line.progress)} | {line.expected} | "
                   f"{line.mark} {line.word} | {md_text(line.detail)} |")
    out.append("")
    by_kind: dict[str, list[Entry]] = {}
    for e in data.entries:
        if e.date <= as_of:
            by_kind.setdefault(e.kind, []).append(e)
    sections = {s.id: s.name.get(lang) for s in policy.sections}
    current = None
    for res in data.progress.results:
        rule, line = res.rule, lines[res.rule.id]
        section = rule.section
        if section != current and section in sections:
            out += [f"## {sections[section]}", ""]
            current = section
        clause = f"（第{rule.clause}条）" if lang == "zh" else f" (clause {rule.clause})"
        sep = "：" if lang == "zh" else ": "
        out += [f"### {md_text(rule.title.get(lang))}{clause}", ""]
        if rule.duty:
            out += [f"> {md_text(rule.duty)}", ""]
        per = "" if rule.period in ("year", "window") else \
            (f"（{t('period.' + rule.period, lang)}）" if lang == "zh" else f" ({t('period.' + rule.period, lang)})")
        out += [f"- {w('target', lang)}{sep}{line.target}{per}",
                f"- {t('col.actual', lang)}{sep}{md_text(line.progress)}"]
        if line.expected:
            out.append(f"- {t('col.expected', lang)}{sep}{line.expected}")
        out.append(f"- {w('status', lang)}{sep}{line.mark} {line.word}")
        if line.detail:
            out.append(f"- {w('note', lang)}{sep}{md_text(line.detail)}")
        out.append("")
        if not res.metric.needs_kinds:  # an assignment (links), not activities: list them
            linked = [ln for ln in svc.links(data.subject.name) if ln.link_type == rule.link_type]
            out += [f"{w('links', lang)}{sep.strip()}", ""]
            out += [f"{i}. {md_text(ln.name)}{_span(ln, lang)}"
                    for i, ln in enumerate(linked, 1)] or [w("none", lang)]
            out.append("")
            continue
        items = [e for k in rule.kinds for e in by_kind.get(k, [])]
        items.sort(key=lambda e: (e.date, e.id))
        out += [f"{w('entries', lang)}{sep.strip()}", ""]
        out += [f"{i}. {entry_line(e, data, svc, lang)}" for i, e in enumerate(items, 1)] or [w("none", lang)]
        out.append("")
    if data.hidden:
        out += [w("sensitive", lang).format(n=data.hidden), ""]
    return "\n".join(out)


# ---- CSV for Excel ---------------------------------------------------------------------------
CSV_COLUMNS = {
    "zh": ["编号", "日期", "类别", "类别代码", "天数", "四不两直", "标题", "地点", "人员", "备注",
           "联系对象", "记录人", "确认人", "出庭", "巡查", "敏感", "更新时间"],
    "en": ["id", "date", "kind", "kind code", "days", "unannounced", "title", "place", "people",
           "note", "linked object", "recorded by", "confirmed by", "appeared", "patrol", "sensitive",
           "updated"],
}  # 更新时间: when the entry was last written, in the laptop's zone (北京时间), to the minute


def cell(value: object) -> str:
    """Text Excel shows as text: formulas (=, +, -, @ first) are defused with a quote."""
    if value is None:
        return ""
    text = shown(str(value))  # an ESC/OSC sequence never lands raw in the sheet (issue 12)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_report(svc: Dutylog, data: ReportData, lang: str = "zh") -> bytes:
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")

    def flag(v: bool | None) -> str:
        return "" if v is None else (yes if v else no)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[lang])
    for e in data.entries:
        kind = svc.policy.kind(e.kind)
        writer.writerow([e.id, e.date.isoformat(), kind.name.get(lang) if kind else e.kind, e.kind,
                         num(e.days, "days") if e.days is not None else "", flag(e.four_no)]
                        + [cell(v) for v in (e.title, e.place, e.people, e.note,
                                             data.names.get(e.object_id or ""), e.recorded_by,
                                             e.confirmed_by)]
                        + [flag(e.appeared), e.patrol or "", flag(e.sensitive),
                           local_time(e.updated_at)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ---- the file --------------------------------------------------------------------------------
def build_report(svc: Dutylog, subject: str, year: int | str | None, fmt: str, lang: str = "zh",
                 include_sensitive: bool = False) -> bytes:
    if fmt not in FORMATS:
        raise InvalidInput(code="report.format", field="format", text=fmt, accepted=list(FORMATS))
    data = collect(svc, subject, year, include_sensitive)
    if fmt == "md":
        return markdown_report(svc, data, lang).encode("utf-8")
    if fmt == "csv":
        return csv_report(svc, data, lang)
    if fmt == "docx":  # python-docx is imported only for this format
        from .report_docx import docx_report

        return docx_report(svc, data, lang)
    if fmt == "xlsx":  # openpyxl likewise
        from .report_xlsx import xlsx_report

        return xlsx_report(svc, data, lang)
    return calendar_text(svc, data, lang).encode("utf-8")


def write_report(svc: Dutylog, out: Path, subject: str, year: int | str | None, fmt: str, lang: str = "zh",
                 include_sensitive: bool = False, force: bool = False) -> Path:
    """Build the report and write it to `out` (an existing file only with `force`; never
    a device or pipe); files inside the data folder get mode 0600 like the rest of it."""
    from dutylog.console import check_output_file, write_beside

    out = Path(out).expanduser()
    if out.is_dir():
        raise InvalidInput(code="out.folder", field="out", path=out, example=out / ("report" + SUFFIX[fmt]))
    if not out.parent.is_dir():
        raise InvalidInput(code="out.no_folder", field="out", folder=out.parent)
    home = svc.home
    if out.name.startswith("dutylog.db") and _inside(out, home) or _inside(out, home / "backups"):
        raise InvalidInput(code="out.own_data", field="out", path=out)
    check_output_file(out, force)
    payload = build_report(svc, subject, year, fmt, lang, include_sensitive)
    inside = _inside(out, home)
    try:
        write_beside(out, payload, 0o600 if inside else 0o666)
    except PermissionError as exc:  # on Windows: the file is open in Excel or WPS
        raise InvalidInput(code="out.locked", field="out", path=out, reason=exc.strerror or exc) from exc
    except OSError as exc:
        raise InvalidInput(code="out.unwritable", field="out", path=out, reason=exc.strerror or exc) from exc
    if inside:
        os.chmod(out, 0o600)
    return out


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
