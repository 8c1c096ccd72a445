"""Pad and cut text by terminal cells, so Chinese (two cells a character) lines up."""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size, set_cell_size

from dutylog.console import ascii_mode


def pad(text: str, width: int, align: str = "left", cells: int | None = None) -> str:
    """`text` in exactly `width` cells; a longer one ends in "…" ("~" with ASCII glyphs).
    `cells`: the text's width when the caller has measured it already."""
    text = text or ""
    used = _cells(text) if cells is None else cells
    if used > width:
        more = "~" if ascii_mode() else "…"
        text = fit(text, width - 1) + more if width > 1 else set_cell_size(text, width)
        used = _cells(text)
    gap = width - used
    return (" " * gap + text) if align == "right" else (text + " " * gap)


def fit(text: str, width: int) -> str:
    """The longest start of `text` within `width` cells (a wide character is never halved)."""
    if _PLAIN_CJK.fullmatch(text):  # measured in C, a few starts instead of every character
        # a start of i characters is at least i cells; while it is `over` cells too wide,
        # at least ceil(over / 2) of its characters must go (none is wider than two)
        end = min(len(text), max(width, 0))
        over = _cells(text[:end]) - width
        while over > 0:
            end -= (over + 1) // 2
            over = _cells(text[:end]) - width
        return text[:end]
    used = 0
    for i, ch in enumerate(text):
        used += 1 if ch.isascii() else get_character_cell_size(ch)
        if used > width:
            return text[:i]
    return text


# Text of printable ASCII, the one-cell punctuation Chinese text uses (· … — “ ” ‘ ’ ×) and
# the wide characters Chinese is written in (CJK ideographs, extension A, CJK punctuation
# without its combining marks, fullwidth forms): measured in C. rich measures these exactly
# so (tests/test_textcells.py checks every character) but walks the text character by
# character in Python: it was the slowest part of a county's search table.
_PLAIN_CJK = re.compile("[\x20-\x7e\u00b7\u00d7\u2014\u2018\u2019\u201c\u201d\u2026"
                        "\u3000-\u3029\u3030-\u303e\u3400-\u4dbf\u4e00-\u9fff"
                        "\uff01-\uff60]*")
_NARROW = re.compile("[\u00b7\u00d7\u2014\u2018\u2019\u201c\u201d\u2026]")


def _cells(text: str) -> int:
    """`text`'s width in terminal cells (a Chinese character is two)."""
    text = text or ""
    if text.isascii() and text.isprintable():  # one cell a character (both tests run in C)
        return len(text)
    if _PLAIN_CJK.fullmatch(text):  # every character not ASCII is wide, but for _NARROW's
        wide = len(text) - len(text.encode("ascii", "ignore"))
        if not text.isascii():
            wide -= len(_NARROW.findall(text))
        return len(text) + wide
    return cell_len(text)


width = _cells  # (pad's argument is called width)


def table(headers: list[str], rows: list[list[str]], aligns: list[str] | None = None,
          max_widths: list[int] | None = None) -> str:
    """A plain-text table, columns sized by the widest cell (in screen cells).

    Laid out column by column (a county's search lists 2,500 rows of 8 cells): each
    distinct cell measured once — dates, kinds, places and names repeat — and each column
    padded in one comprehension."""
    aligns = aligns or ["left"] * len(headers)
    widths = [width(h) for h in headers]
    n = len(headers)
    if any(len(row) != n for row in rows):  # a short row ends in empty cells
        rows = [[*row, *[""] * (n - len(row))][:n] for row in rows]
    columns = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in headers]
    sizes = []
    for col in columns:
        measured = {cell: width(cell) for cell in set(col)}
        sizes.append([measured[c] for c in col])
    for i, col_sizes in enumerate(sizes):
        if col_sizes:
            widths[i] = max(widths[i], max(col_sizes))
    if max_widths:
        widths = [min(w, m) if m else w for w, m in zip(widths, max_widths, strict=False)]
    lines = ["  ".join(pad(h, widths[i], aligns[i]) for i, h in enumerate(headers)).rstrip()]
    rule = "-" if ascii_mode() else "─"
    lines.append("  ".join(rule * w for w in widths))
    padded = []
    for col, col_sizes, w, align in zip(columns, sizes, widths, aligns, strict=False):
        if align == "right":
            cells = [pad(c or "", w, align, n) if n > w else " " * (w - n) + (c or "")
                     for c, n in zip(col, col_sizes, strict=True)]
        else:
            cells = [pad(c or "", w, align, n) if n > w else (c or "") + " " * (w - n)
                     for c, n in zip(col, col_sizes, strict=True)]
        padded.append(cells)
    lines.extend("  ".join(parts).rstrip() for parts in zip(*padded, strict=True))
    return "\n".join(lines)


def bar(fraction: float | None, width: int = 20) -> str:
    """A text progress bar; over-quota shows a '+' at the end since the bar clamps at 100 %."""

    full, empty, none = ("#", "-", ".") if ascii_mode() else ("█", "░", "·")
    if fraction is None:
        return none * width
    filled = max(0, min(width, round(fraction * width)))
    out = full * filled + empty * (width - filled)
    return out[:-1] + "+" if fraction > 1 else out
