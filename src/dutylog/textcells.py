"""Pad and cut text by terminal cells, so Chinese (two cells a character) lines up."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def pad(text: str, width: int, align: str = "left") -> str:
    """`text` in exactly `width` cells; a longer one ends in "…" ("~" with ASCII glyphs)."""
    text = text or ""
    if cell_len(text) > width:
        from dutylog.console import ascii_mode

        more = "~" if ascii_mode() else "…"
        text = _fit(text, width - 1) + more if width > 1 else set_cell_size(text, width)
    gap = width - cell_len(text)
    return (" " * gap + text) if align == "right" else (text + " " * gap)


def _fit(text: str, width: int) -> str:
    """The longest start of `text` within `width` cells (a wide character is never halved)."""
    out, used = [], 0
    for ch in text:
        used += cell_len(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out)


def width(text: str) -> int:
    return cell_len(text or "")


def table(headers: list[str], rows: list[list[str]], aligns: list[str] | None = None,
          max_widths: list[int] | None = None) -> str:
    """A plain-text table, columns sized by the widest cell (in screen cells)."""
    aligns = aligns or ["left"] * len(headers)
    widths = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))
    if max_widths:
        widths = [min(w, m) if m else w for w, m in zip(widths, max_widths, strict=False)]
    lines = ["  ".join(pad(h, widths[i], aligns[i]) for i, h in enumerate(headers)).rstrip()]
    from dutylog.console import ascii_mode

    rule = "-" if ascii_mode() else "─"
    lines.append("  ".join(rule * w for w in widths))
    for row in rows:
        lines.append("  ".join(pad(c, widths[i], aligns[i]) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)


def bar(fraction: float | None, width: int = 20) -> str:
    """A text progress bar; over-quota shows a '+' at the end since the bar clamps at 100 %."""
    from dutylog.console import ascii_mode

    full, empty, none = ("#", "-", ".") if ascii_mode() else ("█", "░", "·")
    if fraction is None:
        return none * width
    filled = max(0, min(width, round(fraction * width)))
    out = full * filled + empty * (width - filled)
    return out[:-1] + "+" if fraction > 1 else out
