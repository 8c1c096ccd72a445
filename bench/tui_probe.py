"""Headless TUI probes for bench/run.py (each run is its own process, timed from outside).

    python bench/tui_probe.py dashboard   # dutylog's app on $DUTYLOG_HOME: first screen painted, exit
    python bench/tui_probe.py bare        # a bare Textual app: Header, 50-row DataTable, 10 ProgressBars
    python bench/tui_probe.py scroll      # entries screen: ctrl+end until the last row; prints key latencies as JSON
    python bench/tui_probe.py desk        # the desk (all subjects × duties) as the first screen: painted, exit
    python bench/tui_probe.py desk-keys   # the desk: every key a user moves, filters and sorts with, timed

`scroll` lists the entries of $PROBE_SUBJECT (default: the first subject). `desk` and
`desk-keys` open the app as an office's operator sees it (the desk first: the operator
keeps several subjects); they also print in-process milliseconds from the probe's start
to the desk painted (`painted_ms`). Profiles of the keys (`scroll`, `desk-keys`), one or
the other: PROBE_PROFILE=FILE (all keys), PROBE_PROFILE_EACH=DIR (a file per key ≥ 100 ms).

"Painted" means: the app is ready (first compose, mount and refresh done), every worker
it started has finished and the message queue is idle once more; then the app exits.
The desk's count of its rows (a worker) is the exception: the desk is painted when its
rows in sight are counted, and its keys are pressed while the rest are (`desk_painted`).
The probe prints one JSON line: the screen that was showing and what it holds.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import date

T_START = time.perf_counter()  # the probe's start (the interpreter's own start is before it)

SIZE = (120, 40)
TABLES = "DataTable, VirtualTable"  # the entries screen's table, whichever kind it is


def today() -> date:
    return date.fromisoformat(os.environ.get("DUTYLOG_TODAY") or date.today().isoformat())


COUNT_GROUP = "desk-count"  # the desk's count of its rows (DeskScreen.count), a thread worker


def waited(app) -> list:
    """The workers an answer waits for: all but the desk's count, which runs on while keys
    are answered (the desk is "painted" when its rows in sight are counted: `desk_painted`)."""
    return [w for w in app.workers if w.group != COUNT_GROUP and not w.is_finished]


async def settle(pilot) -> None:
    """Wait until the app has answered: queue idle, workers done, queue idle again. While
    the desk counts, `pilot.pause()` would wait for the process to be idle (up to a second
    each): then the queues are watched instead (`answered`)."""
    app = pilot.app
    await (answered(app, pilot) if counting(app) else pilot.pause())
    workers = waited(app)
    if workers:  # (an empty list would mean every worker)
        await app.workers.wait_for_complete(workers)
    await (answered(app, pilot) if counting(app) else pilot.pause())


def counting(app) -> bool:
    return any(w.group == COUNT_GROUP and not w.is_finished for w in app.workers)


async def answered(app, pilot) -> None:
    """Every message handled (a key's, and those it set off) and the screen repainted."""
    for _ in range(100):
        await pilot._wait_for_screen()
        if queues_empty(app) and not waited(app):
            break
        await asyncio.sleep(0)
    painted = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: painted.done() or painted.set_result(None))
    app.screen.refresh()
    await asyncio.wait_for(painted, timeout=5)


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
    app = pilot.app
    event = key_event(key)
    event.set_sender(app)
    each = os.environ.get("PROBE_PROFILE_EACH")  # a folder: a profile per key ≥ 100 ms
    if each:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    t0 = time.perf_counter()
    app._driver.send_message(event)
    await answered(app, pilot)
    ms = (time.perf_counter() - t0) * 1000
    if each:
        profile.disable()
        if ms >= 100:
            n = len(os.listdir(each))
            profile.dump_stats(os.path.join(each, f"{n:03d}-{key}-{ms:.0f}ms.prof"))
    return ms


