"""The app leaves when its terminal goes (issue 10 §5), tested in a real pseudo-terminal:
closed under it, hung up with SIGHUP ignored beforehand (nohup), and with no terminal."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

pty = pytest.importorskip("pty")


def _spawn(home, ignore_hup: bool = False):
    master, slave = pty.openpty()
    env = dict(os.environ, DUTYLOG_HOME=str(home), DUTYLOG_TODAY="2025-11-28", TERM="xterm-256color",
               COLUMNS="100", LINES="30")
    pre = (lambda: __import__("signal").signal(__import__("signal").SIGHUP,
                                                __import__("signal").SIG_IGN)) if ignore_hup else None
    proc = subprocess.Popen([sys.executable, "-m", "dutylog"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True, preexec_fn=pre, close_fds=True)
    os.close(slave)
    return proc, master


def _wait_drawn(master, seconds: float = 20.0) -> bytes:
    """Read the screen until the app has painted (its title is on it)."""
    import select

    seen, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            if b"dutylog" in seen and len(seen) > 2000:
                return seen
    return seen


def _gone_within(proc, seconds: float, master: int | None = None) -> bool:
    """The process ended within `seconds`; meanwhile its terminal (`master`) is read, as a
    terminal does: the app's last frames must not wait on a full pseudo-terminal."""
    import select

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            return True
        if master is None:
            time.sleep(0.05)
            continue
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                master = None
    return proc.poll() is not None


def _unlocked(home) -> bool:
    conn = sqlite3.connect(home / "dutylog.db", timeout=0.5)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "h"
    env = dict(os.environ, DUTYLOG_HOME=str(home))
    subprocess.run([sys.executable, "-m", "dutylog", "subject", "add", "王明", "--role", "leader"],
                   env=env, check=True, capture_output=True)
    return home


def test_closing_the_terminal_ends_the_app_and_frees_the_database(home):
    proc, master = _spawn(home)
    try:
        assert _wait_drawn(master), "the app never painted"
        os.close(master)  # the window is closed
        assert _gone_within(proc, 2.0), "still running 2 s after its terminal closed"
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _unlocked(home)


def test_sighup_ends_the_app_even_when_nohup_ignored_it(home):
    import signal

    proc, master = _spawn(home, ignore_hup=True)
    try:
        assert _wait_drawn(master), "the app never painted"
        proc.send_signal(signal.SIGHUP)
        assert _gone_within(proc, 2.0, master), "still running 2 s after SIGHUP"
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert _unlocked(home)


def test_without_a_terminal_it_refuses_in_one_line(home):
    env = dict(os.environ, DUTYLOG_HOME=str(home))
    r = subprocess.run([sys.executable, "-m", "dutylog"], stdin=subprocess.DEVNULL, capture_output=True,
                       env=env, timeout=20)
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "终端" in err
