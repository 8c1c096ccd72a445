"""`make bench`: dutylog's speed at 20,000 and 200,000 entries, each figure beside a
baseline measured in the same run (issue 6, "Benchmarks").

    python bench/run.py [--quick] [--runs N] [--keep DIR]

Builds both databases through the public import path (`dutylog import` of a bundle from
bench/generate.py) in temporary data folders, then times whole processes (start to exit,
from this process) and reports medians. Prints one table; see bench/README.md.
`--quick` runs fewer repetitions (for a smoke test). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

PY = sys.executable
TODAY = "2025-12-31"  # the data's last year is 2025: the dashboard shows a full year, and
# no generated entry is dated after "today" (bundles with future dates are refused since issue 12)
YEAR = "2025"
SEARCH_LONG = "梁家庄村"  # a village: 4 Chinese characters, trigram FTS
SEARCH_SHORT = "王明"  # a person: 2 characters, LIKE on the base table


@dataclass
class Run:
    seconds: float
    rss_kib: int
    code: int
    out: str
    err: str


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> Run:
    """Run one process; wall time from spawn to reaped, and its own peak RSS (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})})
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss, p.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


@dataclass
class Sample:
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def rss_mib(self) -> float:
        return statistics.median(r.rss_kib for r in self.runs) / 1024

    @property
    def ok(self) -> bool:
        return all(r.code == 0 for r in self.runs)

    @property
    def last(self) -> Run:
        return self.runs[-1]


def sample(cmd, env, n: int, warmup: int = 1) -> Sample:
    for _ in range(warmup):
        run(cmd, env)
    s = Sample()
    for _ in range(n):
        s.runs.append(run(cmd, env))
    return s


def interleaved(cmds: dict[str, list[str]], env, n: int) -> dict[str, Sample]:
    """Alternate the commands run by run, so a busy moment of the machine hits all alike."""
    for cmd in cmds.values():
        run(cmd, env)
    out = {k: Sample() for k in cmds}
    for _ in range(n):
        for k, cmd in cmds.items():
            out[k].runs.append(run(cmd, env))
    return out


def dutylog(*args: str) -> list[str]:
    return [PY, "-m", "dutylog", *args]


def fail_note(s: Sample) -> str:
    bad = next((r for r in s.runs if r.code != 0), None)
    if bad is None:
        return ""
    line = (bad.err.strip().splitlines() or ["(no stderr)"])[-1]
    return f"exit {bad.code}: {line[:100]}"


