"""Run the app (made by `make_app`) on the data folder's database, or on a demo."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path


def launch(lang: str | None = None, home=None) -> None:
    from dutylog.i18n import default_lang
    from dutylog.services import Dutylog, ui

    from .app import make_app

    svc = Dutylog.open(home)
    app = None
    try:
        chosen = lang or (os.environ.get("DUTYLOG_LANG") and default_lang()) or ui.saved_lang(svc) or "zh"
        app = make_app(svc, lang=chosen)
        app.run()
    finally:
        if app is not None:
            app.cleanup()
        svc.close()


def launch_demo(today: date | None = None, keep: bool = False) -> Path:
    """`dutylog demo`: the app on a sample year; returns the demo folder (gone unless `keep`)."""
    from dutylog.i18n import default_lang

    from .app import make_app
    from .demo import Demo

    demo = Demo.open(today)
    try:
        make_app(demo.service, lang=default_lang(), demo=True).run()
    finally:
        demo.close(keep)
    return demo.home
