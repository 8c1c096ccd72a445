"""Where dutylog keeps its data, and creating that folder safely."""

from __future__ import annotations

import os
from pathlib import Path

from dutylog.domain.errors import DataFolderError, StoreError

DB_NAME = "dutylog.db"
ENV_VAR = "DUTYLOG_HOME"


def data_home() -> Path:
    """`$DUTYLOG_HOME` when set, else the platform's user data folder. Creates nothing."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: with DUTYLOG_HOME set a command does not pay for it

    return Path(platformdirs.user_data_dir("dutylog", appauthor=False))


def _chmod(path: Path, mode: int) -> None:
    """Best effort: POSIX modes mean little on Windows, and some filesystems refuse them."""
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def ensure_home(home: Path) -> bool:
    """Create the data folder (mode 0700) if needed; return True when it was created here."""
    if home.is_dir():
        return False
    if home.exists():
        raise DataFolderError(code="home.not_a_folder", home=home, env=ENV_VAR)
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(code="home.cannot_create", home=home, reason=exc.strerror or exc) from exc
    _chmod(home, 0o700)
    return True


def ensure_db_file(db_path: Path) -> bool:
    """Create an empty database file with mode 0600; return True when it was created here."""
    if db_path.exists():
        return False
    try:
        fd = os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise DataFolderError(code="home.cannot_write", home=db_path.parent, reason=exc.strerror or exc) from exc
    os.close(fd)
    _chmod(db_path, 0o600)
    return True


def remove_db_files(db_path: Path) -> None:
    """Remove a database this process created but could not finish (and its WAL files)."""
    for suffix in ("", "-wal", "-shm", "-journal", ".lock", ".gate"):
        try:
            Path(str(db_path) + suffix).unlink()
        except OSError:
            pass


def readonly_uri(path: Path) -> str:
    """A read-only SQLite URI for `path`, a network share included.

    `Path.as_uri()` turns a UNC path (\\\\server\\share\\dutylog.db) into
    `file://server/share/…`, and SQLite refuses a URI naming a host: the damage check and
    the pre-upgrade backup were then skipped. An empty host with the share in the path
    (`file:////server/share/…`) is what SQLite opens on Windows."""
    from urllib.parse import quote

    text = str(path)
    if text.startswith(("\\\\", "//")):  # UNC: resolve() would not help, keep it as given
        return f"file:////{quote(text.replace(chr(92), '/').lstrip('/'))}?mode=ro"
    return f"{Path(text).resolve().as_uri()}?mode=ro"
