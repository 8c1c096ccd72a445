"""Who uses this computer (本机使用者): the default recorder of the entries logged on it,
asked for in a one-field form (the command palette's 本机使用者; onboarding asks in its own
screen)."""

from __future__ import annotations

from dutylog.domain.errors import InvalidInput
from dutylog.i18n import t
from dutylog.services import ui

from .form import FormDialog, FormField


def ask(app) -> None:
    """The form over whatever is shown; the name saved, and said, on Enter."""
    lang, svc = app.lang, app.service

    def submit(values: dict) -> str:
        name = values["name"].strip()
        if not name:
            raise InvalidInput(code="app.no_recorder", field="name")
        ui.save_recorder(svc, name)
        return name

    def saved(name: str | None) -> None:
        if name:
            app.notify(t("operator.saved", lang, name=name), markup=False)

    field = FormField("name", t("operator.name", lang), value=ui.recorder(svc) or "")
    app.push_screen(FormDialog(t("operator.title", lang), [field], submit, changes="settings"),
                    callback=saved)
