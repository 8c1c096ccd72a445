"""Kinds as people type them: `resolve_kind(policy, text)` turns what a user typed into a Kind.

What names a kind, strongest first (the first level with any match decides):

1. its id, e.g. ``frontline-office`` (case ignored);
2. its Chinese name, e.g. ``一线办公``;
3. its English name, e.g. ``Frontline office`` (case and repeated spaces ignored);
4. its pinyin initials, e.g. ``yxbg`` — the whole code only: a code is not matched by its
   beginning or by a piece of it, so ``ybg`` (a piece of 调研报告's ``dybg``) names nothing;
5. the beginning of exactly one Chinese name, e.g. ``一线`` or ``民情``.

Two kinds on the same level make the text ambiguous: it is refused naming them (``调`` could
be 调研报告, 调度考核指标, …). Text naming nothing is refused with a few close kinds. Full-width
letters and digits (as a Chinese IME may give them) are read as their ASCII forms.

Pure: no I/O, no globals besides constants.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable

from .errors import InvalidInput
from .rules import Kind, Policy

HOW = "type a kind's id, Chinese name or its first characters, English name or pinyin initials"
_CLOSE = 4  # how many close kinds an unknown text is answered with


def _norm(text: str) -> str:
    """NFKC (full-width → ASCII), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _zh(text: str) -> str:
    """A Chinese name as compared: NFKC, no spaces at all."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def label(kind: Kind) -> str:
    """How a refusal names a kind: 调研报告 (research-report, dybg)."""
    extra = ", ".join(x for x in (kind.id, kind.pinyin) if x)
    return f"{kind.name.zh} ({extra})"


def matches(policy: Policy, text: str) -> list[Kind]:
    """The kinds `text` names on the strongest level that has any (see the module doc)."""
    q, qz = _norm(text), _zh(text)
    if not q:
        return []
    levels: tuple[Callable[[Kind], bool], ...] = (
        lambda k: _norm(k.id) == q,
        lambda k: _zh(k.name.zh) == qz,
        lambda k: _norm(k.name.en) == q,
        lambda k: bool(k.pinyin) and _norm(k.pinyin) == q,
        lambda k: _zh(k.name.zh).startswith(qz),
    )
    for named in levels:
        hit = [k for k in policy.kinds if named(k)]
        if hit:
            return hit
    return []


def close_kinds(policy: Policy, text: str, limit: int = _CLOSE) -> list[Kind]:
    """Kinds that look like `text`: those with a key containing it (or contained in it)
    first, then by similarity (difflib) of the id, names and pinyin code."""
    q, qz = _norm(text), _zh(text)
    scored = []
    for i, k in enumerate(policy.kinds):
        pairs = [(q, _norm(k.id)), (qz, _zh(k.name.zh)), (q, _norm(k.name.en)), (q, _norm(k.pinyin))]
        pairs = [(typed, key) for typed, key in pairs if typed and key]
        contained = any(typed in key or key in typed for typed, key in pairs)
        best = max((difflib.SequenceMatcher(None, typed, key).ratio() for typed, key in pairs), default=0)
        if contained or best >= 0.6:
            scored.append((not contained, -best, i, k))
    return [k for *_, k in sorted(scored)[:limit]]


def resolve_kind(policy: Policy, text: str, field: str = "kind") -> Kind:
    """The one kind `text` names, or InvalidInput (one line naming the field)."""
    if not _norm(text):
        raise InvalidInput(code="kind.none_given", field=field)
    found = matches(policy, text)
    if len(found) == 1:
        return found[0]
    shown = (text or "").strip()
    if found:
        raise InvalidInput(code="kind.ambiguous", field=field, text=shown, names=[label(k) for k in found])
    close = close_kinds(policy, text)
    if close:
        raise InvalidInput(code="kind.unknown_close", field=field, text=shown, names=[label(k) for k in close])
    raise InvalidInput(code="kind.unknown", field=field, text=shown, names=list(policy.kind_ids))
