"""Disk full, a read-only data folder, a missing one: a clear message, nothing half-written.

Disk full is simulated per process with RLIMIT_FSIZE (SIGXFSZ ignored, so a write past the
limit fails with EFBIG, as a full disk fails with ENOSPC): no loop device, no root needed.
A read-only folder is a folder the user cannot write; when the tests run as root (who may
write anywhere), the commands run without the capabilities that bypass permissions.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from .conftest import CLI, SUBJECT, UUID_LEN, bundle_ids, dutylog_cmd, ids, integrity, load_generate, one_error_line


def file_limit(nbytes: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return preexec


def clear_failure(r: subprocess.CompletedProcess) -> str:
    """Refused or failed: exit 1 or 2, one line, no traceback, not an 'unexpected error'."""
    assert r.returncode in (1, 2), (r.returncode, r.stdout, r.stderr)
    line = one_error_line(r.stderr)
    assert "unexpected error" not in line, line
    return line


def db_bytes(home: Path) -> int:
    return max((p.stat().st_size for p in home.iterdir() if p.is_file()), default=0)


def rows(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'entries_fts%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    path = tmp_path_factory.mktemp("bundle") / "b.jsonl"
    load_generate().generate(path, subjects=2, years=1, per_subject_year=2000, checksum=True)
    return path


# ---------------------------------------------------------------------- disk full
def test_disk_full_during_import(seeded, bundle):
    before = rows(seeded.db)
    limit = db_bytes(seeded.home) + 256 * 1024  # room to open, not for 4,000 entries
    r = seeded("import", bundle, preexec_fn=file_limit(limit))
    line = clear_failure(r)
    assert any(w in line.lower() for w in ("full", "space", "write", "disk", "large")), line
    assert integrity(seeded.db) == ["ok"]
    assert rows(seeded.db) == before, "a refused import left rows behind"
    wanted = bundle_ids(bundle)
    assert not wanted["entries"] & ids(seeded.db, "entries")
    # with room again, the same import goes through
    seeded.ok("import", bundle)
    assert wanted["entries"] <= ids(seeded.db, "entries")


@pytest.mark.parametrize("extra_kib", [0, 8, 40, 200])
def test_disk_full_during_log(seeded, extra_kib):
    before = rows(seeded.db)
    limit = db_bytes(seeded.home) + extra_kib * 1024
    r = seeded("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01", "--note", "满" * 3000,
               preexec_fn=file_limit(limit))
    assert integrity(seeded.db) == ["ok"]
    if r.returncode == 0:
        new = r.stdout.strip()
        assert len(new) == UUID_LEN and new in ids(seeded.db, "entries")
    else:
        clear_failure(r)
        assert rows(seeded.db) == before, "a failed log left rows behind"
    seeded.ok("log", "diary", "--subject", SUBJECT, "--date", "2025-06-02")


def test_disk_full_during_export_leaves_no_file(seeded, bundle, tmp_path):
    seeded.ok("import", bundle)
    out = tmp_path / "out"
    out.mkdir()
    r = seeded("export", out / "all.jsonl", preexec_fn=file_limit(db_bytes(seeded.home) // 4))
    clear_failure(r)
    assert list(out.iterdir()) == [], "a failed export left a file behind"


# ---------------------------------------------------------------------- read-only folder
def without_root_powers():
    """Root writes anywhere: when the tests run as root, run the child without the
    capabilities that bypass file permissions (dropped from the bounding set before exec,
    so the program sees permissions as any user would). None when not root."""
    if os.geteuid() != 0:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP = 24
    CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3

    def preexec() -> None:
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    return preexec


def set_modes(home: Path, folder: int, file: int) -> None:
    for p in sorted(home.rglob("*"), reverse=True):
        p.chmod(folder if p.is_dir() else file)
    home.chmod(folder)


@pytest.fixture
def readonly(seeded, tmp_path_factory):
    """A copy of the seeded folder its user cannot write, and how to run as that user."""
    preexec = without_root_powers()
    cli = seeded.clone(tmp_path_factory.mktemp("ro") / "home")
    set_modes(cli.home, 0o500, 0o400)
    yield cli, preexec
    set_modes(cli.home, 0o700, 0o600)


def test_read_only_folder_refuses_writes_clearly(readonly):
    cli, preexec = readonly
    before = rows(cli.db)
    listing = os.listdir(cli.home)
    for args in (("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01"),
                 ("subject", "add", "新人", "--role", "cadre")):
        r = cli(*args, preexec_fn=preexec)
        line = clear_failure(r)
        assert any(w in line.lower() for w in ("read-only", "readonly", "cannot write", "permission")), line
        assert "damaged" not in line and "restore" not in line, \
            f"a read-only folder is not a damaged database: {line}"
        assert str(cli.home) in line or "data folder" in line or "database" in line, line
    assert rows(cli.db) == before
    assert sorted(os.listdir(cli.home)) == sorted(listing), "files appeared in a read-only folder"


def test_read_only_folder_reads_or_says_why(readonly):
    cli, preexec = readonly
    r = cli("entries", "--json", preexec_fn=preexec)
    if r.returncode != 0:
        line = clear_failure(r)
        assert "damaged" not in line, f"a read-only folder is not a damaged database: {line}"


def test_backups_folder_not_writable_does_not_stop_work(seeded):
    """The daily backup is best effort ("a failure here never stops dutylog from
    working"): a backups/ folder the user cannot write must not break `log`."""
    preexec = without_root_powers()
    backups = seeded.home / "backups"
    backups.mkdir(exist_ok=True)
    backups.chmod(0o500)
    try:
        env = dict(seeded.env, DUTYLOG_TODAY="2025-12-16")  # a new day: a new backup is due
        r = subprocess.run(dutylog_cmd("log", "diary", "--subject", SUBJECT, "--date", "2025-12-16"),
                           env=env, capture_output=True, text=True, timeout=60, preexec_fn=preexec)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() in ids(seeded.db, "entries")
    finally:
        backups.chmod(0o700)


def test_read_only_database_file_in_writable_folder(seeded):
    preexec = without_root_powers()
    seeded.db.chmod(0o444)
    try:
        before = rows(seeded.db)
        log = ("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01")
        r = seeded("--lang", "zh", *log, preexec_fn=preexec)
        assert r.returncode == 2 and clear_failure(r) == f"dutylog: 无法写入数据库 {seeded.db}：文件是只读的"
        r = seeded(*log, preexec_fn=preexec)
        assert r.returncode == 2 and clear_failure(r) == f"dutylog: cannot write the database {seeded.db}: it is read-only"
        assert rows(seeded.db) == before
    finally:
        seeded.db.chmod(0o600)


def test_folder_sqlite_cannot_write_in_is_refused_in_chinese(seeded, tmp_path_factory):
    """issue 11: a data folder the user cannot write (the database file itself writable, no
    `-wal` beside it, so SQLite must make one) is refused in the run's language with
    SQLite's own words last, exit 2 as any refusal, and nothing changed; not "cannot
    open" in English, exit 1, as before."""
    preexec = without_root_powers()
    cli = seeded.clone(tmp_path_factory.mktemp("rofolder") / "home")
    conn = sqlite3.connect(cli.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()  # the last connection: SQLite removes `-wal` and `-shm`
    assert not (cli.home / "dutylog.db-wal").exists()
    before, listing = rows(cli.db), sorted(os.listdir(cli.home))
    cli.home.chmod(0o500)
    try:
        log = ("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01")
        r = cli("--lang", "zh", *log, preexec_fn=preexec)
        assert r.returncode == 2, r.stderr
        assert clear_failure(r) == (f"dutylog: 无法写入数据库 {cli.db}：数据目录或数据库文件是只读的"
                                    "（SQLite：attempt to write a readonly database）")
        r = cli(*log, preexec_fn=preexec)
        assert r.returncode == 2, r.stderr
        assert clear_failure(r) == (f"dutylog: cannot write the database {cli.db}: its data folder or file "
                                    "is read-only (SQLite: attempt to write a readonly database)")
    finally:
        cli.home.chmod(0o700)
    assert rows(cli.db) == before and sorted(os.listdir(cli.home)) == listing


# ---------------------------------------------------------------------- missing folder
def test_missing_folder_is_created_private(tmp_path):
    home = tmp_path / "a" / "b" / "dutylog"
    cli = CLI(home)
    cli.ok("subject", "add", SUBJECT, "--role", "leader")
    assert home.is_dir()
    if os.name == "posix":
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        assert stat.S_IMODE((home / "dutylog.db").stat().st_mode) == 0o600


@pytest.mark.parametrize("layout", ["parent-is-file", "home-is-file"])
def test_folder_that_cannot_exist(tmp_path, layout):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    home = blocker / "dutylog" if layout == "parent-is-file" else blocker
    cli = CLI(home)
    for args in (("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01"), ("entries", "--json")):
        r = cli(*args)
        line = clear_failure(r)
        assert "blocker" in line, line
    assert blocker.read_text() == "not a folder"
    assert sorted(os.listdir(tmp_path)) == ["blocker"]


def test_folder_removed_between_commands(seeded):
    seeded.ok("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01")
    shutil.rmtree(seeded.home)
    r = seeded("entries", "--json")
    # a fresh, empty database (first use again) or a clear message: never a traceback
    if r.returncode == 0:
        assert r.stdout.strip() in ("[]", "")
    else:
        clear_failure(r)


def test_export_to_missing_folder_writes_nothing(seeded, tmp_path):
    r = seeded("export", tmp_path / "nope" / "x.jsonl")
    clear_failure(r)
    assert not (tmp_path / "nope").exists()


def test_no_traceback_when_stdout_is_closed(seeded):
    """`dutylog entries | head -0`: a closed pipe is not an error worth a traceback."""
    p = subprocess.Popen(dutylog_cmd("entries"), env=seeded.env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert "Traceback" not in err, err
