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


# ---- files dutylog reads from others, and files it writes (issue 12, finding 8) -------
MAX_BUNDLE_BYTES = 8 << 30  # 8 GiB: five years of 500 laptops is about 1 GB
MAX_LINE_BYTES = 2 << 20  # 2 MiB: a record of four 4,000-character texts is under 100 kB


def check_input_file(path: str | os.PathLike, what: str = "bundle") -> int:
    """A file to read that is a regular file of at most MAX_BUNDLE_BYTES (a FIFO would
    hang, /dev/zero never ends); its size. Raises InvalidInput (one line) otherwise."""
    import stat

    from dutylog.domain.errors import InvalidInput

    try:
        st = os.stat(path)
    except OSError as exc:
        raise InvalidInput(code="file.unreadable", field="path", path=path,
                           reason=exc.strerror or exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(code="file.not_regular", field="path", path=path)
    if st.st_size > MAX_BUNDLE_BYTES:
        raise InvalidInput(code="file.too_big", field="path", path=path,
                           gib=f"{st.st_size / (1 << 30):.1f}", most=MAX_BUNDLE_BYTES >> 30)
    return st.st_size


def check_output_file(path: str | os.PathLike, force: bool = False) -> None:
    """A file to write: refused when it is not a regular file (a device node, a pipe, a
    folder — through a symbolic link too), or exists and `force` is not given."""
    import stat

    from dutylog.domain.errors import InvalidInput

    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InvalidInput(code="out.unwritable", field="out", path=path,
                           reason=exc.strerror or exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(code="out.not_regular", field="out", path=path)
    if not force:
        raise InvalidInput(code="out.exists_force", field="out", path=path)


def write_beside(path: Path, payload: bytes, mode: int = 0o666) -> None:
    """Write `payload` to a temporary file created exclusively (O_EXCL, never through a
    link planted at its name) beside `path`, then rename it over `path`; the temporary
    file is removed on any failure."""
    import tempfile

    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(name, mode & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
