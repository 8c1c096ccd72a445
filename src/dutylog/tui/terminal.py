"""The app and the terminal it runs in (issue 10 §5).

Textual reads its input in a thread that, once the terminal is gone (a closed window, an
SSH drop, standard input at end of file), is woken again and again with nothing to read:
the app would spin at 100 % CPU with the database open, forever. So:

- `require_terminal()`: without a terminal the app refuses in one line (exit 2) instead of
  hanging; the commands (`dutylog --help`) work anywhere.
- `watch_terminal(app)`: SIGHUP asks the app to exit, whatever it was set to before (nohup
  ignores it); a watchdog thread sees the terminal hang up (poll: POLLHUP/POLLERR/POLLNVAL
  on standard input) and asks the same. The caller's `finally` then closes the database.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dutylog.domain.errors import InvalidInput

POLL_SECONDS = 0.5


def require_terminal() -> None:
    streams = (sys.stdin, sys.stdout)
    if not all(s is not None and hasattr(s, "isatty") and s.isatty() for s in streams):
        raise InvalidInput(code="app.no_terminal")


@contextmanager
def watch_terminal(app) -> Iterator[None]:
    stop = threading.Event()
    previous = None
    hangup = getattr(signal, "SIGHUP", None)

    def leave(*_args) -> None:
        stop.set()
        _exit_soon(app)

    if hangup is not None and threading.current_thread() is threading.main_thread():
        previous = signal.signal(hangup, leave)
    watcher = None
    if hasattr(os, "fork"):  # POSIX: select.poll; Windows has no hang-up to watch for
        watcher = threading.Thread(target=_watch, args=(stop, leave), name="dutylog-tty-watch",
                                   daemon=True)
        watcher.start()
    try:
        yield
    finally:
        stop.set()
        if hangup is not None and previous is not None:
            signal.signal(hangup, previous)


def _watch(stop: threading.Event, leave) -> None:
    import select

    try:
        fd = sys.stdin.fileno()
        poller = select.poll()
        poller.register(fd, select.POLLHUP | select.POLLERR | select.POLLNVAL)
    except (OSError, ValueError, AttributeError):
        return
    gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
    while not stop.is_set():
        try:
            events = poller.poll(POLL_SECONDS * 1000)
        except OSError:
            events = [(fd, select.POLLERR)]
        if any(mask & gone for _, mask in events):
            leave()
            return


def _exit_soon(app) -> None:
    """Ask the app to exit from any thread; if its loop no longer answers, end the process
    (the database is consistent at every commit: WAL)."""
    try:
        app.call_from_thread(app.exit)
    except Exception:  # noqa: BLE001 - the loop is gone or this is its own thread
        try:
            app.exit()
        except Exception:  # noqa: BLE001
            os._exit(1)
