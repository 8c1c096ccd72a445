"""Leave (请销假, clause 3): trips with their notice, compliance and open flag; keys to
record a request and its 销假."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from dutylog.tui.dialogs.form import FormDialog, FormField

WORDS = {
    "title": ("请销假", "Leave"), "subject": ("对象", "Subject"), "dest": ("去向", "Destination"),
    "requested": ("请假日期", "Requested"), "depart": ("离海", "Depart"), "return": ("返回", "Return"),
    "back": ("销假", "Back"), "notice": ("提前天数", "Notice"), "compliant": ("合规", "Compliant"),
    "yes": ("✓ 是", "✓ yes"), "no": ("✗ 否（不足3天）", "✗ no (under 3 days)"),
    "emergency": ("紧急", "emergency"), "open": ("● 未销假", "● not back"),
    "none": ("没有请假记录。按 r 登记。", "No trips. Press r to record one."),
    "request": ("登记外出请假", "Record a leave request"), "back_f": ("销假日期", "Back on"),
    "emergency_f": ("紧急事项（离岗同时报告）", "Emergency (reported when leaving)"),
    "pick": ("先选中一条。", "Select a trip first."), "open_n": ("未销假", "not back"),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


class LeaveScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "返回 Back"),
        Binding("r", "request", "请假 Request"),
        Binding("b", "back", "销假 Back"),
    ]
    DEFAULT_CSS = """
    LeaveScreen #leave-title { padding: 0 1; text-style: bold; }
    LeaveScreen #leave-message { padding: 0 1; }
    LeaveScreen DataTable { height: 1fr; }
    """

    def __init__(self, subject: str | None = None, service=None, lang: str | None = None,
                 as_of: date | None = None):
        super().__init__()
        self.subject = subject
        self._service, self._lang, self._as_of = service, lang, as_of
        self.trips: list[dict] = []

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    @property
    def as_of(self) -> date:
        return self._as_of or getattr(self.app, "today", None) or self.service.today

    def compose(self) -> ComposeResult:
        yield Static(id="leave-title", markup=False)
        yield DataTable(id="leave-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="leave-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*(_w(k, self.lang) for k in (
            "subject", "dest", "requested", "depart", "return", "back", "notice", "compliant")))
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        lg, table = self.lang, self.query_one(DataTable)
        table.clear()
        self.trips = self.service.leave_list(self.subject, self.as_of)
        for t in self.trips:
            ok = Text(_w("yes", lg), style="green") if t["compliant"] else Text(_w("no", lg), style="bold red")
            if t["emergency"]:
                ok.append(f" {_w('emergency', lg)}")
            back = Text(_w("open", lg), style="bold yellow") if t["open"] else Text(t["back"] or "")
            table.add_row(Text(t["subject"]), Text(t["destination"] or ""), Text(t["requested"]),
                          Text(t["depart"]), Text(t["return"]), back, Text(str(t["notice_days"])),
                          ok, key=t["id"])
        open_n = sum(t["open"] for t in self.trips)
        self.query_one("#leave-title", Static).update(
            f"{_w('title', lg)} · {self.subject or ('all' if lg == 'en' else '全部')} · {_w('open_n', lg)} {open_n}")
        self.query_one("#leave-message", Static).update("" if self.trips else _w("none", lg))

    def action_request(self) -> None:
        lg, svc = self.lang, self.service
        fields = []
        if not self.subject:
            fields.append(FormField("subject", _w("subject", lg), "select",
                                    options=tuple((s.name, s.name) for s in svc.subjects())))
        fields += [FormField("requested", _w("requested", lg), value=self.as_of.isoformat()),
                   FormField("depart", _w("depart", lg), placeholder="YYYY-MM-DD"),
                   FormField("return", _w("return", lg), placeholder="YYYY-MM-DD"),
                   FormField("destination", _w("dest", lg)),
                   FormField("emergency", _w("emergency_f", lg), "check", False)]

        def submit(v: dict):
            return svc.leave_request(v.get("subject") or self.subject,
                                     svc.date(v["requested"], "requested"),
                                     svc.date(v["depart"], "depart"), svc.date(v["return"], "return"),
                                     emergency=v["emergency"], destination=v["destination"])

        self.app.push_screen(FormDialog(_w("request", lg), fields, submit),
                             lambda trip: trip is not None and self._written())

    def action_back(self) -> None:
        table, lg, svc = self.query_one(DataTable), self.lang, self.service
        if not self.trips or table.cursor_row >= len(self.trips):
            self.query_one("#leave-message", Static).update(_w("pick", lg))
            return
        trip = self.trips[table.cursor_row]
        fields = [FormField("date", _w("back_f", lg), value=self.as_of.isoformat())]

        def submit(v: dict):
            return svc.leave_back(trip["id"], svc.date(v["date"], "date", allow_future=False))

        self.app.push_screen(FormDialog(f"{_w('back', lg)} · {trip['destination'] or trip['depart']}",
                                        fields, submit),
                             lambda done: done is not None and self._written())

    def _written(self) -> None:
        changed = getattr(self.app, "changed", None)
        if callable(changed):
            changed()  # every open screen reloads: the dashboard's open-trip flag too
        else:
            self.reload()
