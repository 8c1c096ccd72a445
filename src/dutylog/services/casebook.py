"""Views over entries: the people's diary with its follow-ups (clause 15), court cases
(clause 26: appeared yes/no and the rate) and patrols (clause 20: by type, month, year)."""

from __future__ import annotations

from datetime import date

from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import PATROL_TYPES
from dutylog.store import ledgers as db

PATROL_TARGET_SETTING = "patrols.target"


class CasebookMixin:
    def diary(self, subject: str | None = None, search: str | None = None,
              place: str | None = None, open_only: bool = False,
              as_of: date | None = None) -> list[dict]:
        """Diary entries, newest first, each with its follow-up state: `follow_up` is
        None (never raised), "open" or "closed"; `color` the most urgent open item's."""
        as_of = as_of or self.today
        entries = self.entries(subject=subject, kinds=["diary"], search=search, desc=True)
        place = (place or "").strip().lower()
        if place:
            entries = [e for e in entries if place in (e.place or "").lower()]
        raised = db.items_for_entries(self.store, [e.id for e in entries])
        cal, names, rows = self.calendar(), {}, []
        for e in entries:
            items = [self.ledger_record(i, as_of, cal, names) for i in raised.get(e.id, [])]
            open_items = [r for r in items if r["color"] != "closed"]
            state = None if not items else ("open" if open_items else "closed")
            if open_only and state != "open":
                continue
            worst = min((r["color"] for r in open_items),
                        key=["red", "yellow", "blue"].index, default=None)
            rows.append({"id": e.id, "date": e.date.isoformat(), "place": e.place,
                         "people": e.people, "title": e.title, "note": e.note,
                         "follow_up": state, "color": worst, "items": items})
        return rows

    def diary_places(self, subject: str | None = None) -> list[str]:
        places = {e.place for e in self.entries(subject=subject, kinds=["diary"]) if e.place}
        return sorted(places)

    def courts(self, subject: str, year: int | None = None) -> dict:
        """Court cases of a year (clause 26): each with appeared yes/no/unknown, and the
        rate appeared ÷ cases with a recorded outcome (None when there is none)."""
        year = year or self.today.year
        cases = self.entries(subject=subject, kinds=["court-case"], date_from=date(year, 1, 1),
                             date_to=date(year, 12, 31))
        decided = [c for c in cases if c.appeared is not None]
        appeared = sum(1 for c in decided if c.appeared)
        return {
            "subject": subject, "year": year,
            "cases": [{"id": c.id, "date": c.date.isoformat(), "title": c.title,
                       "place": c.place, "appeared": c.appeared} for c in cases],
            "count": len(cases), "appeared": appeared, "decided": len(decided),
            "rate": (appeared / len(decided)) if decided else None,
        }

    def patrol_target(self) -> float | None:
        """The yearly patrol target: the user's own (`patrols --target`), else the
        policy's (none in the preset: "定期" has no number)."""
        own = self.store.get_setting(PATROL_TARGET_SETTING)
        if own:
            return float(own)
        rule = self.policy.rule("patrols")
        return rule.target.min if rule is not None else None

    def set_patrol_target(self, target: float | None) -> None:
        if target is not None and target <= 0:
            raise InvalidInput(f"target: must be more than 0, got {target}", "target")
        self.store.set_setting(PATROL_TARGET_SETTING, "" if target is None else str(target))

    def patrols(self, subject: str, year: int | None = None) -> dict:
        """Patrols of a year (clause 20) by type (river/lake, bay, forest): per month
        and for the year, with the target when one is set."""
        year = year or self.today.year
        found = self.entries(subject=subject, kinds=["patrol"], date_from=date(year, 1, 1),
                             date_to=date(year, 12, 31))
        kinds = (*PATROL_TYPES, "unspecified")
        months = [{"month": m, **{k: 0 for k in kinds}, "total": 0} for m in range(1, 13)]
        for e in found:
            row = months[e.date.month - 1]
            row[e.patrol if e.patrol in PATROL_TYPES else "unspecified"] += 1
            row["total"] += 1
        totals = {k: sum(m[k] for m in months) for k in kinds}
        total = len(found)
        target = self.patrol_target()
        return {"subject": subject, "year": year, "months": months, "by_type": totals,
                "total": total, "target": target,
                "met": None if target is None else total >= target}
