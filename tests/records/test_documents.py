"""`make documents` (scripts/documents.py): the demo year's Word and Excel reports and the
README's picture of the Word report (issue 11 §4, "Done when")."""

from __future__ import annotations

import importlib.util
import re
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load():
    spec = importlib.util.spec_from_file_location("documents", ROOT / "scripts" / "documents.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The documents written twice, into two folders, as `make documents` writes them."""
    import os
    import time

    old = os.environ.get("TZ")
    mod = load()
    try:
        first = mod.build(tmp_path_factory.mktemp("one"))
        second = mod.build(tmp_path_factory.mktemp("two"))
    finally:  # build() pins the zone to 北京时间; the other tests get theirs back
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
    return mod, first, second


def test_the_same_program_writes_the_same_files(built):
    _, first, second = built
    for fmt in ("docx", "xlsx"):
        assert first[fmt].name == f"report-demo.{fmt}"
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_the_word_report_of_the_demo_year(built):
    from docx import Document

    _, files, _ = built
    doc = Document(str(files["docx"]))
    lines = [p.text for p in doc.paragraphs]
    assert lines[0] == "张海峰 2024 年度履职情况（述职材料）"
    assert "期间：2024-01-01 至 2024-12-31" in lines  # a closed year, as handed in
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    parts = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert parts[:6] == ["一、政治建设", "二、推动高质量发展", "三、服务于民", "四、作风建设", "五、机制建设",
                         "六、从严管党治党"]
    assert all(t[0] == ["职责", "目标", "完成", "应达", "状态", "备注"] for t in tables[:6])
    statuses = {r[4] for t in tables[:6] for r in t[1:]}
    assert "✓ 已完成" in statuses  # a diligent leader's closed year: duties met …
    assert statuses <= {"✓ 已完成", "✗ 未完成", "无指标", "↑ 超出上限"}  # … or missed: nothing still running
    listed = [line for line in lines if re.match(r"\d+\. 2024-\d\d-\d\d · ", line)]
    assert len(listed) > 100  # the year's entries under their duties


def test_the_excel_workbook_of_the_demo_year(built):
    from openpyxl import load_workbook

    _, files, _ = built
    wb = load_workbook(files["xlsx"])
    assert wb.sheetnames == ["台账", "台账事项", "完成情况", "外出请假"]
    ws = wb["台账"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) > 100
    assert all(isinstance(r["日期"], datetime) and r["日期"].year == 2024 for r in rows)
    # every write of the demo was stamped 09:00 北京时间 on 18 June 2025 (plus microseconds)
    assert {r["更新时间"] for r in rows} == {datetime(2025, 6, 18, 9, 0)}
    assert wb["完成情况"].max_row > 20


def test_the_make_target_and_the_readme_picture():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^documents: .*\n\t.*scripts/documents\.py$", makefile, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "screenshots/report-demo.png" in readme
    png = ROOT / "screenshots" / "report-demo.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for fmt in ("docx", "xlsx"):
        assert (ROOT / "screenshots" / f"report-demo.{fmt}").stat().st_size > 10_000


def test_the_picture_is_page_one_of_the_word_file(built, tmp_path):
    """Where LibreOffice and pdftoppm are installed, the picture is drawn from the .docx."""
    import shutil

    mod, files, _ = built
    if not ((shutil.which("soffice") or shutil.which("libreoffice")) and shutil.which("pdftoppm")):
        pytest.skip("LibreOffice and pdftoppm draw the picture; not installed here")
    png = mod.picture(files["docx"], tmp_path / "p.png", width=400)
    assert png is not None and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png.read_bytes()[16:20], "big")
    height = int.from_bytes(png.read_bytes()[20:24], "big")
    assert width == 400 and 560 <= height <= 570  # one A4 page: 400 × 400·√2
