"""Regenerate the demo year's Word and Excel reports and a picture of the Word report's
first page (`make documents`; `make screenshots` runs it too):

    screenshots/report-demo.docx   `report --format docx` of the demo's first leader, 2024
    screenshots/report-demo.xlsx   `report --format xlsx` of the same
    screenshots/report-demo.png    page 1 of the .docx as LibreOffice lays it out

The data is `dutylog.services.demo` on the screenshots' pinned day (18 June 2025); the
report is of 2024, the whole year before it, as a 述职 is handed in at a year's end. The
clock of every write, the ids and the zone (北京时间) are pinned, and the files' zip
entries carry a fixed date, so the files change only when the program does.

The picture needs LibreOffice (`soffice`) and poppler's `pdftoppm`; without them the
documents are still written and the picture is left as it is. It is LibreOffice's
rendering, with whatever Chinese fonts the machine has standing in for 宋体/黑体 (on
Debian: Noto CJK), not a screenshot of Word or WPS.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
TODAY = date(2025, 6, 18)  # the screenshots' day
YEAR = 2024  # the demo's whole year before it
ZONE = "Asia/Shanghai"
CLOCK = datetime(2025, 6, 18, 9, 0, tzinfo=timezone(timedelta(hours=8)))
NAME = "report-demo"
ZIP_DATE = (2025, 6, 18, 0, 0, 0)


def _pin_zone() -> None:
    os.environ["TZ"] = ZONE
    if hasattr(time, "tzset"):
        time.tzset()


def _pinned_service(home: Path):
    """The demo year in `home`, written with a fixed clock and seeded ids."""
    from dutylog.services import Dutylog
    from dutylog.services.demo import fill_demo
    from dutylog.store import Store
    from dutylog.store.db import Database

    rng = random.Random(2022)

    class PinnedDatabase(Database):
        def new_id(self) -> str:
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    svc = Dutylog(Store(PinnedDatabase.open(home, clock=lambda: CLOCK)), TODAY)
    names = fill_demo(svc)
    return svc, names[0]


def _pin_zip(path: Path) -> None:
    """Rewrite a .docx/.xlsx with every entry dated ZIP_DATE (the libraries stamp the
    clock), same order, same compression: the same content gives the same bytes."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as dst:
        for info, data in items:
            pinned = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            pinned.compress_type = info.compress_type
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, data)
    os.replace(tmp, path)


def build(out: Path, lang: str = "zh") -> dict[str, Path]:
    """Write NAME.docx and NAME.xlsx into `out`; returns them by format."""
    from dutylog.services.reports import write_report

    _pin_zone()
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="dutylog-documents-"))
    written = {}
    try:
        svc, subject = _pinned_service(home)
        try:
            for fmt in ("docx", "xlsx"):
                path = write_report(svc, out / f"{NAME}.{fmt}", subject, YEAR, fmt, lang)
                _pin_zip(path)
                written[fmt] = path
        finally:
            svc.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return written


def picture(docx: Path, png: Path, width: int = 1000) -> Path | None:
    """Page 1 of `docx` as a PNG `width` pixels wide (LibreOffice → PDF → pdftoppm), or
    None when either tool is missing or fails."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if office is None or pdftoppm is None:
        return None
    work = Path(tempfile.mkdtemp(prefix="dutylog-office-"))
    try:
        subprocess.run([office, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdf = work / (docx.stem + ".pdf")
        subprocess.run([pdftoppm, "-f", "1", "-l", "1", "-png", "-singlefile", "-scale-to-x", str(width),
                        "-scale-to-y", "-1", str(pdf), str(work / "page")],
                       check=True, capture_output=True, timeout=60)
        shutil.copyfile(work / "page.png", png)
    except (OSError, subprocess.SubprocessError):
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return png


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    written = build(OUT)
    for path in written.values():
        print(path.relative_to(ROOT))
    png = picture(written["docx"], OUT / f"{NAME}.png")
    if png is None:
        print("report-demo.png left as it was: LibreOffice (soffice) and pdftoppm are needed to draw it",
              file=sys.stderr)
    else:
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