# ---------------------------------------------------------------------- the measurements
class Bench:
    def __init__(self, root: Path, runs: int, quick: bool):
        self.root = root
        self.runs = runs
        self.quick = quick
        self.results: dict[str, dict[str, dict]] = {}  # figure -> size -> numbers
        self.notes: list[str] = []

    def env(self, home: Path) -> dict[str, str]:
        return {"DUTYLOG_HOME": str(home), "DUTYLOG_TODAY": TODAY, "DUTYLOG_LANG": "zh",
                "PYTHONDONTWRITEBYTECODE": "0"}

    def put(self, figure: str, size: str, value: float, base: float | None, ok: bool = True,
            note: str = "", unit: str = "s") -> None:
        self.results.setdefault(figure, {})[size] = {"value": value, "base": base, "ok": ok,
                                                     "note": note, "unit": unit}

    def build(self, size: str, subjects: int, years: int) -> tuple[Path, Path, str]:
        bundle = self.root / f"bundle-{size}.jsonl"
        t0 = time.perf_counter()
        # in a child process: this one stays small, so the children it forks do not
        # inherit a large resident set (wait4's peak RSS would count it)
        r = run([PY, str(HERE / "generate.py"), str(bundle), "--subjects", str(subjects),
                 "--years", str(years), "--checksum", "--json"])
        if r.code != 0:
            raise SystemExit(f"generate.py failed: {r.err}")
        stats = json.loads(r.out)
        by_kind = stats.pop("entries_by_kind")
        print(f"[{size}] bundle: {stats['entry']} entries ({by_kind.get('diary', 0)} diary), "
              f"{stats.get('ledger', 0)} ledger items, {stats.get('trip', 0)} trips, "
              f"{bundle.stat().st_size / 2**20:.0f} MiB, {time.perf_counter() - t0:.1f} s",
              flush=True)
        with open(bundle, encoding="utf-8") as fh:
            first = next(json.loads(line) for line in fh
                         if '"leader"' in line and '"type": "subject"' in line)
        # import: dutylog vs raw, alternating, fresh folder each time; keep the last DB
        reps = 1 if (size == "200k" or self.quick) else 3
        dl, raw = Sample(), Sample()
        home = self.root / f"home-{size}"
        for i in range(reps):
            shutil.rmtree(home, ignore_errors=True)
            rdb = self.root / f"raw-{size}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{rdb}{suffix}").unlink(missing_ok=True)
            raw.runs.append(run([PY, str(HERE / "raw_import.py"), str(bundle), str(rdb)]))
            dl.runs.append(run(dutylog("import", str(bundle)), self.env(home), timeout=1800))
            print(f"[{size}] import {i + 1}/{reps}: dutylog {dl.runs[-1].seconds:.1f} s "
                  f"(exit {dl.runs[-1].code}), raw {raw.runs[-1].seconds:.1f} s", flush=True)
        self.put("import", size, dl.median, raw.median, dl.ok and raw.ok, fail_note(dl) or fail_note(raw))
        self.put("import peak RSS", size, dl.rss_mib, raw.rss_mib, dl.ok, unit="MiB")
        # the same bundle again (every record unchanged), then a whole export: information
        # only (these were asserted in tests/store/test_scale.py once; timings live here)
        again = run(dutylog("import", str(bundle)), self.env(home), timeout=1800)
        self.put("re-import, all unchanged", size, again.seconds, dl.median, again.code == 0,
                 fail_note(Sample([again])))
        out = self.root / f"export-{size}.jsonl"
        exported = run(dutylog("export", str(out)), self.env(home), timeout=1800)
        self.put("export everything", size, exported.seconds, None, exported.code == 0,
                 fail_note(Sample([exported])))
        out.unlink(missing_ok=True)
        return bundle, home, first["name"]

    def cli(self, size: str, home: Path, subject: str) -> None:
        env = self.env(home)
        n = max(3, self.runs)
        cmds = {
            "base": [PY, "-c", "import sqlite_utils"],
            "version": dutylog("--version"),
            "status": dutylog("status", "--subject", subject, "--year", YEAR, "--json"),
            "search3": dutylog("entries", "--search", SEARCH_LONG),
            "search2": dutylog("entries", "--search", SEARCH_SHORT),
        }
        s = interleaved(cmds, env, n)
        base = s["base"].median
        for key, figure in (("version", "--version"), ("status", "status --json"),
                            ("search3", "search 3+ chars"), ("search2", "search 1-2 chars")):
            note = fail_note(s[key])
            if key.startswith("search") and s[key].ok:
                q = SEARCH_LONG if key == "search3" else SEARCH_SHORT
                r = run(dutylog("entries", "--search", q, "--json"), env)
                note = f"{len(json.loads(r.out))} rows" if r.code == 0 else fail_note(Sample([r]))
            if key == "status" and s[key].ok:
                rules = len(json.loads(s[key].last.out)["rules"])
                note = f"{rules} rules"
            self.put(figure, size, s[key].median, base, s[key].ok, note)
        self.base_rss = s["base"].rss_mib

    def tui(self, size: str, home: Path) -> None:
        env = self.env(home)
        n = max(3, self.runs)
        probe = [PY, str(HERE / "tui_probe.py")]
        s = interleaved({"bare": probe + ["bare"], "app": probe + ["dashboard"]}, env, n)
        note = fail_note(s["app"])
        if s["app"].ok:
            info = json.loads(s["app"].last.out.strip().splitlines()[-1])
            note = f"{info['screen']}: {info['widgets']} widgets, {info['progress_bars']} ProgressBars"
            if info["screen"] in ("Screen", "DutylogApp") and not info["progress_bars"]:
                note += " (placeholder: dashboard not built yet)"
        self.put("TUI start→painted→exit", size, s["app"].median, s["bare"].median, s["app"].ok, note)
        self.put("TUI peak RSS", size, s["app"].rss_mib, s["bare"].rss_mib, s["app"].ok, unit="MiB")

    def scroll(self, size: str, home: Path) -> None:
        r = run([PY, str(HERE / "tui_probe.py"), "scroll"], self.env(home), timeout=600)
        if r.code != 0:
            self.put("entries: scroll to end, slowest key", size, float("nan"), None, False,
                     fail_note(Sample([r])), unit="ms")
            return
        info = json.loads(r.out.strip().splitlines()[-1])
        if not info.get("built"):
            self.put("entries: scroll to end, slowest key", size, float("nan"), None, False,
                     "not measured: " + info.get("note", "no entries screen"), unit="ms")
            return
        worst = max(info["keys"], key=lambda kv: kv[1])
        times = sorted(ms for _, ms in info["keys"])
        p95 = times[int(0.95 * (len(times) - 1))]
        slow = sum(1 for ms in times if ms >= 100)
        note = (f"{len(times)} keys ({info['end_presses']}× ctrl+end to reach row {info['cursor_row'] + 1} "
                f"of {info['rows_total']}, {info['subject']}'s entries), worst {worst[0]!r}, "
                f"p95 {p95:.0f} ms, {slow} keys ≥ 100 ms; screen opened in {info['open_ms']:.0f} ms")
        self.put("entries: scroll to end, slowest key", size, worst[1], None, True, note, unit="ms")


