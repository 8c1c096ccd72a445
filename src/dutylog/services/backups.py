"""Backups of the data folder: copies, the list, and restoring one.

`take` needs the open database (`Dutylog.backup_now`); listing and restoring never open
it (`BackupFolder`), so they work when it is damaged or another dutylog has it open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dutylog.domain.errors import StoreError
from dutylog.store import paths
from dutylog.store.backup import Backup, list_backups

SEALED = ".sealed"


def seal_backup(path: Path, passphrase: bytes) -> Path:
    """Seal the backup at `path` into `<path>.sealed` (created exclusively, mode 0600) and
    remove the plain copy; InvalidInput for a passphrase the sealing refuses."""
    import os

    from dutylog.domain.errors import InvalidInput
    from dutylog.sealing import SealError, seal_file

    sealed = path.with_name(path.name + SEALED)
    try:
        os.close(os.open(sealed, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        seal_file(path, sealed, passphrase)
    except SealError as exc:
        sealed.unlink(missing_ok=True)
        raise InvalidInput(code="backup.passphrase", field="passphrase", reason=exc) from None
    except BaseException:
        sealed.unlink(missing_ok=True)
        raise
    finally:
        path.unlink(missing_ok=True)
    return sealed


@dataclass(frozen=True, slots=True)
class RestorePlan:
    """A checked backup ready to replace the database."""

    source: Path
    database: Path
    replaces: bool  # a database exists and will be kept in backups/ as replaced-….db


class BackupFolder:
    """The backups of one data folder (default: `DUTYLOG_HOME` or the user data folder)."""

    def __init__(self, home: Path | None = None, today: date | None = None) -> None:
        from .context import today_from_env

        self.home = Path(home) if home is not None else paths.data_home()
        self._today = today or today_from_env()

    def backups(self) -> list[Backup]:
        """Every backup, oldest first."""
        return list_backups(self.home)

    def checked(self) -> dict[str, bool]:
        """Backup name -> whether its copy passed the day's check (absent: not checked)."""
        from dutylog.store.backup_job import checked

        return checked(self.home)

    def rule(self) -> dict[str, int]:
        """What is kept (store/backup_job.py): the newest copy of each of `daily` days and
        `weekly` weeks, the newest checked one, at most `factor`× the database (never
        less than `floor_mib` MiB in all)."""
        from dutylog.store import backup_job as job

        return {"daily": job.DAILY, "weekly": job.WEEKLY, "factor": job.SIZE_FACTOR,
                "floor_mib": job.SIZE_FLOOR // (1024 * 1024)}

    def plan_restore(self, name: str) -> RestorePlan:
        """Find and check the backup FILE (a path or a name in backups/); refused when it is
        not an undamaged dutylog database or the database is in use."""
        from dutylog.store.restore import check_backup, ensure_not_in_use, resolve_backup

        source = resolve_backup(self.home, name)
        from dutylog.sealing import is_sealed

        if is_sealed(source):
            from dutylog.domain.errors import InvalidInput

            raise InvalidInput(code="bundle.sealed", field="passphrase", path=source)
        check_backup(source)
        db_path = self.home / paths.DB_NAME
        if self.home.is_dir():  # (no folder: no database to take over)
            from dutylog.store.homelock import Busy, HomeLock

            lock = HomeLock(self.home)
            try:  # the app holds the data folder's lock while it is open
                lock.exclusive(timeout=2.0)
            except Busy:
                raise StoreError(code="db.in_use", path=db_path) from None
            try:  # asked while no dutylog can open the database (one opening waits)
                ensure_not_in_use(db_path)
            finally:
                lock.release()
        return RestorePlan(source, db_path, db_path.exists())

    def is_sealed(self, name: str) -> bool:
        from dutylog.sealing import is_sealed
        from dutylog.store.restore import resolve_backup

        return is_sealed(resolve_backup(self.home, name))

    def open_sealed(self, name: str, passphrase: bytes) -> Path:
        """The sealed backup FILE opened into a temporary plain copy in the data folder
        (mode 0600; remove it with `discard`); InvalidInput for a wrong passphrase or an
        altered byte."""
        import os
        import tempfile

        from dutylog.domain.errors import InvalidInput
        from dutylog.sealing import SealError, open_file
        from dutylog.store.restore import resolve_backup

        source = resolve_backup(self.home, name)
        paths.ensure_home(self.home)
        fd, plain = tempfile.mkstemp(dir=self.home, prefix=".restore-", suffix=".db")
        os.close(fd)
        try:
            open_file(source, plain, passphrase)
        except SealError as exc:
            Path(plain).unlink(missing_ok=True)
            raise InvalidInput(code="backup.sealed_unopened", field="passphrase", path=source,
                               reason=exc) from None
        except BaseException:
            Path(plain).unlink(missing_ok=True)
            raise
        return Path(plain)

    def restore(self, plan: RestorePlan) -> Path | None:
        """Replace the database by the plan's backup; return where the replaced file went."""
        from dutylog.store.restore import restore_backup

        return restore_backup(self.home, plan.source, self._today)
