"""Regenerate screenshots/*.svg from the demo year (`make screenshots`).

Drives the same app the user runs (`make_app`) with Pilot over a temporary data folder
filled by `dutylog.services.demo`; today is pinned so the pictures only change when the
program does. Nothing is written outside screenshots/ and the temporary folder.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
TODAY = date(2025, 6, 18)
SIZE = (120, 40)

# name -> (language, keys pressed after the dashboard is painted)
SHOTS = {
    "dashboard": ("zh", []),
    "dashboard-en": ("en", []),
    "log-form": ("zh", ["n", *"jcdyzf", "enter"]),
    "entries": ("zh", ["e"]),
    "calendar": ("zh", ["c", "left", "enter"]),
    "links": ("zh", ["k"]),
}


async def shoot(svc, name: str, lang: str, keys: list[str]) -> Path:
    from dutylog.tui.app import make_app

    app = make_app(svc, today=TODAY, lang=lang, blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        path = app.save_screenshot(f"{name}.svg", str(OUT))
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


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from dutylog.services import Dutylog
    from dutylog.services.demo import fill_demo

    OUT.mkdir(exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="dutylog-shots-"))
    try:
        with Dutylog.open(home=home, today=TODAY) as svc:
            fill_demo(svc)
            for name, (lang, keys) in SHOTS.items():
                path = asyncio.run(shoot(svc, name, lang, keys))
                print(path.relative_to(ROOT))
                png = to_png(path)
                if png is not None:
                    print(png.relative_to(ROOT))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
