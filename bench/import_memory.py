"""Peak memory of `dutylog import` (issue 12, finding 8): measured, never asserted.

    python bench/import_memory.py [ENTRIES]      # default 200,000; the issue's case: 2,500,000

Generates a bundle of about ENTRIES entries (bench/generate.py, with checksum), imports it
into an empty data folder with `python -m dutylog import` in a child process, and prints
the child's peak resident memory (getrusage ru_maxrss) and the time taken. The goal of
issue 12 is at most 300 MiB whatever the size; the import streams the bundle (a checksum
pass, then entries staged in SQLite's temporary file and written 5,000 at a time), so the
figure stays flat. Run it as a command of its own, not last in `( a; b )`: a shell that
execs it after waiting for another child hands that child's peak down (RUSAGE_CHILDREN
survives exec), and the figure is the other command's.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate  # noqa: E402


def main(entries: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "big.jsonl"
        subjects, years = 50, 5
        counts = generate(bundle, subjects=subjects, years=years,
                          per_subject_year=entries / (subjects * years), checksum=True)
        size = bundle.stat().st_size
        env = {**os.environ, "DUTYLOG_HOME": str(Path(tmp) / "home"),
               "DUTYLOG_TODAY": "2026-12-31"}  # after the generated years
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "dutylog", "import", str(bundle)], env=env,
                           capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        if sys.platform == "darwin":
            peak_kib //= 1024  # bytes on macOS
        status = "ok" if r.returncode == 0 else f"exit {r.returncode}: {r.stderr.strip()[:200]}"
        print(f"entries {counts.get('entry', entries):,}  bundle {size / 2**20:,.0f} MiB  "
              f"import {seconds:,.1f} s  peak RSS {peak_kib / 1024:,.0f} MiB  ({status})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
