"""Court cases (clause 26: appeared yes/no and the rate) and patrols (clause 20: by type,
per month and for the year) of one subject's year."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from .. import fmt
from .base import DutylogScreen


class CasebookScreen(DutylogScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back"),
                Binding("left", "year(-1)", "key.prev_year"),
                Binding("right", "year(1)", "key.next_year")]

    def __init__(self, subject: str, service=None, lang: str | None = None,
                 year: int | None = None, as_of=None):
        super().__init__(service=service, lang=lang, as_of=as_of)
        self.subject = subject
        self.patrol_types: tuple[str, ...] = ()
        self.year = year

    def compose(self) -> ComposeResult:
        yield Static(id="courts-head", classes="casebook-head", markup=False)
        yield DataTable(id="courts-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="patrols-head", classes="casebook-head", markup=False)
        yield DataTable(id="patrols-table", cursor_type="row", zebra_stripes=True)
        yield self.footer()

    def on_mount(self) -> None:
        self.year = self.year or self.as_of.year
        w = self.word
        self.query_one("#courts-table", DataTable).add_columns(
            w("col.date"), w("casebook.case"), w("casebook.appeared"))
        self.patrol_types = self.service.policy.patrol_type_ids
        self.query_one("#patrols-table", DataTable).add_columns(
            w("casebook.month"), *(self.patrol_word(k) for k in self.patrol_types), w("casebook.total"))
        self.reload()

    def patrol_word(self, patrol: str) -> str:
        """The column head of a patrol type: the policy's word, capitalised in English."""
        word = fmt.patrol_word(self.service.policy, patrol, self.lang)
        return word[:1].upper() + word[1:] if self.lang == "en" else word

    def action_year(self, step: int) -> None:
        self.year += step
        self.reload()

    def reload(self) -> None:
        w = self.word
        courts = self.service.courts(self.subject, self.year)
        table = self.query_one("#courts-table", DataTable)
        table.clear()
        for c in courts.cases:
            mark = (Text(w("casebook.unknown"), style="dim") if c.appeared is None else
                    Text(fmt.glyph_text(w("casebook.yes")), style="green") if c.appeared else
                    Text(fmt.glyph_text(w("casebook.no")), style="bold red"))
            table.add_row(Text(c.date.isoformat()), fmt.cell(c.title or c.place), mark)
        rate = "—" if courts.rate is None else f"{courts.rate * 100:.0f}%"
        self.query_one("#courts-head", Static).update(fmt.glyph_text(
            f"{w('casebook.courts')} · {self.subject} · {self.year} · {w('casebook.rate')} {rate} "
            f"({courts.appeared}/{courts.decided})"))
        patrols = self.service.patrols(self.subject, self.year)
        table = self.query_one("#patrols-table", DataTable)
        table.clear()
        kinds = self.patrol_types
        for m in patrols.months:
            table.add_row(str(m.month), *(str(m.by_type[k]) for k in kinds), str(m.total))
        by = patrols.by_type
        table.add_row(w("casebook.year"), *(str(by[k]) for k in kinds), str(patrols.total))
        target = w("casebook.no_target") if patrols.target is None else f"{patrols.target:g}"
        self.query_one("#patrols-head", Static).update(fmt.glyph_text(
            f"{w('casebook.patrols')} · {self.year} · {w('casebook.total')} {patrols.total} · "
            f"{w('casebook.target')} {target}"))
