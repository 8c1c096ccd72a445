"""Court cases (clause 26: appeared yes/no and the rate) and patrols (clause 20: by type,
per month and for the year) of one subject's year."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

WORDS = {
    "courts": ("行政应诉案件", "Court cases"), "patrols": ("巡河湖、巡湾、巡林", "Patrols"),
    "date": ("日期", "Date"), "case": ("案件", "Case"), "appeared": ("出庭", "Appeared"),
    "yes": ("✓ 出庭", "✓ appeared"), "no": ("✗ 未出庭", "✗ did not appear"),
    "unknown": ("未记录", "not recorded"), "rate": ("出庭应诉率", "Appearance rate"),
    "month": ("月", "Month"), "river": ("巡河湖", "River/lake"), "bay": ("巡湾", "Bay"),
    "forest": ("巡林", "Forest"), "total": ("合计", "Total"), "year": ("全年", "Year"),
    "target": ("年度目标", "Yearly target"), "no_target": ("未设定", "none set"),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


class CasebookScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "返回 Back"),
                Binding("left", "year(-1)", "上一年 Prev year"),
                Binding("right", "year(1)", "下一年 Next year")]
    DEFAULT_CSS = """
    CasebookScreen .casebook-head { padding: 0 1; text-style: bold; }
    CasebookScreen #courts-table { height: 1fr; }
    CasebookScreen #patrols-table { height: 16; }
    """

    def __init__(self, subject: str, service=None, lang: str | None = None,
                 year: int | None = None):
        super().__init__()
        self.subject = subject
        self._service, self._lang, self.year = service, lang, year

    @property
    def service(self):
        return self._service or self.app.service

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "zh")

    def compose(self) -> ComposeResult:
        yield Static(id="courts-head", classes="casebook-head", markup=False)
        yield DataTable(id="courts-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="patrols-head", classes="casebook-head", markup=False)
        yield DataTable(id="patrols-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        today: date = getattr(self.app, "today", None) or self.service.today
        self.year = self.year or today.year
        lg = self.lang
        self.query_one("#courts-table", DataTable).add_columns(
            _w("date", lg), _w("case", lg), _w("appeared", lg))
        self.query_one("#patrols-table", DataTable).add_columns(
            *(_w(k, lg) for k in ("month", "river", "bay", "forest", "total")))
        self.reload()

    def action_year(self, step: int) -> None:
        self.year += step
        self.reload()

    def reload(self) -> None:
        lg = self.lang
        courts = self.service.courts(self.subject, self.year)
        table = self.query_one("#courts-table", DataTable)
        table.clear()
        for c in courts["cases"]:
            mark = (Text(_w("unknown", lg), style="dim") if c["appeared"] is None else
                    Text(_w("yes", lg), style="green") if c["appeared"] else
                    Text(_w("no", lg), style="bold red"))
            table.add_row(Text(c["date"]), Text(c["title"] or c["place"] or ""), mark)
        rate = "—" if courts["rate"] is None else f"{courts['rate'] * 100:.0f}%"
        self.query_one("#courts-head", Static).update(
            f"{_w('courts', lg)} · {self.subject} · {self.year} · {_w('rate', lg)} {rate} "
            f"({courts['appeared']}/{courts['decided']})")
        patrols = self.service.patrols(self.subject, self.year)
        table = self.query_one("#patrols-table", DataTable)
        table.clear()
        for m in patrols["months"]:
            table.add_row(*(str(m[k]) for k in ("month", "river", "bay", "forest", "total")))
        by = patrols["by_type"]
        table.add_row(_w("year", lg), *(str(by[k]) for k in ("river", "bay", "forest")),
                      str(patrols["total"]))
        target = _w("no_target", lg) if patrols["target"] is None else f"{patrols['target']:g}"
        self.query_one("#patrols-head", Static).update(
            f"{_w('patrols', lg)} · {self.year} · {_w('total', lg)} {patrols['total']} · "
            f"{_w('target', lg)} {target}")
