"""Issue 12, finding 2: terminal escapes never reach the terminal or a file.

ESC/OSC sequences in titles, notes or places were printed raw by `entries` and `history`
(OSC 52 set the clipboard, the window title changed, the screen cleared) and landed raw in
the Markdown report and the SVG screenshot. Now they are removed when typed or imported
(textsafe.clean_text) and made visible (\\x1b) wherever text stored earlier is shown.
"""

from __future__ import annotations

import re
import sqlite3
import xml.dom.minidom

from .conftest import write_bundle

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # sets the clipboard
TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR = "\x1b[2J\x1b[H"
CSI8 = "\x9b31m"  # an 8-bit CSI
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TODAY = "2025-06-18"


def setup(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "王明", "--role", "leader").code == 0


def plant(home, **fields) -> None:
    """Text stored before these rules (or by another program): straight into the file."""
    conn = sqlite3.connect(home / "dutylog.db")
    with conn:
        for column, value in fields.items():
            conn.execute(f"UPDATE entries SET {column} = ?", (value,))
    conn.close()


def test_typed_escapes_are_removed(run, monkeypatch):
    setup(run, monkeypatch)
    r = run("log", "diary", "--subject", "王明", "--date", TODAY, "--title", f"调研{OSC52}",
            "--place", f"海阳{CLEAR}", "--note", f"第一行\n第二行{TITLE}\t完", "--by", f"秘书{CSI8}")
    assert r.code == 0, r.err
    e = run("entries", "--json").json[0]
    assert e["title"] == "调研]52;c;ZXZpbA==" and e["place"] == "海阳[2J[H"
    assert e["note"] == "第一行\n第二行]0;pwned\t完"  # a note keeps its lines and tabs
    assert e["recorded_by"] == "秘书31m"
    assert run("subject", "add", f"李{OSC52}四", "--role", "cadre").code == 0
    assert "李]52;c;ZXZpbA==四" in {s["name"] for s in run("subject", "list", "--json").json}


def test_stored_escapes_are_shown_not_obeyed(run, monkeypatch, dutylog_home):
    setup(run, monkeypatch)
    entry_id = run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "x").out.strip()
    plant(dutylog_home, title=f"调研{OSC52}", place=CLEAR, note=f"n{TITLE}{CSI8}")
    assert run("edit", entry_id, "--people", "张三").code == 0  # a version in history
    for args in (("entries",), ("entries", "--json"), ("history", entry_id),
                 ("history", entry_id, "--json"), ("status", "--subject", "王明")):
        r = run(*args)
        assert r.code == 0, (args, r.err)
        assert not RAW.search(r.out.replace("\n", "")), (args, r.out)
    assert "\\x1b]52;c;ZXZpbA==\\x07" in run("entries").out
    assert "\\x1b]52;c;ZXZpbA==\\x07" in run("history", entry_id).out
    # JSON keeps the text exactly (escaped as JSON), C1 included
    assert run("entries", "--json").json[0]["note"] == f"n{TITLE}{CSI8}"


def test_reports_carry_no_raw_control(run, monkeypatch, dutylog_home, tmp_path):
    setup(run, monkeypatch)
    run("log", "field-research", "--subject", "王明", "--date", TODAY, "--title", "t")
    plant(dutylog_home, title=f"调研{OSC52}", place=CLEAR, note=f"n{TITLE}{CSI8}")
    for fmt in ("md", "csv", "ics"):
        out = tmp_path / f"r.{fmt}"
        r = run("report", "--subject", "王明", "--year", "2025", "--format", fmt, "--out", out)
        assert r.code == 0, r.err
        text = out.read_text(encoding="utf-8-sig")
        assert not RAW.search(text.replace("\r\n", "").replace("\n", "")), (fmt, text)
        assert fmt == "ics" or "x1b" in text, fmt  # (no deadline or session to carry it)


def test_a_bundle_brings_no_control_characters(run, monkeypatch, tmp_path):
    from .conftest import S1, entry, subject

    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    path = write_bundle(tmp_path / "b.jsonl", [
        subject(name=f"王明{OSC52}"),
        entry(1, "2025-03-02T08:00:00+08:00", note=f"甲{CLEAR}\n乙", title=f"t{CSI8}",
              by=f"秘书{TITLE}")])
    r = run("import", path)
    assert r.code == 0, r.err
    e = run("entries", "--json").json[0]
    assert e["note"] == "甲[2J[H\n乙" and e["title"] == "t31m" and e["recorded_by"] == "秘书]0;pwned"
    assert e["subject"] == S1
    assert run("subject", "list", "--json").json[0]["name"] == "王明]52;c;ZXZpbA=="


async def test_tui_screens_and_the_svg_show_escapes_as_text(monkeypatch, dutylog_home):
    from datetime import date

    from dutylog.services import Dutylog
    from dutylog.tui.app import make_app
    from dutylog.tui.screens.entries import EntriesScreen

    svc = Dutylog.open(today=date(2025, 6, 18))
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    from dutylog.services.logbook import LogRequest

    entry = svc.log(LogRequest(kind="diary", subject="王明", date=date(2025, 6, 18), note="x"))
    plant(dutylog_home, title=f"调研{OSC52}", place=CLEAR, note=f"n{TITLE}")
    svc.edit(entry.id, note="y")
    app = make_app(svc, today=date(2025, 6, 18), blink=False, theme="textual-dark",
                   animations=False)
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            for name in ("entries", "diary"):
                app.open(name)
                await pilot.pause()
                await pilot.pause()
                svg = app.export_screenshot()
                xml.dom.minidom.parseString(svg)  # a readable SVG
                assert "\x1b" not in svg and "\\x1b]52;c;ZXZpbA==" in svg.replace("&#x27;", "'"), name
                if isinstance(app.screen, EntriesScreen):
                    await pilot.press("h")  # the history of the row under the cursor
                    await pilot.pause()
                    svg = app.export_screenshot()
                    xml.dom.minidom.parseString(svg)
                    assert "\x1b" not in svg
                app.pop_screen()
                await pilot.pause()
    finally:
        svc.close()


def test_a_date_planted_by_another_program_is_shown_not_obeyed(run, monkeypatch, dutylog_home):
    """`entries`' table takes the columns dutylog writes (id, date, days) as they are —
    after one check of each whole column: a file edited by another program may hold an
    escape even there."""
    setup(run, monkeypatch)
    assert run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "x").code == 0
    plant(dutylog_home, date=f"2025-06-18{CLEAR}")
    r = run("entries")
    assert r.code == 0, r.err
    assert not RAW.search(r.out.replace("\n", "")) and "2025-06-18\\x1b[2J\\x1b[H" in r.out
