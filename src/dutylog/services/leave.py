"""Trips out of the city (离海请假) and 销假 on return: clause 3."""

from __future__ import annotations

from datetime import date

# dutylog.domain.ledger (and with it the working-day calendar) is imported where used.
from dutylog.domain.dates import check_range
from dutylog.domain.errors import InvalidInput
from dutylog.store import ledgers as db
from dutylog.textsafe import clean_text

from .context import Context
from .results import TripRecord
from .subjects import Roster


class Leave:
    def __init__(self, ctx: Context, roster: Roster) -> None:
        self._ctx = ctx
        self._roster = roster
        self._repo = ctx.store.ledgers

    def leave_request(self, subject: str, requested: date, depart: date, return_date: date,
                      emergency: bool = False, destination: str | None = None) -> db.Trip:
        subj = self._roster.subject(subject)
        if requested > self._ctx.today:
            raise InvalidInput(code="leave.requested_future", field="requested", when=requested,
                               today=self._ctx.today)
        from dutylog.domain import ledger as rules
        for field, day in (("requested", requested), ("depart", depart), ("return", return_date)):
            check_range(day, self._ctx.today, field)
        rules.validate_trip(depart, return_date)
        destination = clean_text(destination or "", multiline=False).strip() or None
        return self._repo.add_trip(subject_id=subj.id, requested=requested, depart=depart,
                           return_date=return_date, emergency=bool(emergency),
                           destination=destination, changed_by=subj.name)

    def trip(self, trip_id: str) -> db.Trip:
        return self._repo.get_trip(trip_id)

    def leave_back(self, trip_id: str, when: date) -> db.Trip:
        trip = self.trip(trip_id)
        if trip.back is not None:
            raise InvalidInput(code="leave.already_back", field="id", id=trip.id[:8], back=trip.back)
        if when > self._ctx.today:
            raise InvalidInput(code="day.future", field="date", when=when, today=self._ctx.today)
        from dutylog.domain import ledger as rules
        rules.validate_trip(trip.depart, trip.return_date, when)
        return self._repo.trip_back(trip, when, self._roster.subject_of(trip).name)

    def trip_record(self, trip: db.Trip, as_of: date, names: dict[str, str]) -> TripRecord:
        from dutylog.domain import ledger as rules
        status = rules.trip_status(trip.requested, trip.depart, trip.return_date,
                                   trip.emergency, trip.back, as_of)
        if trip.subject_id not in names:
            names[trip.subject_id] = self._roster.subject_of(trip).name
        back = trip.back if trip.back is not None and trip.back <= as_of else None
        return TripRecord(trip.id, trip.requested, trip.depart, trip.return_date, trip.emergency, back,
                          status.notice_days, status.compliant, status.open, names[trip.subject_id],
                          trip.destination)

    def leave_list(self, subject: str | None = None, as_of: date | None = None) -> list[TripRecord]:
        """Trips requested by `as_of` (default today), by departure day."""
        as_of = as_of or self._ctx.today
        subject_id = self._roster.subject(subject).id if subject else None
        names: dict[str, str] = {}
        return [self.trip_record(t, as_of, names) for t in self._repo.list_trips(subject_id)
                if t.requested <= as_of]
