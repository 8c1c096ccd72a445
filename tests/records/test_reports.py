"""`dutylog report` for a known scenario, every expected value computed by hand.

王明 (leader, cadre), as of 30 June 2025 (181 of 365 days elapsed):
- field-research 1.5 days on 2 March (四不两直) → 1.5 days of ≥ 60, expected 60×181/365 = 29.75 → behind
  (days left 184 + today = 185 ≥ shortfall 58.5: still reachable); its share 100 % ≥ 50 % mid-year → 达标中
- party-lecture on 4 May → 1 of ≥ 1 → met
- frontline-office on 3 and 20 January (fortnights 1 and 2), the second logged by 李秘书, unconfirmed
- a diary entry marked sensitive ("机密"), left out unless --include-sensitive
"""

from __future__ import annotations

import csv
import io

import pytest


@pytest.fixture
def scenario(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-30")

    def ok(*args: str) -> None:
        r = run(*args)  # once: a second run would report another command's error
        assert r.code == 0, f"{args}: exit {r.code}: {r.err}"

    ok("subject", "add", "王明", "--role", "leader", "--role", "cadre")
    ok("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "1.5", "--four-no",
       "--title", "海阳港调研", "--place", "海阳港")
    ok("log", "party-lecture", "--subject", "王明", "--date", "2025-05-04", "--title", "=学习二十大精神")
    ok("log", "frontline-office", "--subject", "王明", "--date", "2025-01-03", "--place", "留格庄镇, 政府",
       "--title", "一线办公；" + "现场办公会议" * 8)
    ok("log", "frontline-office", "--subject", "王明", "--date", "2025-01-20", "--place", "凤城街道",
       "--title", "营商环境座谈", "--by", "李秘书")
    ok("log", "diary", "--subject", "王明", "--date", "2025-06-01", "--note", "机密", "--sensitive")
    return "王明"


def report(run, tmp_path, fmt, *extra):
    out = tmp_path / f"r.{fmt}"
    r = run("report", "--subject", "王明", "--year", "2025", "--format", fmt, "--force", "--out", out, *extra)
    assert r.code == 0, r.err
    assert r.out.strip() == str(out)
    return out.read_bytes()


def test_markdown(run, scenario, tmp_path):
    md = report(run, tmp_path, "md").decode("utf-8")
    assert md.startswith("# 王明 2025 年度履职情况（述职材料）\n")
    assert "- 截至：2025-06-30" in md
    # the words of fmt.rule_line, as the dashboard and the status table show them
    assert "| 讲党课 | 1 / ≥1 | 0.5 | ✓ 已完成 |  |" in md
    assert "| 基层调研走访天数 | 1.5 / ≥60 | 29.75 | ! 落后 |  |" in md
    assert "| “四不两直”调研占比 | 100% / ≥50% |  | · 达标中 |  |" in md
    # fortnights 1 and 2 met, 3–12 ended unmet, 13 (18 Jun – 1 Jul) open: 2 of 26 met
    assert "| 一线办公 | 2 / 26双周 |  | ✗ 未完成 |  |" in md
    # supporting entries: dates, places, titles, under their rule
    section = md.split("### 基层调研走访天数")[1].split("###")[0]
    assert "1. 2025-03-02 · 海阳港 · 海阳港调研（1.5 天，四不两直）" in section
    section = md.split("### 一线办公")[1].split("###")[0]
    assert "1. 2025-01-03 · 留格庄镇, 政府 · 一线办公；" in section
    assert "2. 2025-01-20 · 凤城街道 · 营商环境座谈（李秘书 记录，待确认）" in section
    assert "- 目标：≥1（双周）" in section and "- 状态：✗ 未完成" in section
    # sensitive entries are counted in the status but not listed
    assert "机密" not in md and "另有 1 条标为敏感的记录未列出。" in md
    full = report(run, tmp_path, "md", "--include-sensitive").decode("utf-8")
    assert "1. 2025-06-01 · 机密" in full.split("### 民情日记")[1]
    assert "另有" not in full


def test_markdown_in_english(run, scenario, tmp_path):
    md = report(run, tmp_path, "md").decode("utf-8")
    assert "已完成" in md
    assert run("--lang", "en", "report", "--subject", "王明", "--year", "2025", "--format", "md",
               "--out", tmp_path / "en.md").code == 0
    en = (tmp_path / "en.md").read_text(encoding="utf-8")
    assert "| Party lectures given | 1 / ≥1 | 0.5 | ✓ met |  |" in en
    assert "Supporting entries" in en


def test_csv_for_excel(run, scenario, tmp_path):
    data = report(run, tmp_path, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["日期"] for r in rows] == ["2025-01-03", "2025-01-20", "2025-03-02", "2025-05-04"]
    research = rows[2]
    assert research["类别"] == "基层调研走访" and research["天数"] == "1.5" and research["四不两直"] == "是"
    assert research["地点"] == "海阳港" and research["标题"] == "海阳港调研"
    assert rows[3]["标题"] == "'=学习二十大精神"  # a formula is shown as text in Excel
    assert rows[1]["记录人"] == "李秘书" and rows[1]["确认人"] == ""
    everything = report(run, tmp_path, "csv", "--include-sensitive").decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(everything, newline="")))) == 6  # header + 5


