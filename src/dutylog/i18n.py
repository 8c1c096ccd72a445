"""One catalog of user-facing strings, Chinese first.

`words(lang)` is the catalog in one language, built once per run and handed down (the CLI
keeps it on click's context, the app on itself): `w("col.date")`, `w.refusal(exc)` for a
refusal's one line. `choose_lang` picks the language: `--lang`, else `DUTYLOG_LANG`, else
the saved setting, else Chinese. `t(key, lang)` is the same word for code that has only a
language at hand. The refusals' wordings, by code, are in `dutylog.lexicon.refusals`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from dutylog.lexicon.refusals import FIELDS, REFUSALS
from dutylog.lexicon.screen_words import (  # noqa: F401  (re-exported: i18n is where callers look)
    CLI_STRINGS,
    DESK_STRINGS,
    HELP_STRINGS,
    SCREEN_STRINGS,
)
from dutylog.lexicon.words import STRINGS, UI_STRINGS  # noqa: F401

LANGS = ("zh", "en")


def default_lang() -> str:
    """The language DUTYLOG_LANG names, else Chinese."""
    return choose_lang()


def choose_lang(given: str | None = None, saved: str | None = None) -> str:
    """`given` (--lang), else DUTYLOG_LANG, else `saved` (the user's setting), else zh."""
    for lang in (given, os.environ.get("DUTYLOG_LANG"), saved):
        code = (lang or "").strip().lower()[:2]
        if code in LANGS:
            return code
    return "zh"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Words:
    """The catalog in one language. Built once per run by `words(lang)`, handed down."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "zh"
        i = LANGS.index(self.lang)
        self._table = {key: pair[i] for key, pair in STRINGS.items()}
        self._refusals = {code: pair[i] for code, pair in REFUSALS.items()}

    def __call__(self, key: str, /, **values: Any) -> str:
        text = self._table.get(key, key)
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self._table

    def field(self, name: str | None) -> str:
        """A field's name as a refusal says it: 日期 for date in Chinese."""
        if not name:
            return ""
        return FIELDS.get(name, name) if self.lang == "zh" else name

    def value(self, value: Any) -> Any:
        """A refusal's value as it is shown: a list joined, a name in the language, a
        refusal worded; anything else as it is (str.format shows it)."""
        if isinstance(value, BaseException) and getattr(value, "code", None):
            return self.refusal(value)
        if isinstance(value, BaseException):
            return str(value)
        if hasattr(value, "zh") and hasattr(value, "en"):
            return getattr(value, self.lang) or value.zh
        if isinstance(value, Mapping) and "zh" in value:
            return value.get(self.lang) or value["zh"]
        if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
            return ("、" if self.lang == "zh" else ", ").join(str(self.value(v)) for v in value)
        return value

    def refusal(self, exc: BaseException) -> str:
        """The one line a refusal is shown as: its code's wording with its values; a
        refusal without a code (plain text) as it is."""
        code = getattr(exc, "code", None)
        text = self._refusals.get(code) if code else None
        if text is None:
            return " ".join(str(exc).split())
        values = _Blank({k: self.value(v) for k, v in getattr(exc, "params", {}).items()})
        values.setdefault("field", self.field(getattr(exc, "field", None)))
        try:
            return " ".join(text.format_map(values).split())
        except (ValueError, IndexError, AttributeError):  # a wording the values do not fit
            return " ".join(str(exc).split())

    def refusal_code(self, code: str, field: str | None = None, **params: Any) -> str:
        """The wording of `code` with these values, without an exception at hand."""
        from dutylog.domain.errors import InvalidInput

        return self.refusal(InvalidInput(code=code, field=field, **params))


@cache
def words(lang: str = "zh") -> Words:
    """The catalog in `lang`, built once per run."""
    return Words(lang)


def t(key: str, lang: str = "zh", /, **values) -> str:
    return words(lang if lang in LANGS else "zh")(key, **values)


def named(prefix: str, key: str, lang: str = "zh") -> str:
    """The catalog's word for `prefix.key` (a ledger type, a reason …), else `key` as it is."""
    full = f"{prefix}.{key}"
    return t(full, lang) if full in STRINGS else key
