"""The county size (issue 14 §7): 500 subjects × 5 years ≈ 2.5 million entries in one
database, as a 督查 office merging a whole county holds it. Called by run.py (`--sizes`
includes `county`); prints its own table, each figure a ratio to a baseline measured in
the same run, with the target of issue 14 §7 and PASS/FAIL.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

# DUTYLOG_BENCH_COUNTY=3x1 for a smoke test of this file
SUBJECTS, YEARS = (int(x) for x in os.environ.get("DUTYLOG_BENCH_COUNTY", "500x5").split("x"))
NEW_DAY = "2026-01-{:02d}"  # first commands of "new days" (no backup yet), after TODAY

# figure -> (target kind, target, baseline's words)
TARGETS = {
    "import": ("ratio", 2.0, "raw executemany + indexes + FTS"),
    "import peak RSS": ("abs", 300.0, "MiB"),
    "merge one official": ("ratio", 1.5, "the same bundle into an empty database"),
    "status --json": ("ratio", 1.2, "python -c 'import sqlite_utils'"),
    "search 2 chars": ("ratio", 1.2, "python -c 'import sqlite_utils'"),
    "search 4 chars": ("ratio", 1.5, "python -c 'import sqlite_utils'"),
    "entries --json, one subject": ("ratio", 2.0, "python -c 'import sqlite_utils'"),
    "entries --json peak RSS": (None, None, "python -c 'import sqlite_utils'"),
    "first command of the day": ("ratio", 1.3, "the same command later that day"),
    "TUI dashboard painted": ("ratio", 1.2, "bare Textual app"),
    "TUI desk painted": ("ratio", 1.2, "bare Textual app"),
    "TUI desk painted, memo empty": (None, None, "bare Textual app"),
    "desk: slowest key": ("below", 100.0, "ms per key"),
    "desk: slowest key, memo complete": (None, None, "ms per key"),
    "entries: slowest key": ("below", 100.0, "ms per key"),
    "entries: last row of ~10,000": ("abs", 1.0, "s"),
    "backups kept / database": ("abs", 3.0, "× the database (or 256 MiB in all)"),
}


def county(bench, run, sample, interleaved, dutylog, fail_note, py, here: Path,
           runs: int, search_long: str, search_short: str) -> dict:
    """Build the county database and measure it; returns figure -> numbers."""
    res: dict[str, dict] = {}
    root = bench.root
    bundle = root / "bundle-county.jsonl"
    t0 = time.perf_counter()
    r = run([py, str(here / "generate.py"), str(bundle), "--subjects", str(SUBJECTS),
             "--years", str(YEARS), "--checksum", "--json"], timeout=3600)
    if r.code != 0:
        raise SystemExit(f"generate.py failed: {r.err}")
    stats = json.loads(r.out)
    print(f"[county] bundle: {stats['entry']} entries, {bundle.stat().st_size / 2**30:.2f} GiB, "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    with open(bundle, encoding="utf-8") as fh:
        leader = next(json.loads(line) for line in fh
                      if '"leader"' in line and '"type": "subject"' in line)["name"]
    home = root / "home-county"
    shutil.rmtree(home, ignore_errors=True)
    env = {**bench.env(home), "DUTYLOG_BACKUP": "off"}
    rdb = root / "raw-county.db"
    raw = run([py, str(here / "raw_import.py"), str(bundle), str(rdb)], timeout=3600)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{rdb}{suffix}").unlink(missing_ok=True)
    print(f"[county] raw load {raw.seconds:.0f} s (exit {raw.code})", flush=True)
    dl = run(dutylog("import", str(bundle)), env, timeout=3600)
    waited = _wait_for_checkpoint(home, 3600)
    print(f"[county] the checkpoint job copied the WAL back in {waited:.0f} s after the import",
          flush=True)
    print(f"[county] dutylog import {dl.seconds:.0f} s (exit {dl.code}), "
          f"peak {dl.rss_kib / 1024:.0f} MiB", flush=True)
    ok = dl.code == 0 and raw.code == 0
    note = "" if ok else (dl.err or raw.err).strip().splitlines()[-1:][0] if (dl.err or raw.err).strip() else "failed"
    res["import"] = _put(dl.seconds, raw.seconds, ok, note)
    res["import peak RSS"] = _put(dl.rss_kib / 1024, raw.rss_kib / 1024, dl.code == 0, unit="MiB")
    bundle.unlink(missing_ok=True)  # 1+ GiB: not needed any more
    db = home / "dutylog.db"
    size = db.stat().st_size if db.exists() else 0
    print(f"[county] database {size / 2**30:.2f} GiB", flush=True)

    # one more official merged: into the county database vs into an empty one
    one = root / "bundle-one.jsonl"
    empty_times, county_times = [], []
    _read_through(db)  # the county file in the page cache, as the empty one is: SQLite's work compared
    for i, seed in enumerate((901, 902, 903)):
        run([py, str(here / "generate.py"), str(one), "--subjects", "1", "--years", str(YEARS),
             "--checksum", "--seed", str(seed), "--json"])
        empty = root / f"home-empty-{i}"
        shutil.rmtree(empty, ignore_errors=True)
        e = run(dutylog("import", str(one)), {**bench.env(empty), "DUTYLOG_BACKUP": "off"})
        c = run(dutylog("import", str(one)), env, timeout=1800)
        _wait_for_checkpoint(home, 600)
        _wait_for_checkpoint(empty, 600)
        shutil.rmtree(empty, ignore_errors=True)
        if e.code == 0 and c.code == 0:
            empty_times.append(e.seconds)
            county_times.append(c.seconds)
    one.unlink(missing_ok=True)
    if county_times:
        res["merge one official"] = _put(sorted(county_times)[len(county_times) // 2],
                                         sorted(empty_times)[len(empty_times) // 2], True,
                                         f"medians of {len(county_times)} officials, ~9,500 records each; "
                                         f"county {', '.join(f'{t * 1000:.0f}' for t in county_times)} ms, "
                                         f"empty {', '.join(f'{t * 1000:.0f}' for t in empty_times)} ms; "
                                         "the county file read through first")
    print("[county] CLI …", flush=True)
    cmds = {
        "base": [py, "-c", "import sqlite_utils"],
        "status": dutylog("status", "--subject", leader, "--year", "2025", "--json"),
        "search4": dutylog("entries", "--search", search_long),
        "search2": dutylog("entries", "--search", search_short),
        "entries": dutylog("entries", "--subject", leader, "--json"),
    }
    s = interleaved(cmds, env, runs)
    base = s["base"].median
    for key, figure in (("status", "status --json"), ("search2", "search 2 chars"),
                        ("search4", "search 4 chars"), ("entries", "entries --json, one subject")):
        note = fail_note(s[key])
        if key == "entries" and s[key].ok:
            note = f"{len(json.loads(s[key].last.out))} entries of {leader}"
        res[figure] = _put(s[key].median, base, s[key].ok, note)
    res["entries --json peak RSS"] = _put(s["entries"].rss_mib, s["base"].rss_mib, s["entries"].ok,
                                          unit="MiB")
    print("[county] first command of the day …", flush=True)
    first, later = [], []
    cmd = dutylog("status", "--subject", leader, "--json")
    for i in range(min(3, runs)):
        day_env = {**bench.env(home), "DUTYLOG_TODAY": NEW_DAY.format(20 + i)}
        f = run(cmd, day_env)
        _wait_for_backup(home, 1800)
        g = run(cmd, day_env)
        if f.code == 0 and g.code == 0:
            first.append(f.seconds)
            later.append(g.seconds)
    if first:
        res["first command of the day"] = _put(sorted(first)[len(first) // 2],
                                               sorted(later)[len(later) // 2], True,
                                               f"{len(first)} new days; the copy and its check run detached")
    kept = sum(p.stat().st_size for p in (home / "backups").glob("dutylog-*.db"))
    size = db.stat().st_size if db.exists() else 0  # now: the merges made it grow
    if size:
        res["backups kept / database"] = _put(kept / size, None, True,
                                              f"{len(list((home / 'backups').glob('dutylog-*.db')))} copies",
                                              unit="×")
        res["backups kept / database"]["floor"] = kept <= 256 * 2**20
    print("[county] TUI …", flush=True)
    probe = [py, str(here / "tui_probe.py")]
    t = interleaved({"bare": probe + ["bare"], "app": probe + ["dashboard"], "desk": probe + ["desk"]},
                    env, max(3, runs))
    res["TUI dashboard painted"] = _put(t["app"].median, t["bare"].median, t["app"].ok,
                                        fail_note(t["app"]))
    note = fail_note(t["desk"])
    if t["desk"].ok:
        d = _last_json(t["desk"].last)
        note = (f"{d['screen']}: {d['rows']} rows × {d['rules']} duties; in-process "
                f"{d['painted_ms']:.0f} ms to painted (the rows in sight counted; "
                f"{d['rows_evaluated']} rows evaluated, the rest counted in a worker)")
    res["TUI desk painted"] = _put(t["desk"].median, t["bare"].median, t["desk"].ok,
                                   "the desk opened again that day (its rows from the memo); " + note)
    cold, bare = [], []
    for _ in range(max(3, runs) // 2 or 1):  # the first desk of a day: every row counted anew
        _forget_memo(db)
        c, b = run(probe + ["desk"], env), run(probe + ["bare"], env)
        if c.code == 0 and b.code == 0:
            cold.append(c.seconds)
            bare.append(b.seconds)
    if cold:
        d = _last_json(c)
        res["TUI desk painted, memo empty"] = _put(
            sorted(cold)[len(cold) // 2], sorted(bare)[len(bare) // 2], True,
            f"runs: {len(cold)}, the memo emptied before each: the first desk of a day, or after a "
            f"write; in-process {d.get('painted_ms', 0):.0f} ms, {d.get('rows_evaluated')} rows evaluated")
    print("[county] desk keys …", flush=True)
    # the first desk of the day (the rows in sight counted by the runs above, the rest
    # counted while the keys are pressed), then the desk opened again once all are counted
    res.update(desk_keys(run, probe, env))
    res.update(desk_keys(run, probe, env, "desk: slowest key, memo complete"))
    print("[county] entries screen …", flush=True)
    res.update(entries_keys(run, probe, {**env, "PROBE_SUBJECT": leader}))
    return res


def desk_keys(run, probe, env, figure: str = "desk: slowest key") -> dict:
    """The desk's keys (tui_probe.py desk-keys): moving, End to the last subject, sorting,
    filtering, Enter to a dashboard and back; the slowest key is the figure."""
    r = run(probe + ["desk-keys"], env, timeout=1800)
    d = _last_json(r) if r.code == 0 else {}
    if not d.get("built"):
        why = d.get("note") or (r.err.strip().splitlines() or ["no output"])[-1][:100]
        return {figure: _put(float("nan"), None, False, f"not measured: {why}", unit="ms")}
    worst = d["slowest"]
    enter = dict(d["keys"]).get("enter")  # the last Enter: the dashboard opened
    note = (f"{len(d['keys'])} keys on {d['rows']} rows, worst {worst[0]!r}, p95 {d['p95_ms']:.0f} ms, "
            f"median {d['median_ms']:.0f} ms, {d['keys_100ms']} ≥ 100 ms{_slow(d['keys'])}; last row in "
            f"{d['last_row_ms']:.0f} ms; Enter → {d['enter']['screen']} of {d['enter'].get('subject')} {enter:.0f} ms, back by "
            f"{'Esc' if d['escape'] == 'DeskScreen' else 'Ctrl+W'}; all {d['rows']} counted "
            f"{d.get('counted_ms', 0) - d['painted_ms']:.0f} ms after painted, "
            f"{d['while_counting']['keys']} keys answered meanwhile "
            f"(slowest {d['while_counting'].get('slowest', ['-', 0])[1]:.0f} ms)")
    return {figure: _put(worst[1], None, True, note, unit="ms")}


def entries_keys(run, probe, env) -> dict:
    """One subject's entries screen (tui_probe.py scroll): ctrl+End until the last row,
    then the usual keys; the slowest key and the time to the last row are the figures."""
    r = run(probe + ["scroll"], env, timeout=1800)
    d = _last_json(r) if r.code == 0 else {}
    if not d.get("built"):
        why = d.get("note") or (r.err.strip().splitlines() or ["no output"])[-1][:100]
        return {"entries: slowest key": _put(float("nan"), None, False, f"not measured: {why}", unit="ms")}
    worst = d["slowest"]
    subject = env.get("PROBE_SUBJECT")
    keys = (f"{len(d['keys'])} keys, worst {worst[0]!r}, p95 {d['p95_ms']:.0f} ms, "
            f"median {d['median_ms']:.0f} ms, {d['keys_100ms']} ≥ 100 ms{_slow(d['keys'])}; "
            f"screen opened in {d['open_ms']:.0f} ms")
    last = (f"{d['end_presses']}× ctrl+End to row {d['cursor_row'] + 1} of {d['rows_total']} "
            f"({subject}'s entries)")
    return {"entries: slowest key": _put(worst[1], None, True, keys, unit="ms"),
            "entries: last row of ~10,000": _put(d["last_row_ms"] / 1000, None, True, last)}


def _slow(keys: list) -> str:
    """The keys of 100 ms or more, by name: " (enter 166, ctrl+w 104)"."""
    slow = [f"{k} {ms:.0f}" for k, ms in keys if ms >= 100]
    return f" ({', '.join(slow[:8])}{' …' if len(slow) > 8 else ''})" if slow else ""


def _last_json(r) -> dict:
    lines = r.out.strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else {}
    except ValueError:
        return {}


def _read_through(path: Path) -> None:
    """Read the file once (into the system's page cache): a merge into a file half out of
    it waits on the disk, which an empty database never does."""
    with open(path, "rb") as fh:
        while fh.read(8 << 20):
            pass


def _forget_memo(db: Path) -> None:
    """Empty the desk's memo (store/memo.py), as a new day or a write leaves it."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        conn.execute("DELETE FROM desk_memo")
        conn.commit()
    finally:
        conn.close()


def _wait_for_checkpoint(home: Path, timeout: float) -> float:
    """Until the checkpoint job (store/checkpoint_job.py) has copied a large write back
    (the WAL gone), so the next figures are not measured beside it; its seconds."""
    wal = home / "dutylog.db-wal"
    t0 = time.time()
    while time.time() - t0 < timeout and wal.exists() and wal.stat().st_size > 0:
        time.sleep(0.2)
    return time.time() - t0


def _wait_for_backup(home: Path, timeout: float) -> None:
    """Until the detached job has finished (its lock gone, the day's copy there)."""
    lock = home / "backups" / ".job.lock"
    deadline = time.time() + timeout
    time.sleep(0.5)
    while time.time() < deadline and lock.exists():
        time.sleep(0.5)


def _put(value, base, ok, note="", unit="s") -> dict:
    return {"value": value, "base": base, "ok": ok, "note": note, "unit": unit}


def table(res: dict, fmt) -> str:
    head = ["county figure", "value", "baseline", "ratio", "target", "result", "notes"]
    rows = []
    for figure, (kind, target, words) in TARGETS.items():
        d = res.get(figure)
        if d is None:
            rows.append([figure, "—", "", "", _target(kind, target, words), "not measured", ""])
            continue
        v, b = d["value"], d["base"]
        ratio = f"{v / b:.2f}×" if b else ""
        if kind == "ratio":
            ok = d["ok"] and b and v / b <= target
        elif figure == "backups kept / database":
            ok = d["ok"] and (v <= target or d.get("floor", False))
        elif kind == "abs":
            ok = d["ok"] and v <= target
        elif kind == "below":
            ok = d["ok"] and v < target
        else:
            ok = None
        rows.append([figure, fmt(v, d["unit"]), fmt(b, d["unit"]) if b is not None else "",
                     ratio, _target(kind, target, words),
                     "" if ok is None else ("PASS" if ok else "FAIL"), d["note"]])
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                     + [line(r) for r in rows])


def _target(kind, target, words) -> str:
    if kind == "ratio":
        return f"≤ {target}× {words}"
    if kind == "abs":
        return f"≤ {target:g} {words}"
    if kind == "below":
        return f"< {target:g} {words}"
    return "(information)"
