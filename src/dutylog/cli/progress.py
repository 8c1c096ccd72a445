"""A progress bar on stderr for long imports, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.cells import cell_len

MIN_RECORDS = 500  # smaller bundles finish before a bar would be read
MIN_BYTES = 5_000_000  # about 10,000 entries: reading and checking takes a moment
WIDTH = 30


class _Line:
    """A line on stderr redrawn in place: `draw(text)` covers what was there, `close()`
    ends it."""

    stream: TextIO
    width = 0
    drawn = False

    def draw(self, line: str) -> None:
        self.stream.write(line + " " * max(0, self.width - cell_len(line)))
        self.width = cell_len(line)
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def bar_text(percent: int) -> str:
    filled = WIDTH * percent // 100
    return "█" * filled + "░" * (WIDTH - filled)


class ImportProgress(_Line):
    """`progress(done, total)` callback for `import_bundle`; `close()` ends the line."""

    def __init__(self, stream: TextIO | None = None, label: str | None = None):
        self.stream = stream or sys.stderr
        self.label = label or _word("cli.importing")
        self.enabled = _is_tty(self.stream)
        self.shown = -1
        self.drawn = False
        self.width = 0  # the bar overwrites the longer "checking" line

    def start(self, path) -> None:
        """Before the bar: a large file is read and checked whole first (all or nothing),
        which takes seconds, so say so."""
        try:
            size = path.stat().st_size
        except OSError:
            return
        if self.enabled and size >= MIN_BYTES:
            line = f"\r{self.label}: {_word('cli.checking')} {path.name} ({size / 1e6:.0f} MB)…"
            self.width = cell_len(line)
            self.stream.write(line)
            self.stream.flush()
            self.drawn = True

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_RECORDS:
            return
        percent = min(100, done * 100 // total) if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        self.draw(f"\r{self.label} {bar_text(percent)} {percent:3d}% {done}/{total}")


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _word(key: str, **values) -> str:
    from .common import word

    return word(key, **values)


def summary_lines(summary) -> list[str]:
    """The import summary: counts, then each conflict that was resolved."""
    conflicts = list(getattr(summary, "conflicts", []) or [])
    older = getattr(summary, "older_kept", 0)  # ours is later: the current version stays
    lines = [_word("cli.import_summary", added=summary.added, updated=summary.updated,
                  unchanged=summary.unchanged + older, conflicts=len(conflicts))]
    if older:
        lines[0] += _word("cli.import_older", older=older)
    from .common import current_words

    w = current_words()
    lines += [_word("cli.import_conflict", what=c.worded(w) if hasattr(c, "worded") else c)
              for c in conflicts]
    return lines


class MergeProgressBar(_Line):
    """One bar for a merge day (several bundles): the share of the bytes of all the files
    done so far, and which file is being merged; drawn only on a terminal."""

    def __init__(self, files, stream: TextIO | None = None, label: str | None = None):
        self.stream = stream or sys.stderr
        self.label = label or _word("cli.merging")
        self.enabled = _is_tty(self.stream) and len(files) > 1
        self.sizes = [_size(p) for p in files]
        self.names = [p.name for p in files]
        self.total = sum(self.sizes) or 1
        self.shown: tuple[int, int] | None = None
        self.width = 0
        self.drawn = False

    def __call__(self, index: int, count: int, done: int, total: int) -> None:
        if not self.enabled:
            return
        before = sum(self.sizes[:index])
        part = self.sizes[index] * done // total if total and index < count else 0
        percent = min(100, (before + part) * 100 // self.total)
        if (index, percent) == self.shown:
            return
        self.shown = (index, percent)
        name = self.names[index] if index < count else ""
        self.draw(f"\r{self.label} {bar_text(percent)} {percent:3d}% "
                  f"{min(index + 1, count)}/{count} {name}")


def _size(path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0

