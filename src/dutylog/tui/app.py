"""The application object and its factory (used by `dutylog`, the tests and screenshots)."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class DutylogApp(App):
    TITLE = "dutylog 履职记录"
    BINDINGS = [("q", "quit", "退出 Quit")]

    def __init__(self, service, today: date | None = None, lang: str = "zh"):
        super().__init__()
        self.service = service
        self.today = today or service.today
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("仪表盘即将推出 — the dashboard is coming in the UI issue.\n"
                     "Meanwhile every command works: dutylog --help", id="placeholder")
        yield Footer()


def make_app(service, today: date | None = None, lang: str = "zh") -> DutylogApp:
    return DutylogApp(service, today=today, lang=lang)