# ---------------------------------------------------------------------- the table
TARGETS = {
    "--version": ("ratio", 1.5), "status --json": ("ratio", 1.5),
    "search 3+ chars": ("ratio", 2.0), "search 1-2 chars": ("ratio", 2.0),
    "import": ("ratio", 5.0), "import peak RSS": (None, None),
    "re-import, all unchanged": (None, None), "export everything": (None, None),
    "TUI start→painted→exit": ("ratio", 1.3), "TUI peak RSS": ("abs", 60.0),
    "entries: scroll to end, slowest key": ("abs", 100.0),
}
BASELINES = {
    "--version": "python -c 'import sqlite_utils'", "status --json": "python -c 'import sqlite_utils'",
    "search 3+ chars": "python -c 'import sqlite_utils'", "search 1-2 chars": "python -c 'import sqlite_utils'",
    "import": "raw executemany + indexes + FTS", "import peak RSS": "raw import",
    "re-import, all unchanged": "the first import", "export everything": "—",
    "TUI start→painted→exit": "bare Textual app", "TUI peak RSS": "bare Textual app",
    "entries: scroll to end, slowest key": "—",
}


def fmt(v: float, unit: str) -> str:
    if v != v:  # nan
        return "—"
    if unit == "s":
        return f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s"
    if unit == "ms":
        return f"{v:.1f} ms"
    return f"{v:.1f} {unit}"


def verdict(figure: str, d: dict) -> tuple[str, bool | None]:
    kind, target = TARGETS[figure]
    if kind is None or not d["ok"]:
        return "", None if kind is None else False
    v = d["value"]
    if kind == "ratio":
        r = v / d["base"]
        return f"{r:.2f}×", r <= target
    return "", v <= target if figure.endswith("RSS") else v < target


def table(results: dict, sizes: list[str]) -> str:
    head = ["figure"]
    for size in sizes:
        head += [f"{size}", f"{size} baseline", f"{size} ratio"]
    head += ["target", "result", "growth", "notes (largest size)"]
    rows = []
    for figure, (kind, target) in TARGETS.items():
        if figure not in results:
            continue
        row = [figure]
        passes = []
        for size in sizes:
            d = results[figure].get(size)
            if d is None:
                row += ["", "", ""]
                continue
            ratio, ok = verdict(figure, d)
            passes.append(ok)
            row += [fmt(d["value"], d["unit"]),
                    fmt(d["base"], d["unit"]) if d["base"] is not None else BASELINES[figure],
                    ratio]
        if kind == "ratio":
            row.append(f"≤ {target}× {BASELINES[figure]}")
        elif kind == "abs":
            row.append(f"{'≤' if figure.endswith('RSS') else '<'} {target:g} "
                       f"{'MiB' if figure.endswith('RSS') else 'ms per key'}")
        else:
            row.append("(information)")
        if kind is None:
            row.append("")
        else:
            row.append("PASS" if passes and all(p is True for p in passes) else "FAIL")
        a, b = (results[figure].get(s) for s in (sizes[0], sizes[-1]))
        growth = ""
        if a and b and a["value"] == a["value"] and b["value"] == b["value"] and a["value"] > 0 and len(sizes) > 1:
            growth = f"{b['value'] / a['value']:.2f}×"
        row.append(growth)
        row.append(results[figure][sizes[-1]]["note"] if sizes[-1] in results[figure] else "")
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, 20k only")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per process figure")
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    ap.add_argument("--sizes", default="20k,200k,county",
                    help="which sizes (comma-separated): 20k, 200k, county (500 subjects × 5 years)")
    a = ap.parse_args(argv)
    wanted = set(a.sizes.split(","))
    t_start = time.perf_counter()
    root = a.keep or Path(tempfile.mkdtemp(prefix="dutylog-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    bench = Bench(root, 3 if a.quick else a.runs, a.quick)
    sizes = [("20k", 20, 1)] + ([] if a.quick else [("200k", 20, 10)])
    sizes = [sz for sz in sizes if sz[0] in wanted]
    county_results = None
    try:
        for size, subjects, years in sizes:
            _, home, subject = bench.build(size, subjects, years)
            print(f"[{size}] CLI …", flush=True)
            bench.cli(size, home, subject)
            print(f"[{size}] TUI …", flush=True)
            bench.tui(size, home)
            bench.scroll(size, home)
        if "county" in wanted and not a.quick:
            import county

            county_results = county.county(bench, run, sample, interleaved, dutylog, fail_note, PY,
                                           HERE, min(bench.runs, 5), SEARCH_LONG, SEARCH_SHORT)
    finally:
        if a.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(f"dutylog bench — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"medians of {bench.runs} runs (imports: 3 at 20k, 1 at 200k); DUTYLOG_TODAY={TODAY}, "
          f"status/dashboard for one leader's year {YEAR}; searches {SEARCH_LONG!r} and {SEARCH_SHORT!r}")
    if sizes:
        print(table(bench.results, [s[0] for s in sizes]))
    if county_results is not None:
        import county

        print(f"\ncounty: {county.SUBJECTS} subjects × {county.YEARS} years; load average at the end "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(county.table(county_results, fmt))
    print(f"\ntotal bench time {time.perf_counter() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
