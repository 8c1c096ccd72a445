"""Leave (请销假, clause 3): trips with their notice, compliance and open flag; keys to
record a request and its 销假."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding

from dutylog.services.results import TripRecord
from dutylog.tui.dialogs.form import FormDialog, FormField

from .. import fmt
from .base import TableScreen

COLUMNS = ("col.subject", "leave.dest", "leave.requested", "leave.depart", "leave.return",
           "leave.back", "leave.notice", "leave.compliant")


class LeaveScreen(TableScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("f2,r", "request", "key.request"),
        Binding("f3,b", "back", "key.report_back"),
    ]

    NAME = "leave"

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.subject = subject
        self.trips: list[TripRecord] = []

    def on_mount(self) -> None:
        self.open_table(*COLUMNS)

    def reload(self) -> None:
        table, w = self.table, self.word
        table.clear()
        self.trips = self.service.leave_list(self.subject, self.as_of)
        for t in self.trips:
            ok = Text(fmt.glyph_text(w("leave.yes")), style="green") if t.compliant else Text(fmt.glyph_text(w("leave.no")), style="bold red")
            if t.emergency:
                ok.append(f" {w('leave.emergency')}")
            back = (Text(w("leave.open"), style="bold yellow") if t.open else
                    Text(t.back.isoformat() if t.back else ""))
            table.add_row(fmt.cell(t.subject), fmt.cell(t.destination), Text(t.requested.isoformat()),
                          Text(t.depart.isoformat()), Text(t.return_date.isoformat()), back,
                          Text(str(t.notice_days)), ok, key=t.id)
        open_n = sum(t.open for t in self.trips)
        self.title_line(f"{w('leave.title')} · {self.subject or w('screen.all')} · {w('leave.open_n')} {open_n}")
        self.say("" if self.trips else w("leave.none"))

    def action_request(self) -> None:
        w, svc = self.word, self.service
        fields = []
        if not self.subject:
            fields.append(FormField("subject", w("col.subject"), "select",
                                    options=tuple((s.name, s.name) for s in svc.subjects())))
        fields += [FormField("requested", w("leave.requested"), "date", self.as_of.isoformat()),
                   FormField("depart", w("leave.depart"), "date", placeholder="YYYY-MM-DD"),
                   FormField("return", w("leave.return"), "date", placeholder="YYYY-MM-DD"),
                   FormField("destination", w("leave.dest")),
                   FormField("emergency", w("leave.emergency_f"), "check", False)]

        def submit(v: dict):
            return svc.leave_request(v.get("subject") or self.subject,
                                     svc.date(v["requested"], "requested"),
                                     svc.date(v["depart"], "depart"), svc.date(v["return"], "return"),
                                     emergency=v["emergency"], destination=v["destination"])

        self.app.push_screen(FormDialog(w("leave.request"), fields, submit, changes="leave",
                                        **self.given))

    def action_back(self) -> None:
        trip, w, svc = self.selected_row(self.trips, "leave.pick"), self.word, self.service
        if trip is None:
            return
        fields = [FormField("date", w("leave.back_f"), "date", self.as_of.isoformat(), future=False)]

        def submit(v: dict):
            return svc.leave_back(trip.id, svc.date(v["date"], "date", allow_future=False))

        self.app.push_screen(FormDialog(f"{w('leave.back')} · {trip.destination or trip.depart}",
                                        fields, submit, changes="leave", **self.given))
