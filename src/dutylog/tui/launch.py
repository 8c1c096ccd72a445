"""Open the app on the data folder's database (or a demo folder)."""

from __future__ import annotations


def launch(lang: str | None = None, home=None, demo: bool = False, today=None) -> None:
    from dutylog.i18n import default_lang
    from dutylog.services import Dutylog, ui

    from .app import make_app
    from .terminal import require_terminal, watch_terminal

    require_terminal()  # without one: a one-line refusal, not a hang
    svc = Dutylog.open(home, today)
    app = None
    try:
        import os

        chosen = lang or (os.environ.get("DUTYLOG_LANG") and default_lang()) or ui.saved_lang(svc) or "zh"
        app = make_app(svc, lang=chosen, demo=demo)
        with watch_terminal(app):  # SIGHUP or a closed terminal: exit, closing the database
            app.run()
    finally:
        if app is not None:
            app.cleanup()
        svc.close()
