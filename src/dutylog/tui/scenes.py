"""The scenes: every screen and dialog of the app, each as one picture over sample data.

One table drives both the snapshot tests (`tests/tui/test_snapshots.py`, one test a
scene) and `make screenshots` (`scripts/screenshots.py`, the scenes marked `shot`).
A scene names a world (the data), the language, the terminal size and the steps that
lead from the first screen to the one pictured: keys, or an action on the app.

The worlds are written through the services with today pinned, a clock that ticks one
second a write and ids from a seeded generator, so every run paints the same picture
(the order of rows that share a date, the times in an entry's history, an id's head).

A new screen or dialog gets a scene here (CONTRIBUTING.md, "A screen or dialog"); a
test fails while a registered screen has none.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2025, 6, 18)  # a Wednesday in the demo's second year
MONTH_END = date(2025, 11, 30)  # the last day of a month, still running
SIZE = (120, 40)

# A step: a key to press, or a function of the Pilot (an action on the app, a click).
Step = str | Callable[[Any], Awaitable[None] | None]


@dataclass(frozen=True)
class Scene:
    name: str  # the snapshot's and the screenshot's name
    steps: tuple[Step, ...] = ()
    lang: str = "zh"
    size: tuple[int, int] = SIZE
    world: str = "demo"  # a key of WORLDS
    shows: tuple[str, ...] = ()  # the registry names (tui/registry.py) this scene pictures
    shot: bool = False  # also a picture in screenshots/ (make screenshots)

    async def play(self, pilot) -> None:
        """From the first screen to the one pictured."""
        await pilot.pause()
        keys: list[str] = []
        for step in self.steps:
            if isinstance(step, str):
                keys.append(step)
                continue
            if keys:
                await pilot.press(*keys)
                keys = []
            result = step(pilot)
            if result is not None:
                await result
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    def app(self, service):
        """The app as the user runs it, made deterministic: no blink, no animation, one theme."""
        from .app import make_app

        return make_app(service, lang=self.lang, blink=False, theme="textual-dark", animations=False)


def opens(name: str, *args: Any, **kwargs: Any) -> Callable[[Any], None]:
    """A step: open the registered screen `name` (tui/registry.py) with these arguments."""
    def step(pilot) -> None:
        pilot.app.open(name, *args, **kwargs)

    step.__name__ = f"open {name}"
    return step


def action(name: str, *args: Any) -> Callable[[Any], None]:
    """A step: run the app's action `name` (what a key or the palette does)."""
    def step(pilot) -> None:
        getattr(pilot.app, f"action_{name}")(*args)

    step.__name__ = name
    return step


def click(selector: str) -> Callable[[Any], Awaitable[Any]]:
    def step(pilot) -> Awaitable[Any]:
        return pilot.click(selector)

    return step


