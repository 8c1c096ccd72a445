"""Regenerate screenshots/*.svg (and .png) from the scenes (`make screenshots`).

The pictures are the scenes of `dutylog.tui.scenes` marked `shot` — the same table the
snapshot tests run — each driven with Pilot through the app the user runs (`make_app`)
over its world in a temporary data folder, today pinned, so the pictures only change
when the program does. `--all` draws every scene (to look at them all), names draw those
scenes, `--out DIR` writes elsewhere. Nothing is written outside the output folder and
the temporary folders.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"


async def shoot(scene, service, out: Path) -> Path:
    app = scene.app(service)
    async with app.run_test(size=scene.size) as pilot:
        await scene.play(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        path = app.save_screenshot(f"{scene.name}.svg", str(out))
    return Path(path)


def to_png(svg: Path) -> Path | None:
    """A PNG beside the SVG when a headless Chromium is installed (Debian: chromium)."""
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        return None
    png = svg.with_suffix(".png")
    profile = tempfile.mkdtemp(prefix="dutylog-chromium-")
    try:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--window-size=1500,1000",
                        f"--screenshot={png}", svg.as_uri()],
                       check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return png


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from dutylog.tui.scenes import SCENES, open_world

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="scenes to draw (default: those marked shot)")
    parser.add_argument("--all", action="store_true", help="draw every scene")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write (default screenshots/)")
    args = parser.parse_args(argv)
    known = {s.name for s in SCENES}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"no scene {', '.join(unknown)}; the scenes: {', '.join(sorted(known))}")
    chosen = [s for s in SCENES if args.all or s.name in args.names or (not args.names and s.shot)]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for scene in chosen:
        home = Path(tempfile.mkdtemp(prefix="dutylog-shots-"))
        try:
            service = open_world(scene.world, home / "world")
            try:
                path = asyncio.run(shoot(scene, service, out))
            finally:
                service.close()
        finally:
            shutil.rmtree(home, ignore_errors=True)
        print(shown(path))
        png = to_png(path)
        if png is not None:
            print(shown(png))
    return 0


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
