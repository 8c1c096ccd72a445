"""Open the app on the data folder's database."""

from __future__ import annotations


def launch(lang: str | None = None) -> None:
    from dutylog.i18n import default_lang
    from dutylog.services import Dutylog

    from .app import make_app

    svc = Dutylog.open()
    try:
        make_app(svc, lang=lang or default_lang()).run()
    finally:
        svc.close()
