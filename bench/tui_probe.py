"""Headless TUI probes for bench/run.py (each run is its own process, timed from outside).

    python bench/tui_probe.py dashboard   # dutylog's app on $DUTYLOG_HOME: first screen painted, exit
    python bench/tui_probe.py bare        # a bare Textual app: Header, 50-row DataTable, 10 ProgressBars
    python bench/tui_probe.py scroll      # entries screen: ctrl+end until the last row; prints key latencies as JSON

"Painted" means: the app is ready (first compose, mount and refresh done), every worker
it started has finished and the message queue is idle once more; then the app exits.
The probe prints one JSON line: the screen that was showing and what it holds.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import date

SIZE = (120, 40)
TABLES = "DataTable, VirtualTable"  # the entries screen's table, whichever kind it is


def today() -> date:
    return date.fromisoformat(os.environ.get("DUTYLOG_TODAY") or date.today().isoformat())


async def settle(pilot) -> None:
    """Wait until the app has answered: queue idle, workers done, queue idle again."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def describe(app) -> dict:
    from textual.widgets import ProgressBar

    screen = app.screen
    return {"screen": type(screen).__name__,
            "progress_bars": len(screen.query(ProgressBar)),
            "tables": [t.row_count for t in screen.query(TABLES)],
            "widgets": len(list(screen.walk_children()))}


def bare_app():
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import DataTable, Header, ProgressBar

    class Bare(App):
        def compose(self):
            yield Header()
            with VerticalScroll():
                for i in range(10):
                    yield ProgressBar(total=100, show_eta=False, id=f"p{i}")
                yield DataTable(id="t")

        def on_mount(self):
            t = self.query_one(DataTable)
            t.add_columns("日期", "类别", "标题", "地点", "天数")
            for i in range(50):
                t.add_row(f"2025-01-{i % 28 + 1:02d}", "民情日记", f"走访第{i}户群众", "留格庄镇", "1")
            for i in range(10):
                self.query_one(f"#p{i}", ProgressBar).update(progress=i * 10)

    return Bare()


def dutylog_app():
    from dutylog.services import Dutylog
    from dutylog.tui.app import make_app

    svc = Dutylog.open(today=today())
    return make_app(svc, today=today()), svc


def run_painted(app) -> dict:
    info: dict = {}

    async def auto(pilot):
        await settle(pilot)
        info.update(describe(pilot.app))
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=auto)
    return info


# ---------------------------------------------------------------------- entries scroll
MAX_END_PRESSES = int(os.environ.get("PROBE_MAX_END", "2500"))  # 200,000 rows in pages of 100
AFTER_END = ["pageup"] * 5 + ["up"] * 20 + ["pagedown"] * 5 + ["down"] * 10 + ["ctrl+home", "ctrl+end"]
BOTTOM = "ctrl+end"  # DataTable: cursor to the last row (plain End scrolls to the last column)


def queues_empty(app) -> bool:
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return all(p._message_queue.empty() for p in pumps)


async def answer(pilot, key: str) -> float:
    """Milliseconds from a key event reaching the app until it, and every message it set
    off (a page of rows loading, say), has been handled and the screen repainted.
    Unlike `pilot.press` + `pause`, no fixed sleeps are counted (those add ~100 ms)."""
    from textual import events

    app = pilot.app
    loop = asyncio.get_running_loop()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    t0 = time.perf_counter()
    app._driver.send_message(event)
    for _ in range(100):
        await pilot._wait_for_screen()
        if queues_empty(app) and not app.workers._workers:
            break
        await asyncio.sleep(0)
    painted = loop.create_future()
    app.screen.call_after_refresh(lambda: painted.done() or painted.set_result(None))
    app.screen.refresh()
    await asyncio.wait_for(painted, timeout=5)
    return (time.perf_counter() - t0) * 1000


def find_entries_key(app) -> str | None:
    """The key that opens the entries screen, from the app's bindings."""
    for binding in getattr(app, "BINDINGS", []):
        key, action = (binding.key, binding.action) if hasattr(binding, "key") else binding[:2]
        if "entries" in action or "browse" in action:
            return key.split(",")[0]
    return None


def run_scroll(app) -> dict:
    out: dict = {"keys": [], "built": False}

    async def auto(pilot):
        await settle(pilot)
        key = find_entries_key(pilot.app)
        if key is None:
            out["note"] = "no binding opens an entries screen yet"
            pilot.app.exit()
            return
        t0 = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        out["open_ms"] = (time.perf_counter() - t0) * 1000
        tables = pilot.app.screen.query(TABLES)
        if not tables:
            out["note"] = f"key {key!r} showed {type(pilot.app.screen).__name__}, no table"
            pilot.app.exit()
            return
        table = tables.first()
        table.focus()
        await settle(pilot)
        out["built"] = True
        out["screen"] = type(pilot.app.screen).__name__
        screen = pilot.app.screen

        async def timed(k: str) -> None:
            out["keys"].append([k, round(await answer(pilot, k), 2)])

        # ctrl+end until the last row of the table is reached (pages load as the cursor nears
        # the bottom), then the usual keys around there
        for _ in range(MAX_END_PRESSES):
            await timed(BOTTOM)
            table = screen.query(TABLES).first()
            total = getattr(screen, "total", None)
            loaded = len(getattr(screen, "loaded", ())) or table.row_count
            if table.cursor_row >= table.row_count - 1 and (total is None or loaded >= total):
                break
        out["end_presses"] = len(out["keys"])
        for k in AFTER_END:
            await timed(k)
        table = screen.query(TABLES).first()
        out["rows_loaded"] = table.row_count
        out["rows_total"] = getattr(screen, "total", None)
        out["cursor_row"] = table.cursor_row
        out["subject"] = getattr(pilot.app, "subject", None)
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=auto)
    return out


def main(mode: str) -> int:
    if mode == "bare":
        info = run_painted(bare_app())
    elif mode in ("dashboard", "scroll"):
        app, svc = dutylog_app()
        try:
            info = run_painted(app) if mode == "dashboard" else run_scroll(app)
        finally:
            svc.close()
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    sys.exit(main(sys.argv[1]))
