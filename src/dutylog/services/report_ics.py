"""iCalendar (RFC 5545) for `report --format ics`: frontline-office sessions, ledger due
dates and trips as all-day events. CRLF line ends, lines folded at 75 octets, TEXT escaped.

Nothing reads the clock: DTSTAMP is each record's own `updated_at` in UTC, so the same
data gives the same file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Dutylog
    from .reports import ReportData

from dutylog.textsafe import shown

SESSION_KINDS = ("frontline-office",)
WORDS = {
    "due": ("台账到期", "Ledger item due"), "trip": ("外出", "Trip"),
    "closed": ("已办结", "closed"), "opened": ("立项", "opened"),
    "emergency": ("紧急", "emergency"), "back": ("销假", "back"),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS.get(key, (key, key))
    return en if lang == "en" else zh


def escape(value: object) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and newlines escaped."""
    text = shown(str(value)).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out)


def stamp(updated_at: str | None) -> str:
    """DTSTAMP from a record's own timestamp, in UTC."""
    try:
        value = datetime.fromisoformat(updated_at) if updated_at else None
    except ValueError:
        value = None
    if value is None:
        value = datetime(1970, 1, 1, tzinfo=UTC)
    if value.tzinfo is None:  # a bare date or naive stamp: read as UTC, never the clock
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def event(uid: str, dtstamp: str, start: date, end: date, summary: str,
          location: str | None = None, description: str | None = None,
          categories: str | None = None) -> list[str]:
    """One all-day VEVENT from `start` to `end` inclusive (DTEND is exclusive in iCalendar)."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{dtstamp}",
             f"DTSTART;VALUE=DATE:{_day(start)}", f"DTEND;VALUE=DATE:{_day(end + timedelta(days=1))}",
             f"SUMMARY:{escape(summary)}"]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if categories:
        lines.append(f"CATEGORIES:{escape(categories)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def session_events(svc: Dutylog, data: ReportData, lang: str) -> list[list[str]]:
    events = []
    for e in data.entries:
        if e.kind not in SESSION_KINDS:
            continue
        kind = svc.policy.kind(e.kind)
        label = kind.name.get(lang) if kind else e.kind
        summary = f"{label}：{e.title}" if e.title and lang == "zh" else \
            f"{label}: {e.title}" if e.title else label
        days = max(1, int(-(-(e.days or 1) // 1)))
        desc = "\n".join(x for x in (e.people, data.names.get(e.object_id or ""), e.note) if x)
        events.append(event(f"{e.id}@dutylog", stamp(e.updated_at), e.date,
                            e.date + timedelta(days=days - 1), summary, e.place, desc or None,
                            label))
    return events


def ledger_events(svc: Dutylog, data: ReportData, year: int, lang: str) -> list[list[str]]:
    """Due dates of the subject's ledger items that fall in the year."""
    lister = getattr(svc, "ledger_list", None)
    if lister is None:  # a service without ledgers: nothing to add
        return []
    events = []
    for item in lister(data.subject.name, as_of=date(year, 12, 31)):
        due = item.due
        if due is None or due.year != year:
            continue
        ledger_type = svc.policy.ledger_type(item.type)
        kind = ledger_type.word(lang) if ledger_type is not None else item.type
        title = item.title
        what = (f"{title}（{kind}）" if lang == "zh" else f"{title} ({kind})") if title else kind
        summary = f"{_w('due', lang)}：{what}" if lang == "zh" else f"{_w('due', lang)}: {what}"
        desc = [f"{_w('opened', lang)} {item.opened}"]
        if item.closed:
            desc.append(f"{_w('closed', lang)} {item.closed}")
        if item.note:
            desc.append(item.note)
        events.append(event(f"ledger-{item.id}@dutylog", stamp(item.opened.isoformat()), due, due,
                            summary, None, "\n".join(desc), _w("due", lang)))
    return events


def trip_events(svc: Dutylog, data: ReportData, year: int, lang: str) -> list[list[str]]:
    lister = getattr(svc, "leave_list", None)
    if lister is None:
        return []
    events = []
    for trip in lister(data.subject.name, date(year, 12, 31)):
        depart, back = trip.depart, trip.return_date
        if back.year < year or depart.year > year:
            continue
        where = trip.destination or ""
        summary = f"{_w('trip', lang)}：{where}" if lang == "zh" and where else \
            f"{_w('trip', lang)}: {where}" if where else _w("trip", lang)
        desc = []
        if trip.emergency:
            desc.append(_w("emergency", lang))
        if trip.back:
            desc.append(f"{_w('back', lang)} {trip.back}")
        events.append(event(f"trip-{trip.id}@dutylog", stamp(trip.requested.isoformat()), depart,
                            max(back, depart), summary, where or None, "\n".join(desc) or None,
                            _w("trip", lang)))
    return events


def calendar_text(svc: Dutylog, data: ReportData, lang: str = "zh") -> str:
    year = data.status["year"]
    name = f"dutylog {data.subject.name} {year}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dutylog//dutylog//ZH",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for ev in (session_events(svc, data, lang) + ledger_events(svc, data, year, lang)
               + trip_events(svc, data, year, lang)):
        lines += ev
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
