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

    return _TEXT.sub(cells, svg)
