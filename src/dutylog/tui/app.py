"""The application object and its one factory, `make_app`, used by `dutylog`, `dutylog demo`,
the tests and the screenshots.

The app holds the service (whose `today` was fixed when it was opened), the language, and
what is selected (a subject and a year). Screens read through `dutylog.services` only.
After a write, a screen posts `DataChanged`; the app hands it to every screen on the stack.
"""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from dutylog.i18n import t
from dutylog.services import ui

from . import registry
from .commands import DutylogCommands
from .demo import Demo
from .messages import DataChanged, SelectionChanged
from .screens.base import DutylogScreen
from .screens.dashboard import DashboardScreen

FIRST_YEAR = 2000


class DutylogApp(App):
    CSS_PATH = "app.tcss"
    # Keys that work on any screen, other parts' screens included (the main screens also
    # show them in their footer).
    BINDINGS = [Binding("n", "log", "key.log", show=False),
                Binding("e", "entries", "key.entries", show=False)]
    COMMANDS = App.COMMANDS | {DutylogCommands, registry.export_commands}

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG with text widths in terminal cells, so Chinese reads right in a
        browser (the README's screenshots, the snapshot report)."""
        from dutylog.svgcells import fix_text_lengths

        return fix_text_lengths(super().export_screenshot(title=title, simplify=simplify))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot action, without a file name or folder from the caller: an
        action can also arrive from text shown as markup (issue 12: a subject named
        "[@click=app.screenshot('dutylog.db', …)]" replaced the database), so it never
        chooses where to write."""
        self.deliver_screenshot()

    crash: BaseException | None = None  # the error that stopped the app (tui/launch.py)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled error (it exits the app with return code 1):
        the error is kept so that `launch` writes its traceback to the data folder's log
        and says one line instead (issue 12: a crash exited 0)."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """No traceback on the terminal for a crash: it goes to the log (launch.py)."""
        if self.crash is not None:
            self._exit_renderables.clear()
            return
        super()._print_error_renderables()

    def __init__(self, service, lang: str = "zh", *, demo: bool = False, blink: bool = True,
                 theme: str | None = None) -> None:
        super().__init__()
        self._theme_name = theme
        self.service = service
        self.today: date = service.today
        self.lang = lang
        self.demo = demo
        self.blink = blink
        self.subject: str | None = None
        self.year = self.today.year
        self.title = t("app.title", lang)
        self._demo: Demo | None = None  # a demo the first-run screen opened
        self._own_service = None

    # ---- screens
    def open(self, name: str, *args, callback=None, **kwargs) -> None:
        """Push the registered screen `name`, made with these arguments."""
        self.push_screen(registry.load(name)(*args, **kwargs), callback=callback)

    def showing(self, name: str) -> bool:
        return isinstance(self.screen, registry.load(name))

    def on_mount(self) -> None:
        if self._theme_name:
            self.theme = self._theme_name
        subjects = self.service.subjects()
        if subjects:
            self.start(subjects[0].name)
        else:
            self.open("onboarding")

    def start(self, subject: str | None) -> None:
        """Show the dashboard of `subject`, in place of whatever screens are open."""
        self.subject = subject
        while len(self.screen_stack) > 2:
            self.pop_screen()
        screen = DashboardScreen() if subject else registry.load("onboarding")()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ---- what screens hear
    def on_data_changed(self, message: DataChanged) -> None:
        """A screen wrote something: every screen on the stack reads its data again."""
        self._tell(message)

    def _tell(self, message: Message) -> None:
        for screen in list(self.screen_stack):
            if not isinstance(screen, DutylogScreen) or not screen.is_mounted:
                continue
            if isinstance(message, DataChanged):
                screen.data_changed(message)
            else:
                screen.selection_changed(message)

    # ---- actions (keys and command palette)
    def action_log(self, kind: str | None = None) -> None:
        if self.subject is None or self.showing("log"):
            return
        self.open("log", self.subject, kind, callback=self._saved)

    def action_edit(self, entry_id: str) -> None:
        entry = self.service.entry(entry_id)
        name = self.service.subject_of(entry).name
        self.open("log", name, entry=entry, callback=self._saved)

    def _saved(self, entry) -> None:
        if entry is None:
            return
        kind = self.service.policy.kind(entry.kind)
        self.notify(t("form.saved", self.lang, kind=kind.name.get(self.lang), date=entry.date.isoformat()),
                    markup=False)

    def action_entries(self) -> None:
        if self.subject is not None and not self.showing("entries"):
            self.open("entries")

    def action_links(self) -> None:
        if self.subject is not None and not self.showing("links"):
            self.open("links", self.subject)

    def action_dashboard(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def action_calendar(self, day: str | None = None) -> None:
        """The heatmap of the year; `day` (YYYY-MM-DD) puts its cursor on that day."""
        if self.subject is not None and not self.showing("calendar"):
            self.open("calendar", date.fromisoformat(day) if day else None)

    def action_open(self, name: str) -> None:
        """Open a screen of the palette's list (ledger, diary, leave…) for the subject."""
        if name in registry.PALETTE and self.subject is not None:
            self.open(name, self.subject)

    def action_history(self, entry_id: str) -> None:
        self.open("history", entry_id)

    def action_next_subject(self) -> None:
        names = [s.name for s in self.service.subjects()]
        if self.subject in names and len(names) > 1:
            self.set_subject(names[(names.index(self.subject) + 1) % len(names)])

    def set_subject(self, name: str) -> None:
        self.subject = name
        self._tell(SelectionChanged())

    def action_year(self, delta: int) -> None:
        self.set_year(self.year + delta)

    def set_year(self, year: int) -> None:
        year = max(FIRST_YEAR, min(self.today.year, year))
        if year != self.year:
            self.year = year
            self._tell(SelectionChanged())

    def action_set_lang(self, lang: str) -> None:
        ui.save_lang(self.service, lang)
        self.lang = lang
        self.title = t("app.title", lang)
        self.start(self.subject)

    # ---- demo
    def open_demo(self) -> None:
        """Switch to a sample year in a temporary data folder; the user's own is untouched."""
        self._demo = Demo.open(self.today)
        self._own_service, self.service = self.service, self._demo.service
        self.demo = True
        self.start(self._demo.names[0])

    @property
    def demo_home(self):
        return self._demo.home if self._demo is not None else None

    def cleanup(self) -> None:
        """Close a demo the first-run screen opened, and remove its folder."""
        if self._demo is not None:
            self.service, self._own_service = self._own_service, None
            self._demo.close()
            self._demo = None


def make_app(service, today: date | None = None, lang: str = "zh", *, demo: bool = False,
             blink: bool = True, theme: str | None = None,
             animations: bool = True) -> DutylogApp:
    """The one factory: `dutylog`, `dutylog demo`, the tests and the screenshot script.

    The day is the service's, fixed when it was opened (`Dutylog.open(today=…)`); a
    `today` that says otherwise is refused rather than written into the service. Tests and
    screenshots pass a fixed theme, `blink=False`, `animations=False`.
    """
    if today is not None and today != service.today:
        raise ValueError(f"make_app: today {today} is not the service's ({service.today}); "
                         "open the service with Dutylog.open(today=…)")
    app = DutylogApp(service, lang=lang, demo=demo, blink=blink, theme=theme)
    if not animations:
        app.animation_level = "none"
    return app
