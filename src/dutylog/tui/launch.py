"""Run the app (made by `make_app`) on the data folder's database, or on a demo."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path


def chosen_lang(lang: str | None, svc) -> str:
    """--lang, else DUTYLOG_LANG, else the language saved in the app, else Chinese."""
    from dutylog.i18n import choose_lang
    from dutylog.services import ui

    return choose_lang(lang, ui.saved_lang(svc))


def launch(lang: str | None = None, home=None) -> None:
    from dutylog.services import Dutylog

    from .app import make_app
    from .terminal import require_terminal, watch_terminal

    require_terminal()  # without one: a one-line refusal, not a hang
    svc = Dutylog.open(home)
    app = None
    try:
        app = make_app(svc, lang=chosen_lang(lang, svc))  # the saved theme and glyphs: the app's
        with watch_terminal(app):  # SIGHUP or a closed terminal: exit, closing the database
            app.run()
    finally:
        if app is not None:
            app.cleanup()
        svc.close()
    finish(app, svc.home)


CRASH_LOG = "dutylog-crash.log"


def finish(app, home) -> None:
    """After the app stopped: a crash is written to the data folder's crash log (its
    traceback, appended, mode 0600) and raised as one line (exit status 1)."""
    from dutylog.domain.errors import DutylogError

    crash = getattr(app, "crash", None)
    if crash is None:
        return
    import traceback
    from datetime import datetime

    log = Path(home) / CRASH_LOG
    text = "".join(traceback.format_exception(type(crash), crash, crash.__traceback__))
    try:
        fd = os.open(log, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().astimezone().isoformat(timespec='seconds')}\n{text}\n")
        where = f"; details in {log}"
    except OSError:
        where = ""
    first = " ".join(str(crash).split())[:200]
    raise DutylogError(f"the app stopped on an error: {type(crash).__name__}: {first}{where}")


def launch_demo(today: date | None = None, keep: bool = False, lang: str | None = None) -> Path:
    """`dutylog demo`: the app on a sample year; returns the demo folder (gone unless `keep`)."""
    from dutylog.i18n import choose_lang

    from .app import make_app
    from .demo import Demo
    from .terminal import require_terminal, watch_terminal

    require_terminal()
    demo = Demo.open(today)
    try:
        app = make_app(demo.service, lang=choose_lang(lang), demo=True)
        with watch_terminal(app):
            app.run()
    finally:
        demo.close(keep)
    return demo.home
