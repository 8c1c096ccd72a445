"""Two processes writing at once: the CLI in a loop (a secretary) while another process
writes through the service, as the TUI does (the leader's open app). No write is lost and
no one is shown "database is locked"."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from dutylog.services import Dutylog, LogRequest

from .conftest import SUBJECT, UUID_LEN, ids, integrity, load_generate

# Under `make test -n auto`: the kill and concurrency tests share one worker, one after
# another (two writers at once, with busy timeouts), never beside each other.
pytestmark = pytest.mark.xdist_group("faults-timing")

TODAY = date(2025, 12, 15)


class CliLoop(threading.Thread):
    """Run `dutylog log` `n` times, one process after another."""

    def __init__(self, cli, n: int, tag: str):
        super().__init__(daemon=True)
        self.cli, self.n, self.tag = cli, n, tag
        self.ids: list[str] = []
        self.failures: list[str] = []

    def run(self) -> None:
        for i in range(self.n):
            r = self.cli("log", "diary", "--subject", SUBJECT, "--date", "2025-06-01",
                         "--note", f"{self.tag} {i} 秘书代录", "--by", "李秘书")
            out = r.stdout.strip()
            if r.returncode != 0 or len(out) != UUID_LEN or r.stderr.strip():
                self.failures.append(f"exit {r.returncode}: {r.stderr.strip()}")
            else:
                self.ids.append(out)


def service_writes(home, stop: threading.Event, min_writes: int) -> list[str]:
    """Write through one long-lived service, as the TUI does, until `stop` (at least
    `min_writes`): log, edit and delete+undelete, each its own transaction."""
    made: list[str] = []
    with Dutylog.open(home, today=TODAY) as svc:
        i = 0
        while not stop.is_set() or i < min_writes:
            e = svc.log(LogRequest(kind="field-research", subject=SUBJECT, date=date(2025, 6, 2),
                                   days=0.5, four_no=i % 2 == 0, note=f"tui {i}", place="朱吴镇"))
            made.append(e.id)
            if i % 5 == 0:
                svc.edit(e.id, note=f"tui {i} edited")
            if i % 7 == 0:
                svc.delete(e.id)
                svc.undelete(e.id)
            svc.progress(SUBJECT, 2025)  # reads in between, as the dashboard refreshes
            i += 1
    return made


def run_together(seeded, loops: int, per_loop: int, min_writes: int) -> None:
    threads = [CliLoop(seeded, per_loop, f"cli{k}") for k in range(loops)]
    stop = threading.Event()
    for t in threads:
        t.start()
    watcher = threading.Thread(target=lambda: ([t.join() for t in threads], stop.set()), daemon=True)
    watcher.start()
    made = service_writes(seeded.home, stop, min_writes)
    watcher.join(timeout=300)
    for t in threads:
        assert not t.failures, t.failures[:3]
        assert len(t.ids) == per_loop
    present = ids(seeded.db, "entries")
    cli_ids = {x for t in threads for x in t.ids}
    assert cli_ids <= present, "a CLI write was lost"
    assert set(made) <= present, "a service write was lost"
    assert len(cli_ids) == loops * per_loop and len(set(made)) == len(made)
    assert integrity(seeded.db) == ["ok"]
    # the edits and tombstones round-tripped: every service entry is live
    with Dutylog.open(seeded.home, today=TODAY) as svc:
        live = {e.id for e in svc.entries(subject=SUBJECT)}
    assert set(made) <= live


def test_cli_loop_while_service_writes(seeded):
    run_together(seeded, loops=1, per_loop=12, min_writes=30)


@pytest.mark.slow
def test_two_cli_loops_while_service_writes(seeded):
    run_together(seeded, loops=2, per_loop=15, min_writes=60)


@pytest.mark.slow
def test_cli_loop_while_service_imports(seeded, tmp_path):
    """A long write transaction (an import of ~4,000 entries) in the app's process: the
    CLI waits for it instead of failing."""
    path = tmp_path / "b.jsonl"
    load_generate().generate(path, subjects=2, years=1, per_subject_year=2000, checksum=True)
    loop = CliLoop(seeded, 10, "during-import")
    # the generated year runs to 31 December: a bundle's entries may not be in the future
    with Dutylog.open(seeded.home, today=date(2025, 12, 31)) as svc:
        loop.start()
        svc.import_bundle(path)
        svc.import_bundle(path)  # twice: the second changes nothing
    loop.join(timeout=300)
    assert not loop.failures, loop.failures[:3]
    assert set(loop.ids) <= ids(seeded.db, "entries")
    assert integrity(seeded.db) == ["ok"]


class RestoreLoop(threading.Thread):
    """`dutylog backup restore FILE --yes` again and again until `stop`."""

    def __init__(self, cli, backup: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.cli, self.backup, self.stop = cli, backup, stop
        self.done, self.refused, self.errors = 0, 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            r = self.cli("backup", "restore", self.backup, "--yes")
            if r.returncode == 0:
                self.done += 1
            elif "in use" in r.stderr:
                self.refused += 1
            else:
                self.errors.append(f"exit {r.returncode}: {r.stderr.strip()}")


@pytest.mark.slow
def test_restore_during_writes_loses_none(seeded):
    """Issue 12, finding 3: 62 restores during 150 `log` writes lost 5 writes that printed
    an id and exited 0. Now every id printed is in the database or in a file a restore
    replaced (backups/replaced-*.db). DUTYLOG_RESTORE_WRITES sets the number of writes
    (the issue's check: 500; default 200 on a shared machine)."""
    import os

    total = int(os.environ.get("DUTYLOG_RESTORE_WRITES", "200"))
    loops = 4
    before = set((seeded.home / "backups").glob("*.db"))
    seeded.ok("backup", "create")
    (backup,) = set((seeded.home / "backups").glob("*.db")) - before  # with the subject
    writers = [CliLoop(seeded, total // loops, f"w{k}") for k in range(loops)]
    stop = threading.Event()
    restores = RestoreLoop(seeded, str(backup), stop)
    restores.start()
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=900)
    stop.set()
    restores.join(timeout=120)
    assert not restores.errors, restores.errors[:3]
    assert restores.done >= 1, (restores.done, restores.refused)
    printed = [x for w in writers for x in w.ids]
    failures = [f for w in writers for f in w.failures]
    # a write may be refused while a restore holds the folder, but never lost once printed
    assert len(printed) + len(failures) == total and len(printed) >= total // 2, failures[:3]
    found = ids(seeded.db, "entries")
    for replaced in (seeded.home / "backups").glob("replaced-*.db"):
        found |= ids(replaced, "entries")
    lost = set(printed) - found
    assert not lost, f"{len(lost)} of {len(printed)} printed ids lost ({restores.done} restores)"
    assert integrity(seeded.db) == ["ok"]
