"""SVG screenshots whose text widths follow terminal cells.

Rich's SVG export sets each `<text>`'s `textLength` from its number of characters, not its
cells (Textualize/rich#2742), so a browser squeezes Chinese text into half its width. This
rewrites each `textLength` as (cells × the width of one cell). Textual-free.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len

_TEXT = re.compile(r'(<text\b[^>]*?\btextLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def fix_text_lengths(svg: str) -> str:
    def cells(match: re.Match) -> str:
        text = html.unescape(match.group(4))
        chars, width = len(text), cell_len(text)
        if not chars or width == chars:
            return match.group(0)
        per_cell = float(match.group(2)) / chars  # Rich: one character = one cell
        return f"{match.group(1)}{round(per_cell * width, 2):g}{match.group(3)}{match.group(4)}{match.group(5)}"

    return _TEXT.sub(cells, _NOT_XML.sub(_visible, svg))


# Characters XML 1.0 forbids (C0 but tab/newline/CR) and the C1 controls: a control
# character that reached a cell (text stored before issue 12) would make the SVG
# unreadable; it is shown as \xNN, as textsafe.shown does.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"
