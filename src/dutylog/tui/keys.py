"""Footer words in the user's language: a screen class, localised once per language.

Bindings are declared with an i18n key as description (`"key.log"`); `localized(cls,
lang)` returns a subclass of the same name whose BINDINGS carry the translated words.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

from dutylog.i18n import t

_CACHE: dict[tuple[type, str], type] = {}


def localized(cls: type, lang: str) -> type:
    key = (cls, lang)
    if key not in _CACHE:
        bindings = []
        for b in _all_bindings(cls):
            bindings.append(replace(b, description=t(b.description, lang)) if b.description else b)
        _CACHE[key] = type(cls.__name__, (cls,), {"BINDINGS": bindings, "__module__": cls.__module__})
    return _CACHE[key]


def _all_bindings(cls: type) -> list[Binding]:
    """The bindings `cls` declares or inherits from dutylog's own classes, nearest last."""
    out: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("dutylog."):
            continue
        for b in klass.__dict__.get("BINDINGS", []):
            out.append(b if isinstance(b, Binding) else Binding(*b))
    return out
