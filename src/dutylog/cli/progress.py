"""A progress bar on stderr for long imports, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

MIN_RECORDS = 500  # smaller bundles finish before a bar would be read
WIDTH = 30


class ImportProgress:
    """`progress(done, total)` callback for `import_bundle`; `close()` ends the line."""

    def __init__(self, stream: TextIO | None = None, label: str = "导入 importing"):
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = _is_tty(self.stream)
        self.shown = -1
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_RECORDS:
            return
        percent = min(100, done * 100 // total) if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        filled = WIDTH * percent // 100
        bar = "█" * filled + "░" * (WIDTH - filled)
        self.stream.write(f"\r{self.label} {bar} {percent:3d}% {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def summary_lines(summary) -> list[str]:
    """The import summary: counts, then each conflict that was resolved."""
    conflicts = list(getattr(summary, "conflicts", []) or [])
    older = getattr(summary, "older_kept", 0)  # ours is later: the current version stays
    lines = [f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged + older}, "
             f"conflicts resolved {len(conflicts)}"]
    if older:
        lines[0] += f" ({older} of the unchanged were older than the version here)"
    lines += [f"  conflict: {c}" for c in conflicts]
    return lines