def key_event(key: str):
    """The Key event a terminal sends for `key` ("down", "slash", "郭"), built as
    `pilot.press` builds it (a printable key carries its character)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def stats(keys: list) -> dict:
    """Slowest key, p95 and median of [key, ms] pairs."""
    times = sorted(ms for _, ms in keys)
    if not times:
        return {}
    worst = max(keys, key=lambda kv: kv[1])
    return {"slowest": worst, "p95_ms": times[int(0.95 * (len(times) - 1))],
            "median_ms": times[len(times) // 2], "keys_100ms": sum(1 for ms in times if ms >= 100)}


def find_entries_key(app) -> str | None:
    """The key that opens the entries screen, from the app's bindings."""
    for binding in getattr(app, "BINDINGS", []):
        key, action = (binding.key, binding.action) if hasattr(binding, "key") else binding[:2]
        if "entries" in action or "browse" in action:
            return key.split(",")[0]
    return None


def start_profile():
    """cProfile over the keys when $PROBE_PROFILE names a file (stats written there)."""
    if not os.environ.get("PROBE_PROFILE"):
        return None
    import cProfile

    profile = cProfile.Profile()
    profile.enable()
    return profile


def stop_profile(profile) -> None:
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["PROBE_PROFILE"])


def run_scroll(app) -> dict:
    out: dict = {"keys": [], "built": False}

    async def auto(pilot):
        await settle(pilot)
        wanted = os.environ.get("PROBE_SUBJECT")
        if wanted and wanted != pilot.app.subject:
            pilot.app.set_subject(wanted)
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
        profile = start_profile()
        t_end = time.perf_counter()
        for _ in range(MAX_END_PRESSES):
            await timed(BOTTOM)
            table = screen.query(TABLES).first()
            total = getattr(screen, "total", None)
            loaded = len(getattr(screen, "loaded", ())) or table.row_count
            if table.cursor_row >= table.row_count - 1 and (total is None or loaded >= total):
                break
        out["end_presses"] = len(out["keys"])
        out["last_row_ms"] = round((time.perf_counter() - t_end) * 1000, 1)
        for k in AFTER_END:
            await timed(k)
        stop_profile(profile)
        out.update(stats(out["keys"]))
        table = screen.query(TABLES).first()
        out["rows_loaded"] = table.row_count
        out["rows_total"] = getattr(screen, "total", None)
        out["cursor_row"] = table.cursor_row
        out["subject"] = getattr(pilot.app, "subject", None)
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=auto)
    return out


# ---------------------------------------------------------------------- the desk
DESK_KEYS = {  # what a user presses on the desk, in this order (see run_desk_keys)
    "move": ["down"] * 20 + ["pagedown"] * 5 + ["up"] * 5 + ["pageup"] * 2,
    "around": ["home", "ctrl+end", "ctrl+home", "pagedown", "pageup"],
    "sort": ["b", "down", "down", "down", "pagedown", "b"],
    # `/` into the filter; a town, gone again; a status word; Enter back to the table
    "filter": ["slash", "郭", "城", "镇", "down", "backspace", "backspace", "backspace",
               "落", "后", "enter", "down", "down", "slash", "backspace", "backspace", "enter"],
}


def desk_first(app) -> None:
    """Open as an office's operator does: one who keeps several subjects gets the desk first."""
    app.keeps_several = lambda: True


async def desk_painted(pilot) -> None:
    """The desk (in front, settled) shows its rows in sight counted (their cells, not
    "…"), repainted. The rest are counted in a worker meanwhile (`counting`); before that
    worker the desk evaluated every row on the UI thread after its first paint (the due
    line). Rows the desk read from its memo are counted from the start: then it is
    painted as it settled (waiting once more would only wait)."""
    from dutylog.tui.widgets.virtual_table import VirtualTable

    screen = pilot.app.screen
    table = screen.query_one(VirtualTable)
    desk = screen.desk
    waited = False
    for _ in range(6000):
        top = int(table.scroll_y)
        if all(desk.counted(s) is not None for s in screen.shown[top:top + table.size.height]):
            break
        waited = True
        await asyncio.sleep(0.005)
    if waited:  # counted since the screen settled: their cells painted
        await settle(pilot)


async def desk_in_front(pilot) -> str:
    """The app settled with the desk in front (the first screen of `desk_first`; else
    opened by Ctrl+W's action and settled again); the first screen's name."""
    await settle(pilot)
    first = type(pilot.app.screen).__name__
    if open_desk(pilot):
        await settle(pilot)
    return first


def describe_desk(screen) -> dict:
    from dutylog.tui.widgets.virtual_table import VirtualTable

    table = screen.query_one(VirtualTable)
    return {"rows": table.row_count, "columns": len(table.columns),
            "rules": len(screen.desk.rules), "subjects": len(screen.desk.subjects),
            "rows_evaluated": screen.desk.done, "counting": counting(screen.app)}


