"""`dutylog import-table`: an office's Excel or CSV 台账 brought in, all or nothing (issue 11 §5)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook

TODAY = "2026-11-28"
HEADERS = ["日期", "类别", "天数", "标题", "地点", "人员", "备注", "对象", "记录人"]
# kinds as an office writes them: Chinese name, pinyin, prefix, id
KINDS = [("基层调研走访", 1), ("yxbg", None), ("民情", None), ("policy-report", None),
         ("企业走访调研", None)]


@pytest.fixture
def office(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "王明", "--role", "leader", "--since", "2026-01-01").code == 0
    assert run("link", "王明", "enterprise", "海阳某公司", "--since", "2026-01-01").code == 0
    return run


def ledger_rows(n: int = 1000) -> list[list]:
    """n rows of 2026 up to 28 November, in the forms an office's sheet holds: Excel date
    cells, 2026年3月5日, 2026/3/5 and 2026.3.5 text, kinds by name, pinyin, prefix and id."""
    start = date(2026, 1, 1)
    rows = []
    for i in range(n):
        day = start + timedelta(days=i % 330)
        kind, days = KINDS[i % len(KINDS)]
        form = i % 4
        when = (datetime(day.year, day.month, day.day) if form == 0 else
                f"{day.year}年{day.month}月{day.day}日" if form == 1 else
                f"{day.year}/{day.month}/{day.day}" if form == 2 else
                f"{day.year}.{day.month}.{day.day}")
        obj = "海阳某公司" if kind == "企业走访调研" else None
        rows.append([when, kind, days, f"第{i + 1}项", "凤城街道", "张三、李四", f"备注{i}", obj,
                     "李秘书" if i % 2 else None])
    return rows


BAD = {  # index into ledger_rows -> what makes it bad, and the reason's beginning
    10: (0, "2026/2/30", "日期："),           # not on the calendar
    500: (1, "开大会", "类别："),              # no such kind
    901: (7, "无此企业", "联系对象："),           # an enterprise not linked: refused by `log` itself
}


def spoil(rows: list[list]) -> list[list]:
    rows = [list(r) for r in rows]
    for i, (col, value, _) in BAD.items():
        rows[i][col] = value
    rows[901][1] = "企业走访调研"
    return rows


def write_xlsx(path, rows, title_row: bool = True):
    wb = Workbook()
    ws = wb.active
    ws.title = "2026年台账"
    if title_row:
        ws.append(["王明同志2026年履职台账"])  # a title above the header, as offices do
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path, 2 if title_row else 1  # the header's row number


def write_csv(path, rows, encoding: str):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS)
    for r in rows:
        w.writerow([v.strftime("%Y-%m-%d") if isinstance(v, datetime) else ("" if v is None else v)
                    for v in r])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def entry_count(run) -> int:
    res = run("entries", "--subject", "王明", "--json")
    assert res.code == 0, res.err
    return len(res.json)


def test_a_1000_row_workbook_with_3_bad_rows_is_refused_whole_then_imports_once_fixed(office, tmp_path):
    run = office
    path, header = write_xlsx(tmp_path / "台账.xlsx", spoil(ledger_rows()))
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 2
    lines = res.err.strip().splitlines()
    assert len(lines) == 4, res.err  # one line per bad row, then the refusal
    for line, (i, (_, _, reason)) in zip(lines, sorted(BAD.items()), strict=False):
        assert line.startswith(f"dutylog: 第 {header + 1 + i} 行："), line  # the sheet's row number
        assert reason in line
    assert "1000 行中有 3 行有误，未导入任何记录" in lines[-1]
    assert entry_count(run) == 0  # nothing changed

    path, _ = write_xlsx(tmp_path / "台账.xlsx", ledger_rows())
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    assert "已导入 1000 条记录" in res.out
    # 200 of each kind; field research is 1 day a row, the others count no days
    assert "将新增 1000 条记录，共 200 天" in res.out
    entries = run("entries", "--subject", "王明", "--json").json
    assert len(entries) == 1000
    first = min(entries, key=lambda e: (e["date"], e["title"]))
    assert (first["date"], first["kind"], first["title"], first["days"]) == \
        ("2026-01-01", "field-research", "第1项", 1.0)
    kinds = {e["kind"] for e in entries}
    assert kinds == {"field-research", "frontline-office", "diary", "policy-report", "enterprise-visit"}
    visit = next(e for e in entries if e["kind"] == "enterprise-visit")
    assert visit["object_name"] == "海阳某公司"
    assert {e["recorded_by"] for e in entries} == {"王明", "李秘书"}

    # the same file again: every row is found, nothing changes
    before = sorted((e["id"], e["updated_at"]) for e in entries)
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    assert "已导入过 1000 行" in res.out and "没有新的记录，未作改动" in res.out
    after = run("entries", "--subject", "王明", "--json").json
    assert sorted((e["id"], e["updated_at"]) for e in after) == before


def test_rows_added_to_the_file_are_the_only_ones_imported(office, tmp_path):
    run = office
    rows = ledger_rows(20)
    path, _ = write_xlsx(tmp_path / "t.xlsx", rows[:12])
    assert run("import-table", path, "--subject", "王明", "--yes").code == 0
    path, _ = write_xlsx(tmp_path / "t.xlsx", rows)
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    assert "已导入过 12 行" in res.out and "已导入 8 条记录" in res.out
    assert entry_count(run) == 20


def test_two_identical_rows_are_two_entries_and_stay_two(office, tmp_path):
    run = office
    row = [datetime(2026, 3, 2), "民情日记", None, "走访", "东村", None, None, None, None]
    path, _ = write_xlsx(tmp_path / "t.xlsx", [row, row])
    assert run("import-table", path, "--subject", "王明", "--yes").code == 0
    assert run("import-table", path, "--subject", "王明", "--yes").code == 0
    assert entry_count(run) == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_csv_in_utf8_with_bom_or_gbk_is_read_and_refused_the_same_way(office, tmp_path, encoding):
    run = office
    path = write_csv(tmp_path / "台账.csv", spoil(ledger_rows(1000)), encoding)
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 2
    # the CSV's record numbers: the header is record 1
    assert [line.split("：")[0] for line in res.err.strip().splitlines()[:3]] == \
        [f"dutylog: 第 {i + 2} 行" for i in sorted(BAD)]
    assert entry_count(run) == 0
    path = write_csv(tmp_path / "台账.csv", ledger_rows(1000), encoding)
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    assert entry_count(run) == 1000
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0 and "没有新的记录" in res.out
    assert entry_count(run) == 1000


def test_english_headers_and_a_subject_column_need_no_subject_option(office, tmp_path):
    run = office
    assert run("subject", "add", "李华", "--role", "cadre", "--since", "2026-01-01").code == 0
    path = tmp_path / "office.csv"
    path.write_text("Subject,Date,Kind,Days,Title\n王明,2026-03-02,diary,,a\n李华,上周五,jcdyzf,0.5,b\n"
                    ",2026-03-04,diary,,c\n", encoding="utf-8")
    res = run("import-table", path, "--dry-run")
    assert res.code == 2  # row 4 names no one and no --subject fills it
    assert res.err.startswith("dutylog: 第 4 行：对象：空；请填写姓名，或给出 --subject")
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    li = run("entries", "--subject", "李华", "--json").json
    assert [(e["date"], e["kind"], e["days"]) for e in li] == [("2026-11-20", "field-research", 0.5)]
    assert entry_count(run) == 2


def test_without_subject_column_or_option_it_is_refused(office, tmp_path):
    path, _ = write_xlsx(tmp_path / "t.xlsx", ledger_rows(3))
    res = office("import-table", path)
    assert res.code == 2 and "--subject" in res.err and res.err.count("\n") == 1


def test_dry_run_shows_the_preview_and_changes_nothing(office, tmp_path):
    run = office
    path, header = write_xlsx(tmp_path / "t.xlsx", ledger_rows(7))
    res = run("import-table", path, "--subject", "王明", "--dry-run")
    assert res.code == 0, res.err
    out = res.out
    assert "t.xlsx（工作表 2026年台账）：7 行，记入 王明" in out
    assert "读取的列：日期、类别、天数、标题、地点、人员、备注、对象、记录人" in out
    assert "2026-01-01" in out and "基层调研走访" in out and "第1项" in out  # rows as stored
    assert "……另 2 行" in out
    assert "将新增 7 条记录，共 2 天" in out
    assert "未作改动" in out
    assert entry_count(run) == 0


def test_without_yes_and_without_a_terminal_it_asks_for_yes(office, tmp_path):
    path, _ = write_xlsx(tmp_path / "t.xlsx", ledger_rows(3))
    res = office("import-table", path, "--subject", "王明")
    assert res.code == 2 and "--yes" in res.err
    assert entry_count(office) == 0


@pytest.mark.parametrize(("name", "content", "said"), [
    ("old.xls", b"\xd0\xcf\x11\xe0", ".xlsx"),
    ("t.csv", "名字,地址\n王,东\n".encode(), "日期"),
    ("t.csv", b"\xff\xfe\xfa\x00\x00\xd8", "UTF-8"),
])
def test_files_it_cannot_read_are_one_line(office, tmp_path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)
    res = office("import-table", path, "--subject", "王明")
    assert res.code == 2 and said in res.err and res.err.count("\n") == 1


def test_the_english_refusal_names_rows(office, tmp_path):
    rows = spoil(ledger_rows(1000))
    path, header = write_xlsx(tmp_path / "t.xlsx", rows, title_row=False)
    res = office("--lang", "en", "import-table", path, "--subject", "王明", "--yes")
    assert res.code == 2
    assert res.err.startswith(f"dutylog: row {header + 11}: date:")
    assert "3 of 1000 rows refused; nothing was imported" in res.err


def test_dutylogs_own_workbook_imports_back_without_doubling(office, tmp_path):
    """The 台账 sheet of `report --format xlsx` carries each entry's 编号: into an empty
    data folder it brings the same ids; into the same one it changes nothing."""
    run = office
    for i in range(3):
        assert run("log", "diary", "--subject", "王明", "--date", f"2026-03-0{i + 1}", "--title", f"t{i}").code == 0
    out = tmp_path / "r.xlsx"
    assert run("report", "--subject", "王明", "--year", "2026", "--format", "xlsx", "--out", out).code == 0
    res = run("import-table", out, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    assert "已导入过 3 行" in res.out
    assert entry_count(run) == 3


def test_excel_day_numbers_times_and_the_sheet_option(office, tmp_path):
    """A date cell Excel lost its format for (a day number), a date with a time after it, and
    the sheet named with --sheet; other sheets are not read."""
    run = office
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为台账说明"])
    ws = wb.create_sheet("三月")
    ws.append(["date", "kind", "title"])
    ws.append([46083, "diary", "a"])  # 2026-03-02 as Excel counts days
    ws.append(["2026-03-03 10:30", "diary", "b"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    res = run("import-table", path, "--subject", "王明", "--sheet", "三月", "--yes")
    assert res.code == 0, res.err
    got = sorted((e["date"], e["title"]) for e in run("entries", "--json").json)
    assert got == [("2026-03-02", "a"), ("2026-03-03", "b")]
    res = run("import-table", path, "--subject", "王明", "--sheet", "四月")
    assert res.code == 2 and "四月" in res.err and "三月" in res.err


def test_a_deleted_imported_entry_is_not_brought_back(office, tmp_path):
    run = office
    path, _ = write_xlsx(tmp_path / "t.xlsx", ledger_rows(3))
    assert run("import-table", path, "--subject", "王明", "--yes").code == 0
    gone = run("entries", "--json").json[0]["id"]
    assert run("delete", gone).code == 0
    res = run("import-table", path, "--subject", "王明", "--yes")
    assert res.code == 0 and "已导入过 3 行" in res.out
    assert entry_count(run) == 2


def test_it_asks_at_a_terminal_and_no_keeps_everything_as_it_was(office, tmp_path, monkeypatch):
    import dutylog.cli.table_import as cli_module

    path, _ = write_xlsx(tmp_path / "t.xlsx", ledger_rows(3))
    monkeypatch.setattr(cli_module, "_can_ask", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    res = office("import-table", path, "--subject", "王明")
    assert res.code == 0 and "导入这 3 条记录？" in res.out and "未导入" in res.out
    assert entry_count(office) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    res = office("import-table", path, "--subject", "王明")
    assert res.code == 0 and "已导入 3 条记录" in res.out
    assert entry_count(office) == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dutylogs_own_export_moves_to_another_laptop_with_its_ids(office, tmp_path, monkeypatch, fmt):
    """A report written on one laptop, imported on another: the same entries, same ids."""
    run = office
    assert run("log", "field-research", "--subject", "王明", "--date", "2026-03-02", "--days", "1.5",
               "--four-no", "--title", "=港口调研", "--place", "海阳港").code == 0
    assert run("log", "enterprise-visit", "--subject", "王明", "--date", "2026-04-01",
               "--object", "海阳某公司", "--by", "李秘书").code == 0
    out = tmp_path / f"r.{fmt}"
    assert run("report", "--subject", "王明", "--year", "2026", "--format", fmt, "--out", out).code == 0
    keep = ("id", "date", "kind", "days", "four_no", "title", "place", "object_name", "recorded_by")
    before = [{k: e[k] for k in keep} for e in run("entries", "--json").json]

    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other-laptop"))
    assert run("subject", "add", "王明", "--role", "leader", "--since", "2026-01-01").code == 0
    assert run("link", "王明", "enterprise", "海阳某公司", "--since", "2026-01-01").code == 0
    res = run("import-table", out, "--subject", "王明", "--yes")
    assert res.code == 0, res.err
    after = [{k: e[k] for k in keep} for e in run("entries", "--json").json]
    assert after == before
    assert after[0]["title"] == "=港口调研"  # the CSV's quote that defused it is taken off
