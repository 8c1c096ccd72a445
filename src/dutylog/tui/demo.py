"""The demo: a sample year in a temporary data folder; the user's own is never touched.

One path for `dutylog demo` and the first-run screen's demo button: `Demo.open(today)`
makes the folder, opens a service on it with that day and fills it
(`dutylog.services.demo`); `close()` closes the service and removes the folder.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass
class Demo:
    home: Path
    service: object
    names: list[str]  # the sample subjects, the first one to show

    @classmethod
    def open(cls, today: date | None = None) -> Demo:
        from dutylog.services import Dutylog
        from dutylog.services.demo import fill_demo

        home = Path(tempfile.mkdtemp(prefix="dutylog-demo-"))
        try:
            service = Dutylog.open(home=home, today=today)
            names = fill_demo(service)
        except BaseException:
            shutil.rmtree(home, ignore_errors=True)
            raise
        return cls(home, service, names)

    def close(self, keep: bool = False) -> None:
        """Close the service; remove the folder unless `keep`."""
        self.service.close()
        if not keep:
            shutil.rmtree(self.home, ignore_errors=True)
