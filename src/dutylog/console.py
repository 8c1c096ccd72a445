"""The console a command writes to, and the files a user hands in, as they are on a
Chinese Windows laptop (issue 10): no Textual, no third-party imports.

- `prepare_streams()`: output redirected to a file or a pipe is written as UTF-8; a console
  whose code page cannot show dutylog's text gets replacement characters — never a
  UnicodeEncodeError (Python on Chinese Windows encodes redirected output as GBK).
- `ascii_mode()`: bars, strips and marks drawn with ASCII (`--ascii`, `DUTYLOG_ASCII=1`,
  and on the legacy Windows console, which draws ambiguous-width glyphs two cells wide).
- `read_user_text(path)`: a policy or holiday file as Notepad, WPS or Excel saved it —
  UTF-8 with or without BOM, else GB18030 (which covers GBK); one clear line otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SAMPLE = "░█✔✘◐✓✗●▲…·≥中"  # what dutylog writes that GBK (cp936) cannot always encode


def prepare_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if not stream.isatty():
                reconfigure(encoding="utf-8", errors="replace")
            elif not _can_encode(stream):
                reconfigure(errors="replace")
        except (ValueError, OSError):  # a closed or detached stream: leave it be
            continue


def _can_encode(stream) -> bool:
    try:
        SAMPLE.encode(stream.encoding or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


_chosen: bool | None = None  # the app's saved glyph setting, while the app runs


def choose_ascii(value: bool | None) -> None:
    """The saved setting (True: ASCII, False: Unicode, None: follow the terminal); the
    environment (`--ascii`, DUTYLOG_ASCII) still wins over it."""
    global _chosen
    _chosen = value


def ascii_mode() -> bool:
    """ASCII glyphs: asked for (DUTYLOG_ASCII, then the saved setting), or the legacy
    Windows console (not Windows Terminal)."""
    flag = os.environ.get("DUTYLOG_ASCII", "").strip().lower()
    if flag in ("1", "yes", "true", "on"):
        return True
    if flag in ("0", "no", "false", "off"):
        return False
    if _chosen is not None:
        return _chosen
    return os.name == "nt" and not os.environ.get("WT_SESSION") and not os.environ.get("TERM_PROGRAM")


class UnreadableText(ValueError):
    """A file that is neither UTF-8 nor GB18030 text."""


def read_user_text(path: str | os.PathLike) -> str:
    """The text of a file a user wrote by hand; raises OSError or UnreadableText."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableText(f"{path}: not a text file in UTF-8 or GBK/GB18030; save it again as "
                             "UTF-8 (记事本: 另存为 → 编码 UTF-8)") from None