def open_desk(pilot) -> bool:
    """The desk in front (it is the first screen of `desk_first`; else Ctrl+W's action);
    whether it had to be opened."""
    from dutylog.tui import registry

    if isinstance(pilot.app.screen, registry.load("desk")):
        return False
    pilot.app.action_desk()
    return True


def run_desk(app) -> dict:
    info: dict = {}
    desk_first(app)

    async def auto(pilot):
        first = await desk_in_front(pilot)
        await desk_painted(pilot)
        info["painted_ms"] = round((time.perf_counter() - T_START) * 1000, 1)
        info["first_screen"] = first
        info.update(describe(pilot.app))
        info.update(describe_desk(pilot.app.screen))
        pilot.app.exit()  # the count, if still running, is given up

    app.run(headless=True, size=SIZE, auto_pilot=auto)
    return info


def run_desk_keys(app) -> dict:
    """Every key a user moves around the desk with, filters and sorts with, and Enter to
    a leader's dashboard and Ctrl+W back; each timed by `answer`."""
    from dutylog.tui import registry
    from dutylog.tui.widgets.virtual_table import VirtualTable

    out: dict = {"keys": [], "built": False}
    desk_first(app)

    async def auto(pilot):
        await desk_in_front(pilot)
        await desk_painted(pilot)
        out["painted_ms"] = round((time.perf_counter() - T_START) * 1000, 1)
        desk = registry.load("desk")
        screen = pilot.app.screen
        if not isinstance(screen, desk):
            out["note"] = f"no desk: {type(screen).__name__}"
            pilot.app.exit()
            return
        out["built"] = True
        out.update(describe_desk(screen))
        table = screen.query_one(VirtualTable)

        during: list = []  # the keys answered while the count was running

        async def timed(k: str) -> None:
            busy = counting(pilot.app)
            out["keys"].append([k, round(await answer(pilot, k), 2)])
            if busy:
                during.append(out["keys"][-1])
            elif "counted_ms" not in out:
                out["counted_ms"] = round((time.perf_counter() - T_START) * 1000, 1)

        profile = start_profile()
        for k in DESK_KEYS["move"]:
            await timed(k)
        # End until the cursor is on the last subject
        t0 = time.perf_counter()
        for _ in range(50):
            await timed("end")
            if table.cursor_row >= table.row_count - 1:
                break
        out["last_row_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        out["last_row"] = table.cursor_row + 1
        for k in DESK_KEYS["around"]:
            await timed(k)
        for k in DESK_KEYS["sort"]:
            await timed(k)
        shown = {}
        for i, k in enumerate(DESK_KEYS["filter"]):
            await timed(k)
            if i in (3, 9):  # after the town and after the status word
                shown["郭城镇" if i == 3 else "落后"] = len(screen.shown)
        out["filtered_rows"] = shown
        # Enter: the leader's dashboard under the cursor; Escape, then Ctrl+W, back to the desk
        await timed("down")
        chosen = screen.shown[table.cursor_row].name if screen.shown else None
        await timed("enter")
        out["enter"] = {"screen": type(pilot.app.screen).__name__, "subject": pilot.app.subject,
                        "chosen": chosen}
        await timed("escape")
        out["escape"] = type(pilot.app.screen).__name__
        if not isinstance(pilot.app.screen, desk):
            await timed("ctrl+w")
        out["back"] = type(pilot.app.screen).__name__
        stop_profile(profile)
        out.update(stats(out["keys"]))
        out["while_counting"] = {"keys": len(during), **stats(during)}
        await pilot.app.workers.wait_for_complete()
        out.setdefault("counted_ms", round((time.perf_counter() - T_START) * 1000, 1))
        out["rows_evaluated"] = screen.desk.done
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=auto)
    return out


def main(mode: str) -> int:
    if mode == "bare":
        info = run_painted(bare_app())
    elif mode in RUNS:
        app, svc = dutylog_app()
        try:
            info = RUNS[mode](app)
        finally:
            svc.close()
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    print(json.dumps(info, ensure_ascii=False))
    return 0


RUNS = {"dashboard": run_painted, "scroll": run_scroll, "desk": run_desk,
        "desk-keys": run_desk_keys}


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    sys.exit(main(sys.argv[1]))
