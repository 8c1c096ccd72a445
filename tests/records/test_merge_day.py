"""The office's merge day (issue 14 §6): `import` of a folder of bundles or several paths,
one transaction per bundle, a summary per source and a total.

The folder, computed by hand (times on 1 June 2025):
  a.jsonl  subject 王明, e1 (08:00 "A"), e2 (08:00)        → new 3
  b.jsonl  subject 王明 (same), e1 edited at 10:00 without having seen A's version ("B"),
           e3                                                → new 1, updated 1, conflicts 1
  c.jsonl  written by dutylog, then one byte altered          → refused, nothing of it written
Total: 2 of 3 merged, new 4, updated 1, conflicts 1, refused 1; exit 2 (a refusal).
Again: a's e1 is older than ours and its stamp is known (no conflict), the rest equal:
new 0, updated 0, conflicts 0, still refused 1, the entries unchanged.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def folder(hb, tmp_path):
    d = tmp_path / "usb"
    d.mkdir()
    s = hb.subject()
    hb.write_bundle(d / "a.jsonl", [s, hb.entry(1, hb.t(8), note="A"), hb.entry(2, hb.t(8))],
                    source="laptop-a")
    hb.write_bundle(d / "b.jsonl", [s, hb.entry(1, hb.t(10), note="B"), hb.entry(3, hb.t(8))],
                    source="laptop-b")
    c = hb.write_bundle(d / "c.jsonl", [s, hb.entry(4, hb.t(8), note="丙")], source="laptop-c")
    c.write_bytes(c.read_bytes().replace("丙".encode(), "乙".encode()))
    (d / "notes.txt").write_text("not a bundle")  # not .jsonl: not taken from a folder
    (d / ".hidden.jsonl").write_text("{}")  # hidden: not taken
    return d


def notes(run):
    r = run("entries", "--json")
    assert r.code == 0, r.err
    return sorted((e["id"][:8], e["note"]) for e in r.json)


def test_folder_two_merged_one_refused(run, folder):
    r = run("import", folder, "--json")
    assert r.code == 2
    day = r.json
    by = {s["source"].rsplit("/", 1)[-1]: s for s in day["sources"]}
    assert list(by) == ["a.jsonl", "b.jsonl", "c.jsonl"]
    assert (by["a.jsonl"]["new"], by["a.jsonl"]["updated"], by["a.jsonl"]["conflicts"]) == (3, 0, 0)
    assert (by["b.jsonl"]["new"], by["b.jsonl"]["updated"], by["b.jsonl"]["conflicts"]) == (1, 1, 1)
    assert by["c.jsonl"]["refused"] and by["c.jsonl"]["status"] == "refused"
    assert "truncated or altered" in by["c.jsonl"]["reason"]
    assert day["total"] == {"sources": 3, "merged": 2, "refused": 1, "new": 4, "updated": 1,
                            "unchanged": 1, "conflicts": 1}
    assert "c.jsonl" in r.err and "已拒绝：" in r.err and "第 4 行：校验和不符" in r.err
    assert notes(run) == [("00000001", "B"), ("00000002", ""), ("00000003", "")]

    again = run("import", folder, "--json")
    assert again.code == 2
    assert again.json["total"] == {"sources": 3, "merged": 2, "refused": 1, "new": 0,
                                   "updated": 0, "unchanged": 6, "conflicts": 0}
    assert notes(run) == [("00000001", "B"), ("00000002", ""), ("00000003", "")]


def test_table_per_source_and_total(run, folder):
    r = run("import", folder / "a.jsonl", folder / "c.jsonl", folder / "b.jsonl")
    assert r.code == 2
    rows = [line.split() for line in r.out.splitlines()]
    assert rows[0][:2] == ["来源", "新增"]  # the run's language (Chinese by default)
    table = {row[0]: row[1:] for row in rows[2:]}  # after the header and its rule
    assert table["a.jsonl"] == ["3", "0", "0"]
    assert table["c.jsonl"][:3] == ["0", "0", "0"] and "拒绝" in table["c.jsonl"]
    assert table["b.jsonl"] == ["1", "1", "1"]
    total = rows[-1]
    assert total == ["合计", "(2/3)", "4", "1", "1", "1"]


def test_all_good_exit_0(run, folder):
    (folder / "c.jsonl").unlink()
    r = run("import", folder)
    assert r.code == 0, r.err
    assert r.err == ""


def test_one_file_keeps_the_single_bundle_output(run, folder):
    r = run("import", folder / "a.jsonl")
    assert r.code == 0
    assert r.out.startswith("新增 3，更新 0，未变 0，已解决冲突 0")


def test_missing_path_refused_before_anything(run, folder):
    r = run("import", folder / "a.jsonl", folder / "nope.jsonl")
    assert r.code == 2
    assert "nope.jsonl" in r.err and "找不到" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert run("entries", "--json").json == []


def test_empty_folder_refused(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("import", empty)
    assert r.code == 2 and "这个文件夹中没有捆包" in r.err


def test_progress_bar_one_line_on_a_terminal(folder):
    import io

    from dutylog.cli.progress import MergeProgressBar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    files = sorted(folder.glob("[abc].jsonl"))
    out = Tty()
    bar = MergeProgressBar(files, stream=out)
    bar(0, 3, 0, 3)
    bar(1, 3, 3, 3)
    bar(3, 3, 0, 0)
    bar.close()
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "100%" in text and "3/3" in text


def test_export_and_import_report_in_the_runs_language(run, monkeypatch, tmp_path):
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    out = tmp_path / "a.jsonl"
    assert run("export", out).out.strip() == f"已写入 1 条记录到 {out}"
    monkeypatch.setenv("DUTYLOG_LANG", "en")
    assert run("export", out, "--force").out.strip() == f"1 records written to {out}"
