"""Numbers and targets in words, by unit: one form for the CLI and the TUI (no Textual here)."""

from __future__ import annotations

from dutylog.i18n import t


def num(value: float | None, unit: str) -> str:
    """'3', '0.5', '80%' (share and rate units), '—' for none."""
    if value is None:
        return "—"
    if unit in ("share", "rate"):
        return f"{value * 100:.0f}%"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def target_text(lo: float | None, hi: float | None, unit: str, lang: str) -> str:
    """'≥4', '≤2', '=1', '1–3', or 'no target'."""
    if lo is None and hi is None:
        return t("msg.no_target", lang)
    if lo is not None and hi is not None and lo != hi:
        return f"{num(lo, unit)}–{num(hi, unit)}"
    if lo is not None and hi is not None:
        return f"={num(lo, unit)}"
    if lo is not None:
        return f"≥{num(lo, unit)}"
    return f"≤{num(hi, unit)}"
