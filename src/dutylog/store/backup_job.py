"""The day's backup, off the command's path (issue 14 §8), and which backups are kept.

When a command (or the app) closes a database it opened without trouble and the day has
no backup yet, `schedule` starts `python -m dutylog.store.backup_job HOME DAY` as a
detached process: the command's output is already printed and it exits at once; the job
copies the database with SQLite's online backup API from a read-only connection (a
consistent snapshot: in WAL mode writers are never blocked), runs `PRAGMA quick_check` on
the copy (the scheduled full check, once a day, never on the command's path), notes the
result in `backups/.checked`, and prunes. A job killed half-way leaves a hidden partial
file and an empty reserved name: neither is a backup, and the next close tries again.
A database under INLINE_BELOW (32 MiB, some 100,000 entries) is copied in the closing
process itself, after the output: that takes milliseconds, and no process outlives the
command (a script that removes its data folder right after its last command must not race
a job writing into it). `DUTYLOG_BACKUP=inline` does so whatever the size (tests,
scripts); `DUTYLOG_BACKUP=background` detaches whatever the size; `off` takes none.

A start that fails never reaches `schedule`, so a foreign or broken file is never backed
up over the good copies (issue 12, finding 5).

The rule (`keep`), stated by `backup list`: the newest copy of each of the last 7 days
that have one, the newest copy of each of the last 4 ISO weeks that have one, and always
the newest copy that passed the check; then, while the kept copies together exceed 3× the
database (and 256 MiB), the oldest is dropped — never the newest copy nor the newest
checked one.
Files `restore` replaced (`replaced-….db`) are outside the rule and never removed.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

from dutylog.store import backup as _backup
from dutylog.store.backup import (
    PREFIX,
    Backup,
    StoreError,
    _copy_db,
    _ensure_dir,
    _new_file,
    backups_dir,
    daily_done,
    list_backups,
)
from dutylog.store.paths import DB_NAME, readonly_uri

DAILY, WEEKLY, SIZE_FACTOR = 7, 4, 3
# The size bound never cuts below this total: a small database keeps its 7 + 4 copies
# (11 copies of 20 MB cost little); a large one is bounded by 3× its size.
SIZE_FLOOR = 256 * 1024 * 1024
CHECKED = ".checked"  # in backups/: "NAME ok" or "NAME damaged", a line each
DAMAGED_NOTE = ".damaged"  # in the data folder: the last copy failed the check
LOCK = ".job.lock"
STALE = 6 * 3600  # a lock older than this was left by a job that died


# ---- what was checked ------------------------------------------------------------------
def checked(home: Path) -> dict[str, bool]:
    """Backup name -> whether its copy passed the check (absent: never checked)."""
    try:
        text = (backups_dir(home) / CHECKED).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        name, _, verdict = line.partition(" ")
        found[name] = verdict == "ok"
    return found


def _note_checked(home: Path, name: str, ok: bool) -> None:
    # 0600 like everything in the data folder (README "Where the data lives")
    fd = os.open(backups_dir(home) / CHECKED, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(f"{name} {'ok' if ok else 'damaged'}\n")
    _private(backups_dir(home) / CHECKED)


def _private(path: Path) -> None:
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


# ---- the rule ----------------------------------------------------------------------------
def keep(backups: list[Backup], verified: dict[str, bool], db_size: int) -> list[Backup]:
    """The regular backups the rule keeps (see the module's docstring), oldest first."""
    regular = [b for b in backups if not b.replaced]
    if not regular:
        return []
    newest_of_day: dict[date, Backup] = {}
    newest_of_week: dict[tuple[int, int], Backup] = {}
    for b in regular:  # oldest first: the last one seen is the newest
        newest_of_day[b.day] = b
        newest_of_week[tuple(b.day.isocalendar())[:2]] = b
    kept = {b.path for b in sorted(newest_of_day.values(), key=_order)[-DAILY:]}
    kept |= {b.path for b in sorted(newest_of_week.values(), key=_order)[-WEEKLY:]}
    good = [b for b in regular if verified.get(b.name)]
    protected = {regular[-1].path} | ({good[-1].path} if good else set())
    kept |= protected
    chosen = [b for b in regular if b.path in kept]
    if db_size > 0:
        while sum(b.size for b in chosen) > max(SIZE_FACTOR * db_size, SIZE_FLOOR):
            drop = next((b for b in chosen if b.path not in protected), None)
            if drop is None:
                break
            chosen.remove(drop)
    return chosen


def _order(b: Backup):
    return (b.day, b.time, b.name)


def prune(home: Path) -> list[Path]:
    """Remove the regular backups the rule does not keep; return them."""
    home = Path(home)
    backups = list_backups(home)
    try:
        db_size = (home / DB_NAME).stat().st_size
    except OSError:
        db_size = 0
    kept = {b.path for b in keep(backups, checked(home), db_size)}
    removed = []
    for b in backups:
        if not b.replaced and b.path not in kept:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    if removed:  # forget the verdicts of removed copies (the file stays small)
        verdicts = checked(home)
        left = {b.name for b in list_backups(home)}
        try:
            (backups_dir(home) / CHECKED).write_text(
                "".join(f"{n} {'ok' if ok else 'damaged'}\n" for n, ok in verdicts.items() if n in left),
                encoding="utf-8")
            _private(backups_dir(home) / CHECKED)
        except OSError:
            pass
    return removed


# ---- the job -----------------------------------------------------------------------------
def run_job(home: Path, today: date) -> Path | None:
    """Take the day's backup unless one exists, check the copy, prune. Best effort: None
    when nothing was taken (done already, another job is at it, or it failed)."""
    home = Path(home)
    db_path = home / DB_NAME
    if daily_done(home, today) or not db_path.exists():
        return None
    try:
        folder = _ensure_dir(home)
    except StoreError:
        return None
    lock = folder / LOCK
    if not _take_lock(lock):
        return None
    try:
        if daily_done(home, today):
            return None
        path = _new_file(folder, PREFIX, today, None)
        try:
            import sqlite3

            src = sqlite3.connect(readonly_uri(db_path), uri=True)
            try:
                _copy_db(src, path)
            finally:
                src.close()
        except (OSError, sqlite3.Error):
            path.unlink(missing_ok=True)
            return None
        verify(home, path)
        prune(home)
        return path
    finally:
        lock.unlink(missing_ok=True)


def verify(home: Path, path: Path) -> bool:
    """`PRAGMA quick_check` on a copy, noted in backups/.checked; a damaged copy leaves a
    note that makes the next open check the database itself (and explain)."""
    ok = _backup._problem(path) is None
    _note_checked(home, path.name, ok)
    note = Path(home) / DAMAGED_NOTE
    try:
        if ok:
            note.unlink(missing_ok=True)
        else:
            note.write_text(path.name, encoding="utf-8")
    except OSError:
        pass
    return ok


def _take_lock(lock: Path) -> bool:
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime < STALE:
                    return False
                lock.unlink()
            except OSError:
                return False
            continue
        except OSError:
            return False
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return True
    return False


def schedule(home: Path, today: date) -> None:
    """After a successful run: the day's backup, when due, in a detached process (or
    inline, or not at all: `DUTYLOG_BACKUP`)."""
    mode = os.environ.get("DUTYLOG_BACKUP", "auto")
    if mode == "off" or daily_done(home, today):
        return
    if mode == "inline" or (mode != "background" and _small(home)):
        run_job(home, today)
        return
    import subprocess  # only on the day's first close (it costs a few ms to import)

    options: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
                     "stderr": subprocess.DEVNULL, "close_fds": True, "cwd": str(home)}
    if os.name == "nt":
        options["creationflags"] = (getattr(subprocess, "DETACHED_PROCESS", 0)
                                    | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
    else:
        options["start_new_session"] = True
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])  # the dutylog package's folder, as run now
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        subprocess.Popen([sys.executable, "-m", "dutylog.store.backup_job", str(home),
                          today.isoformat()], env=env, **options)
    except OSError:
        run_job(home, today)  # no process to spare: take it here, after the output


INLINE_BELOW = 32 << 20  # bytes: a smaller database is copied in the closing process


def _small(home: Path) -> bool:
    try:
        return (home / DB_NAME).stat().st_size < INLINE_BELOW
    except OSError:
        return True


def main(argv: list[str]) -> int:
    home, day = Path(argv[0]), date.fromisoformat(argv[1])
    run_job(home, day)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
