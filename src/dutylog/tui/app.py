"""The application object and its one factory, `make_app`, used by `dutylog`, `dutylog demo`,
the tests and the screenshots.

The app holds the service (whose `today` was fixed when it was opened), the language, and
what is selected (a subject and a year). Screens read through `dutylog.services` only.
After a write, a screen posts `DataChanged`; the app hands it to every screen on the stack.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.theme import ThemeProvider

from dutylog import console
from dutylog.i18n import Words, t, words
from dutylog.services import ui

from . import registry
from .commands import DutylogCommands
from .demo import Demo
from .messages import DataChanged, SelectionChanged
from .palette import DutylogPalette, system_commands
from .screens.base import DutylogScreen
from .screens.dashboard import DashboardScreen

FIRST_YEAR = 2000
BOARD = "dashboard"  # the installed dashboard the desk opens (`board`)
KEY_NAMES = {"escape": "Esc", "delete": "Del", "enter": "Enter", "question_mark": "?",
             "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
             "left": "←", "right": "→", "up": "↑", "down": "↓", "tab": "Tab"}


def key_name(key: str) -> str:
    """"f2" -> "F2", "ctrl+s" -> "Ctrl+S", "escape" -> "Esc", "n" -> "n"."""
    *mods, last = key.split("+")
    if last in KEY_NAMES:
        last = KEY_NAMES[last]
    elif mods or (len(last) > 1 and last[0] == "f" and last[1:].isdigit()):  # F2, Ctrl+S
        last = last.upper()
    return "+".join([m.capitalize() for m in mods] + [last])


class DutylogApp(App):
    CSS_PATH = "app.tcss"
    # Keys that work on any screen, other parts' screens included (the main screens also
    # show them in their footer).
    BINDINGS = [Binding("f1,question_mark", "help", "key.help", show=False),
                Binding("f2,n", "log", "key.log", show=False),
                Binding("f3,e", "entries", "key.entries", show=False),
                Binding("ctrl+q", "quit", "key.quit", show=False, priority=True),
                # Textual's own palette key, its footer word from the catalog
                Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "key.palette", show=False,
                        priority=True)]
    # screen classes by width: app.tcss gives narrower side columns below 120 columns
    HORIZONTAL_BREAKPOINTS = [(0, "-w80"), (100, "-w100"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    COMMANDS = App.COMMANDS | {DutylogCommands, registry.export_commands}

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG with text widths in terminal cells, so Chinese reads right in a
        browser (the README's screenshots, the snapshot report)."""
        from dutylog.svgcells import fix_text_lengths

        return fix_text_lengths(super().export_screenshot(title=title, simplify=simplify))

    def get_key_display(self, binding: Binding) -> str:
        """The key as the footer and help show it: "F2", "Ctrl+S", "Esc", "Del"."""
        if binding.key_display:
            return binding.key_display
        return key_name(binding.key)
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
        self.apply_settings()
        subjects = self.service.subjects()
        if subjects:
            self.start(subjects[0].name)
        else:
            self.open("onboarding")
        # What the app built to start (Textual's widgets and styles, the policy, the first
        # screen) lives as long as it does: set aside after the first paint, the cyclic
        # collector's full passes no longer walk it while keys are answered (one took 17 ms
        # of an Enter on the desk while it counted)
        self.call_after_refresh(gc.freeze)

    def keeps_several(self) -> bool:
        """The operator (本机使用者) keeps the record of more than one subject and is not
        one of them (a secretary, an office): the desk is the first screen."""
        operator = ui.recorder(self.service)
        if not operator:  # (no operator saved: no need to list a county's 500 subjects)
            return False
        names = [s.name for s in self.service.subjects()]
        return len(names) > 1 and operator not in names
    # ---- saved settings (services/settings.py): theme and glyphs; the language is launch's
    def apply_settings(self) -> None:
        """The theme asked for (tests, screenshots), else the saved one; the saved glyphs
        (the environment's DUTYLOG_ASCII / --ascii still wins, console.ascii_mode)."""
        name = self._theme_name or ui.saved_theme(self.service)
        if name and name in self.available_themes:
            self.theme = name
        self._theme_loaded = True  # from now on a theme chosen in the palette is saved
        self.use_glyphs(ui.saved_glyphs(self.service))

    def watch_theme(self, name: str) -> None:
        if getattr(self, "_theme_loaded", False) and name != ui.saved_theme(self.service):
            ui.save_theme(self.service, name)
            self.notify(t("settings.saved", self.lang), markup=False)

    def use_glyphs(self, glyphs: str | None) -> None:
        console.choose_ascii({"ascii": True, "unicode": False}.get(glyphs or ""))
        self.set_class(console.ascii_mode(), "-ascii")

    def action_set_glyphs(self, glyphs: str) -> None:
        """ASCII or Unicode marks, saved for the next start; the screens are drawn again."""
        ui.save_glyphs(self.service, glyphs)
        self.use_glyphs(glyphs)
        self.notify(t("settings.saved", self.lang), markup=False)
        if self.subject is not None:
            self.start(self.subject)

    def on_unmount(self) -> None:
        console.choose_ascii(None)  # the choice lives as long as the app

    def start(self, subject: str | None) -> None:
        """Show the first screen: the desk when the operator keeps several subjects, else
        the dashboard of `subject`, in place of whatever screens are open."""
        self.subject = subject
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if subject and self.keeps_several():
            screen = registry.load("desk")()
        else:
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
        if self.is_screen_installed(BOARD) and isinstance(message, DataChanged):
            board = self.get_screen(BOARD, DashboardScreen)
            board.stale = board not in self.screen_stack  # (on the stack: told below)
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

    def action_help(self) -> None:
        """F1 / ?: the keys of the screen in front and the legend of the marks."""
        if not self.showing("help"):
            self.open("help", self.screen)

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

    def show_subject(self, name: str, ready: ui.Dashboard | None = None) -> None:
        """The dashboard of `name`: the one on the stack, else the board on top. `ready`:
        what it shows, made ahead (the desk's count), if it is still what it would read."""
        self.subject = name
        if any(isinstance(s, DashboardScreen) for s in self.screen_stack):
            while not isinstance(self.screen, DashboardScreen):
                self.pop_screen()
            self.screen.ready = ready
            self._tell(SelectionChanged())
        else:
            board = self.board()
            board.ready = ready
            self._tell(SelectionChanged())
            self.push_screen(board)

    def board(self) -> DashboardScreen:
        """The dashboard the desk's Enter shows: one, kept when popped (an installed
        screen), so a leader's dashboard is its widgets filled again, not a new screen."""
        if not self.is_screen_installed(BOARD):
            self.install_screen(DashboardScreen(), BOARD)
        return self.get_screen(BOARD, DashboardScreen)

    def warm_board(self) -> None:
        """Make the board before it is asked for (the desk, once painted): composed and
        mounted as a push does first (Textual's `_get_screen`), not shown. Without that
        step (another Textual), the first Enter makes it."""
        if self.subject is None:
            return
        board, start = self.board(), getattr(self, "_get_screen", None)
        if start is not None and not board.is_running:
            board.filled_later = True  # (its widgets only: filled when Enter shows it)
            start(board)

    def subject_archived_or_back(self, name: str) -> None:
        """After an archive (or its undo): the selected subject, when archived, gives way to
        the first one still kept; a restored one is selectable again."""
        kept = [s.name for s in self.service.subjects()]
        if self.subject not in kept and kept:
            self.set_subject(kept[0])

    def action_desk(self) -> None:
        """The desk: the one on the stack, else a new one on top."""
        desk = registry.load("desk")
        if any(isinstance(s, desk) for s in self.screen_stack):
            while not isinstance(self.screen, desk):
                self.pop_screen()
        else:
            self.push_screen(desk())

    def action_subjects(self, add: bool = False) -> None:
        if not self.showing("subjects"):
            self.open("subjects", add=add)

    def action_operator(self) -> None:
        """Ask who uses this computer (本机使用者): the default recorder of new entries."""
        from .dialogs import operator

        operator.ask(self)

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

    @property
    def words(self) -> Words:
        """The one catalog in the app's language (screens word through theirs)."""
        return words(self.lang)

    def action_set_lang(self, lang: str) -> None:
        ui.save_lang(self.service, lang)
        self.lang = lang
        self.title = t("app.title", lang)
        self.start(self.subject)

    # ---- Textual's own words, in the app's language
    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DutylogPalette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(DutylogPalette(self.lang, providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's "Do you want to quit?"): how to quit, in the app's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("app.how_to_quit", self.lang, key=key), title=t("app.quit_title", self.lang),
                            markup=False)
                return

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return system_commands(super().get_system_commands(screen), self.lang)

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