def ledger_and_trip(run) -> None:
    """A supervision item opened Wednesday 25 June: due 3 working days later, Monday 30 June,
    the evaluation day, so no working day is left: yellow. A trip asked 4 days ahead (≥ 3:
    compliant), back on 7 May but never reported back (销假): open."""
    assert run("ledger", "add", "supervision", "--subject", "王明", "--opened", "2025-06-25",
               "--title", "督办函").code == 0
    assert run("leave", "request", "--subject", "王明", "--requested", "2025-05-01", "--depart",
               "2025-05-05", "--return", "2025-05-07", "--destination", "济南").code == 0


def test_word_document(run, scenario, tmp_path):
    """issue 11 §4: title, subject and period, a table per part of the document, the entries
    under each duty, ledgers and trips — read back with python-docx."""
    from docx import Document

    ledger_and_trip(run)
    doc = Document(io.BytesIO(report(run, tmp_path, "docx")))
    lines = [p.text for p in doc.paragraphs]
    assert lines[0] == "王明 2025 年度履职情况（述职材料）"
    assert "姓名：王明" in lines and "期间：2025-01-01 至 2025-06-30" in lines
    parts = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert parts == ["一、政治建设", "二、推动高质量发展", "三、服务于民", "四、作风建设", "五、机制建设",
                     "六、从严管党治党", "台账事项", "外出请假"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    assert len(tables) == 8  # six parts, ledgers, trips
    assert all(t[0] == ["职责", "目标", "完成", "应达", "状态", "备注"] for t in tables[:6])
    rows = {r[0]: r[1:] for t in tables[:6] for r in t[1:]}
    assert rows["讲党课"] == ["≥1", "1 / ≥1", "0.5", "✓ 已完成", ""]
    assert rows["基层调研走访天数"] == ["≥60", "1.5 / ≥60", "29.75", "! 落后", ""]
    assert rows["“四不两直”调研占比"] == ["≥50%", "100% / ≥50%", "", "· 达标中", ""]
    assert rows["一线办公"] == ["≥1（双周）", "2 / 26双周", "", "✗ 未完成", ""]
    # the entries under their duty, as the Markdown lists them; formula-like text as typed
    after = lines[lines.index("一线办公（第15条）"):]
    assert "2. 2025-01-20 · 凤城街道 · 营商环境座谈（李秘书 记录，待确认）" in after[:8]
    assert "1. 2025-05-04 · =学习二十大精神" in lines
    assert not any("机密" in line for line in lines) and "另有 1 条标为敏感的记录未列出。" in lines
    assert tables[6][1] == ["督办件", "督办函", "2025-06-25", "2025-06-30", "", "◐ 黄"]
    assert tables[7][1] == ["2025-05-01", "2025-05-05", "2025-05-07", "济南", "", "4", "✓ 是，● 未销假"]
    assert doc.core_properties.modified.date().isoformat() == "2025-06-30"  # the data's day


def test_excel_workbook(run, scenario, tmp_path):
    """issue 11 §4: sheets of entries (台账), ledgers and status, Chinese headers, frozen
    header rows, dates as dates — read back with openpyxl."""
    from datetime import datetime

    from openpyxl import load_workbook

    ledger_and_trip(run)
    data = report(run, tmp_path, "xlsx")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["台账", "台账事项", "完成情况", "外出请假"]
    assert all(ws.freeze_panes == "A2" for ws in wb)
    ws = wb["台账"]
    header = [c.value for c in ws[1]]
    assert header[:16] == ["编号", "日期", "类别", "类别代码", "天数", "四不两直", "标题", "地点", "人员",
                           "备注", "联系对象", "记录人", "确认人", "出庭", "巡查", "敏感"]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert [r["日期"] for r in rows] == [datetime(2025, 1, 3), datetime(2025, 1, 20),
                                        datetime(2025, 3, 2), datetime(2025, 5, 4)]  # sensitive left out
    assert ws["B2"].number_format == "yyyy-mm-dd"
    research = rows[2]
    assert (research["类别"], research["天数"], research["四不两直"]) == ("基层调研走访", 1.5, "是")
    lecture = ws.cell(row=5, column=header.index("标题") + 1)
    assert lecture.value == "=学习二十大精神" and lecture.data_type == "s" and lecture.quotePrefix
    assert rows[1]["记录人"] == "李秘书" and rows[1]["确认人"] is None
    [item] = list(wb["台账事项"].iter_rows(min_row=2, values_only=True))
    assert item[1:5] == ("督办件", "督办函", datetime(2025, 6, 25), datetime(2025, 6, 30))
    assert item[7:9] == ("◐ 黄", 0)  # no working day left
    status = {r[2]: r for r in wb["完成情况"].iter_rows(min_row=2, values_only=True)}
    assert status["讲党课"][:7] == ("一、政治建设", 2, "讲党课", "≥1", "1 / ≥1", "0.5", "✓ 已完成")
    assert status["基层调研走访天数"][4:7] == ("1.5 / ≥60", "29.75", "! 落后")
    [trip] = list(wb["外出请假"].iter_rows(min_row=2, values_only=True))
    assert trip[:4] == (datetime(2025, 5, 1), datetime(2025, 5, 5), datetime(2025, 5, 7), "济南")
    assert wb.properties.modified == wb.properties.created == datetime(2025, 6, 30)  # not the clock


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_calendar(run, scenario, tmp_path):
    assert run("ledger", "add", "supervision", "--subject", "王明", "--opened", "2025-03-01",
               "--due", "2025-03-20", "--title", "督办：港口, 码头").code == 0
    assert run("leave", "request", "--subject", "王明", "--requested", "2025-04-01", "--depart",
               "2025-04-05", "--return", "2025-04-07", "--destination", "北京").code == 0
    data = report(run, tmp_path, "ics")
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # the long title was folded
    lines = unfold(text)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 4
    sessions = [i for i, line in enumerate(lines) if line == "CATEGORIES:一线办公"]
    assert len(sessions) == 2  # one VEVENT per frontline session
    assert "DTSTART;VALUE=DATE:20250103" in lines and "DTEND;VALUE=DATE:20250104" in lines
    assert "LOCATION:留格庄镇\\, 政府" in lines
    assert any(line.startswith("SUMMARY:一线办公：一线办公\\；".replace("\\；", "；")) for line in lines)
    assert "DTSTART;VALUE=DATE:20250320" in lines  # the ledger due date
    assert any(line.startswith("SUMMARY:台账到期：督办：港口\\, 码头") for line in lines)
    assert "DTSTART;VALUE=DATE:20250405" in lines and "DTEND;VALUE=DATE:20250408" in lines  # the trip
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 4 and all(line.startswith("DTSTAMP:") and line.endswith("Z")
                                       for line in lines if line.startswith("DTSTAMP"))
    assert report(run, tmp_path, "ics") == data  # no clock inside: the same file again


def test_ics_escapes_text():
    from dutylog.services.report_ics import escape, fold

    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = fold("SUMMARY:" + "调研" * 40)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "SUMMARY:" + "调研" * 40


def test_report_refusals(run, scenario, tmp_path):
    r = run("report", "--subject", "无名", "--year", "2025", "--format", "md", "--out", tmp_path / "x.md")
    assert r.code == 2 and "无名" in r.err
    r = run("report", "--subject", "王明", "--format", "md", "--out", tmp_path / "nope" / "x.md")
    assert r.code == 2 and "不存在" in r.err
    r = run("report", "--subject", "王明", "--format", "pdf", "--out", tmp_path / "x.pdf")
    assert r.code == 2


def test_report_inside_data_folder_is_private(run, scenario, dutylog_home):
    out = dutylog_home / "r.md"
    assert run("report", "--subject", "王明", "--year", "2025", "--out", out).code == 0
    assert out.stat().st_mode & 0o777 == 0o600


def test_report_never_overwrites_the_database(run, scenario, dutylog_home):
    for target in (dutylog_home / "dutylog.db", dutylog_home / "backups" / "x.md"):
        r = run("report", "--subject", "王明", "--year", "2025", "--out", target)
        assert r.code == 2 and "自己的数据" in r.err
    assert len(run("entries", "--json").json) == 5  # the database still answers
