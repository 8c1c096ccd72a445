"""The desk's duty columns (screens/desk.py): a distinct head per duty, and its width."""

from __future__ import annotations

from dutylog.textcells import fit
from dutylog.textcells import width as cells

CELL_W = 4  # a cell's mark (✗! and its spaces)
SHORT_W = 10  # a rule's `short` head: four Chinese characters or ten letters


def column_heads(rules, lang: str, width: int = CELL_W) -> list[str]:
    """A distinct label per duty: its policy's `short` name when given (up to SHORT_W cells:
    "四不两直", "Surprise %"), else the start of its title in `width` cells; titles sharing a
    start ("联系规上企业", "联系镇街") keep their first character and the first one that
    differs ("联规", "联镇"); a label still taken gets a number."""
    names = [(r.short or r.title).get(lang) for r in rules]
    room = [SHORT_W if r.short is not None else width for r in rules]
    first = [_short(n, w) for n, w in zip(names, room, strict=True)]
    heads = list(first)
    for i, head in enumerate(first):
        same = [j for j, h in enumerate(first) if h == head]
        if len(same) < 2 or rules[i].short is not None:
            continue
        others = [names[j] for j in same if j != i]
        at = next((k for k in range(1, len(names[i]))
                   if all(k >= len(o) or o[k] != names[i][k] for o in others)), None)
        if at is not None:
            heads[i] = _short(_short(names[i], width // 2) + names[i][at:], width)
    taken: set[str] = set()
    for i, head in enumerate(heads):
        n = 1
        while heads[i] in taken:
            n += 1
            heads[i] = _short(head, room[i] - len(str(n))) + str(n)
        taken.add(heads[i])
    return heads


def column_width(head: str) -> int:
    """A duty's column: as wide as its head, never narrower than a cell's mark."""
    return max(CELL_W, cells(head))


def _short(title: str, width: int) -> str:
    """The first characters of a duty's title that fit `width` cells."""
    return fit(title, width)
