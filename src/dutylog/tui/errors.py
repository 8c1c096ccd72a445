"""A refusal from the services, worded in the interface's language for the field it names.

A refusal carries a code and its values (dutylog.domain.errors); the catalog words it
(`Words.refusal`), the same line the command line prints. Nothing is matched by text: a
refusal still made with plain text is shown as it is.
"""

from __future__ import annotations

from rich.text import Text

from dutylog.i18n import Words, words


def explain(exc: Exception, lang: str | Words) -> Text:
    """The refusal as one red line (user text inside stays text, never markup)."""
    w = lang if isinstance(lang, Words) else words(lang)
    return Text(w.refusal(exc), style="bold red")
