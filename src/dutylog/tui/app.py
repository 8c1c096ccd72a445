"""The application object and its one factory, used by `dutylog`, the tests and screenshots.

The app holds the service, the injected `today`, the language, and what is selected (a
subject and a year). Screens read through `dutylog.services` only; after any write the app
calls `changed()` and every screen on the stack reloads.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from dutylog.i18n import t
from dutylog.services import ui

from . import extras
from .commands import DutylogCommands
from .keys import localized
from .screens.dashboard import DashboardScreen

FIRST_YEAR = 2000


class DutylogApp(App):
    CSS_PATH = "app.tcss"
    # Keys that work on any screen, other parts' screens included (each of my screens also
    # shows them in its footer).
    BINDINGS = [Binding("n", "log", "key.log", show=False),
                Binding("e", "entries", "key.entries", show=False)]
    COMMANDS = App.COMMANDS | {DutylogCommands} | ({extras.export_provider()} - {None})

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG with text widths in terminal cells, so Chinese reads right in a
        browser (the README's screenshots, the snapshot report)."""
        from dutylog.svgcells import fix_text_lengths

        return fix_text_lengths(super().export_screenshot(title=title, simplify=simplify))

    def __init__(self, service, today: date | None = None, lang: str = "zh", *,
                 demo: bool = False, blink: bool = True, theme: str | None = None) -> None:
        super().__init__()
        self._theme_name = theme
        # one notion of today, injected once: another day than the service's is a façade
        # over the same data on that day (the caller's service keeps its own)
        self.service = service if today is None else service.on(today)
        self.today = self.service.today
        self.lang = lang
        self.demo = demo
        self.blink = blink
        self.subject: str | None = None
        self.year = self.today.year
        self.title = t("app.title", lang)
        self._demo_home: Path | None = None
        self._own_service = None

    # ---- screens
    def make(self, cls, *args, **kwargs):
        return localized(cls, self.lang)(*args, **kwargs)

    # Screens and dialogs other than the dashboard are imported when first opened, so the
    # dashboard paints sooner.
    def on_mount(self) -> None:
        if self._theme_name:
            self.theme = self._theme_name
        subjects = self.service.subjects()
        if subjects:
            self.start(subjects[0].name)
        else:
            self.push_screen(self.make(_onboarding()))

    def start(self, subject: str | None) -> None:
        """Show the dashboard of `subject`, in place of whatever screens are open."""
        self.subject = subject
        while len(self.screen_stack) > 2:
            self.pop_screen()
        screen = self.make(DashboardScreen) if subject else self.make(_onboarding())
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def changed(self) -> None:
        """Something was written or the selection moved: every open screen reloads."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()

    # ---- actions (keys and command palette)
    def action_log(self, kind: str | None = None) -> None:
        from .dialogs.log_form import LogForm

        if self.subject is None or isinstance(self.screen, LogForm):
            return
        self.push_screen(self.make(LogForm, self.subject, kind), callback=self._saved)

    def action_edit(self, entry_id: str) -> None:
        from .dialogs.log_form import LogForm

        entry = self.service.entry(entry_id)
        name = self.service.subject_of(entry).name
        self.push_screen(self.make(LogForm, name, entry=entry), callback=self._saved)

    def _saved(self, entry) -> None:
        if entry is None:
            return
        kind = self.service.policy.kind(entry.kind)
        self.notify(t("form.saved", self.lang, kind=kind.name.get(self.lang), date=entry.date.isoformat()),
                    markup=False)
        self.changed()

    def action_entries(self) -> None:
        from .screens.entries import EntriesScreen

        if self.subject is not None and not isinstance(self.screen, EntriesScreen):
            self.push_screen(self.make(EntriesScreen))

    def action_links(self) -> None:
        from .dialogs.links import LinksDialog

        if self.subject is not None and not isinstance(self.screen, LinksDialog):
            self.push_screen(self.make(LinksDialog, self.subject),
                             callback=lambda changed: changed and self.changed())

    def action_dashboard(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def action_calendar(self, day: str | None = None) -> None:
        """The heatmap of the year; `day` (YYYY-MM-DD) puts its cursor on that day."""
        from .screens.calendar import CalendarScreen

        if self.subject is not None and not isinstance(self.screen, CalendarScreen):
            self.push_screen(self.make(CalendarScreen, date.fromisoformat(day) if day else None))

    def action_open(self, name: str) -> None:
        """Open a screen another part of dutylog provides (ledger, diary, leave…)."""
        extras.open_screen(self, name)

    def action_history(self, entry_id: str) -> None:
        extras.open_history(self, entry_id)

    def action_next_subject(self) -> None:
        names = [s.name for s in self.service.subjects()]
        if self.subject in names and len(names) > 1:
            self.set_subject(names[(names.index(self.subject) + 1) % len(names)])

    def set_subject(self, name: str) -> None:
        self.subject = name
        self.changed()

    def action_year(self, delta: int) -> None:
        self.set_year(self.year + delta)

    def set_year(self, year: int) -> None:
        year = max(FIRST_YEAR, min(self.today.year, year))
        if year != self.year:
            self.year = year
            self.changed()

    def action_set_lang(self, lang: str) -> None:
        ui.save_lang(self.service, lang)
        self.lang = lang
        self.title = t("app.title", lang)
        self.start(self.subject)

    # ---- demo
    def open_demo(self) -> None:
        """Switch to a sample year in a temporary data folder; the user's own is untouched."""
        from dutylog.services import Dutylog
        from dutylog.services.demo import fill_demo

        home = Path(tempfile.mkdtemp(prefix="dutylog-demo-"))
        demo = Dutylog.open(home=home, today=self.today)
        names = fill_demo(demo)
        self._own_service, self.service = self.service, demo
        self._demo_home, self.demo = home, True
        self.start(names[0])

    def cleanup(self) -> None:
        """Close a demo the first-run screen opened, and remove its folder."""
        if self._own_service is not None:
            self.service.close()
            self.service, self._own_service = self._own_service, None
        if self._demo_home is not None:
            shutil.rmtree(self._demo_home, ignore_errors=True)
            self._demo_home = None


def _onboarding():
    from .screens.onboarding import OnboardingScreen

    return OnboardingScreen


def make_app(service, today: date | None = None, lang: str = "zh", *, demo: bool = False,
             blink: bool = True, theme: str | None = None,
             animations: bool = True) -> DutylogApp:
    """The one factory: `dutylog`, `dutylog demo`, the tests and the screenshot script.

    Tests and screenshots pass a fixed `today` and theme, `blink=False`, `animations=False`.
    """
    app = localized(DutylogApp, lang)(service, today=today, lang=lang, demo=demo, blink=blink,
                                      theme=theme)
    if not animations:
        app.animation_level = "none"
    return app