async def settled(pilot) -> None:
    """A step: wait for the app's workers (the command palette gathers its commands in one)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# The entries of one kind: one frontline-office session a fortnight, a row a date.
FRONTLINE = ("e", click("#f-kind"), *"yxbg", "enter")

SCENES: tuple[Scene, ...] = (
    Scene("dashboard", shows=("dashboard",), shot=True),
    Scene("dashboard-en", lang="en", shows=("dashboard",), shot=True),
    Scene("dashboard-month-end", world="month-end", shows=("dashboard",)),
    Scene("dashboard-month-end-80x24", world="month-end", size=(80, 24), shows=("dashboard",)),
    Scene("onboarding", world="first-run", shows=("onboarding",)),
    Scene("log-form", ("n", *"jcdyzf", "enter"), shows=("log",), shot=True),
    Scene("entries", FRONTLINE, shows=("entries",), shot=True),
    Scene("history", (*FRONTLINE, "h"), shows=("history",)),
    Scene("calendar", ("c", "left", "enter"), shows=("calendar",), shot=True),
    Scene("links", ("k",), shows=("links",), shot=True),
    Scene("ledger", ("g",), shows=("ledger",)),
    Scene("ledger-en", ("g",), lang="en", shows=("ledger",)),
    Scene("ledger-item", ("g", "down", "down", "down", "o"), shows=("ledger_item",)),
    Scene("ledger-add", ("g", "a"), shows=("form",)),
    Scene("diary", (action("open", "diary"),), shows=("diary",)),
    Scene("leave", (action("open", "leave"),), shows=("leave",)),
    Scene("casebook", (action("open", "casebook"),), shows=("casebook",)),
    Scene("review", (action("open", "review"),), shows=("review",)),
    Scene("export", (opens("export", "md", "张海峰", TODAY.year, folder=Path("reports")),),
          shows=("export",)),
    Scene("palette", ("ctrl+p", *"导出", settled), shows=()),
    # issue 14: the secretary's desk, the subjects screen and its question
    # the desk counts its rows in a worker: each scene waits for it (`settled`)
    Scene("desk", ("ctrl+w", settled, "f3", settled), shows=("desk",)),
    Scene("desk-en", ("ctrl+w", settled, "f3", settled), lang="en", shows=("desk",)),
    Scene("desk-80x24", ("ctrl+w", settled, "f3", *["right"] * 10, settled), size=(80, 24),
          shows=("desk",)),  # scrolled: names stay
    Scene("subjects", (opens("subjects"),), shows=("subjects",)),
    Scene("ask", (opens("subjects"), "f4"), shows=("ask",)),
    # issue 14 §6: the office's merge day
    Scene("import", (opens("import", folder=Path("usb")),), shows=("import",)),
    # issue 10: F1 help with the legend; ASCII glyphs; the sizes laptops have
    Scene("help", ("f1",), shows=("help",)),
    Scene("dashboard-ascii", (action("set_glyphs", "ascii"),), size=(100, 30), shows=("dashboard",)),
    *(Scene(f"{name}-{w}x{h}", steps, size=(w, h), shows=shows)
      for name, steps, shows in (("dashboard", (), ("dashboard",)),
                                 ("log-form", ("f2", *"jcdyzf", "enter"), ("log",)),
                                 ("calendar", ("f4", "left", "enter"), ("calendar",)))
      for w, h in ((80, 24), (100, 30), (140, 45))),
)


def scene(name: str) -> Scene:
    return next(s for s in SCENES if s.name == name)


# ---- the worlds ---------------------------------------------------------------------------
def ticking(start: datetime) -> Callable[[], datetime]:
    """A clock that starts at `start` (local time) and moves one second a reading."""
    moment = [start.astimezone()]

    def now() -> datetime:
        moment[0] += timedelta(seconds=1)
        return moment[0]

    return now


def seeded_ids(seed: str) -> Callable[[], str]:
    """UUIDs (version 4 in form) from a seeded generator: the same ids every run."""
    rng = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    return new_id


def open_world(world: str, home: Path):
    """A service over a new data folder `home`, filled as `world` says."""
    from dutylog.services import Dutylog

    today = MONTH_END if world == "month-end" else TODAY
    service = Dutylog.open(home=home, today=today, clock=ticking(datetime(today.year, today.month, today.day, 8)),
                           ids=seeded_ids(f"dutylog-scenes-{world}"))
    try:
        WORLDS[world](service)
    except BaseException:
        service.close()
        raise
    return service


def _first_run(service) -> None:
    """Nobody yet: the first-run screen."""


def _demo(service) -> None:
    """The demo year (dutylog.services.demo) and, for 张海峰, what the demo leaves out:
    ledger items of every colour (one with progress reports, one closed), a follow-up
    raised from the diary, three trips (one still out) and an entry corrected once."""
    from dutylog.services import LogRequest
    from dutylog.services.demo import fill_demo

    fill_demo(service)
    d = date
    who = "张海峰"
    service.ledger_add("cosign", who, d(2025, 6, 5), title="《关于加快海洋经济高质量发展的实施意见》会签")
    service.ledger_add("supervision", who, d(2025, 6, 16), title="海阳港综合物流园用地手续督办")
    case = service.ledger_add("rectification", who, d(2025, 5, 20), title="安全生产约谈整改（盘石店镇）",
                              due=d(2025, 7, 31), note="约谈时提出的三项问题，逐项整改销号。")
    service.ledger_progress(case.id, d(2025, 5, 30), "完成第一项：危化品仓库隐患整改。")
    service.ledger_progress(case.id, d(2025, 6, 13), "完成第二项：消防通道清理，第三项推进中。")
    done = service.ledger_add("petition-case", who, d(2025, 3, 3), title="凤城街道信访包案",
                              due=d(2025, 5, 30))
    service.ledger_close(done.id, d(2025, 5, 28))
    raised = service.log(LogRequest("diary", who, d(2025, 6, 17), title="郭城镇群众反映农村饮水安全问题",
                                    place="郭城镇", note="已转市水务局办理，跟踪反馈。"))
    service.follow_up(raised.id, d(2025, 6, 30), "郭城镇农村饮水安全问题跟踪")
    trip = service.leave_request(who, d(2025, 4, 28), d(2025, 5, 6), d(2025, 5, 9),
                                 destination="济南 全省海洋经济工作会议")
    service.leave_back(trip.id, d(2025, 5, 9))
    trip = service.leave_request(who, d(2025, 2, 10), d(2025, 2, 10), d(2025, 2, 11), emergency=True,
                                 destination="烟台 突发事件处置")
    service.leave_back(trip.id, d(2025, 2, 11))
    service.leave_request(who, d(2025, 6, 8), d(2025, 6, 9), d(2025, 6, 13), destination="北京 项目对接")
    newest = service.entries(who, kinds=["frontline-office"])[-1]
    service.edit(newest.id, by="办公室 周敏", people="镇党委书记、镇长，市直有关部门负责人",
                 note="现场协调解决企业用工问题 3 件。")


def _month_end(service) -> None:
    """王明, leader and Party-group member, tracked from 15 July 2025; today is 30 November
    2025, the last day of the month, still running. Petition reception was held in every
    tracked month but November: November shows 今天截止 (due today), not ✗; January–June
    are greyed "–" (not tracked) in the strips."""
    from dutylog.services import LogRequest

    d = date
    service.add_subject("王明", ["leader", "party-group-member"], d(2025, 7, 15))
    for name in ("甲公司", "乙公司", "丙公司"):
        service.link("王明", "enterprise", name, d(2025, 7, 15))
    service.link("王明", "department-head", "刘建国", d(2025, 7, 15))
    service.link("王明", "department-head", "陈志强", d(2025, 7, 15))
    for month in range(7, 11):
        service.log(LogRequest("petition-reception", "王明", d(2025, month, 20)))
        service.log(LogRequest("indicator-dispatch", "王明", d(2025, month, 8)))
    service.log(LogRequest("indicator-dispatch", "王明", d(2025, 11, 3)))
    service.log(LogRequest("integrity-talk", "王明", d(2025, 9, 9), object="刘建国"))
    service.log(LogRequest("field-research", "王明", d(2025, 9, 1), days=4, four_no=True))


WORLDS: dict[str, Callable[[Any], None]] = {"demo": _demo, "month-end": _month_end, "first-run": _first_run}


def pictured() -> Iterator[str]:
    """Every registry name some scene pictures."""
    for s in SCENES:
        yield from s.shows
